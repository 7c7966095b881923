import Foundation

/// windtunnel.csv, its table and its plot.
public enum WindTunnelReport {
  public static let header = [
    "model", "trial", "k", "shown", "exact_entropy_bits", "model_entropy_bits", "kl_bits",
    "candidate_mass", "used_word_mass",
  ]

  public static func csv(_ results: [(model: String, measurements: [WindTunnel.Measurement])])
    -> String
  {
    var out = CSV.line(header)
    for (model, measurements) in results {
      for m in measurements {
        out += CSV.line([
          model, String(m.trial), String(m.k), m.shown ? "1" : "0",
          String(format: "%.5f", m.exactEntropy), String(format: "%.5f", m.modelEntropy),
          String(format: "%.5f", m.klBits), String(format: "%.5f", m.candidateMass),
          m.usedWordMass.isFinite ? String(format: "%.5f", m.usedWordMass) : "",
        ])
      }
    }
    return out
  }

  /// Per k: entropies and KL with 95 % bootstrap intervals, KL split by whether the queried
  /// measure was shown.
  public static func table(model: String, _ measurements: [WindTunnel.Measurement], seed: UInt64)
    -> String
  {
    var out = "| k | trials | shown % | exact entropy bits | model entropy bits | KL bits (all) "
    out += "| KL bits, shown | KL bits, not shown | p(word used for another measure), not shown "
    out += "| raw mass on the code words |\n"
    out += "|---|---|---|---|---|---|---|---|---|---|\n"
    for k in Array(Set(measurements.map(\.k))).sorted() {
      let at = measurements.filter { $0.k == k }
      func e(_ values: [Double]) -> String {
        StudyReport.format(Bootstrap.meanInterval(values.filter(\.isFinite), seed: seed))
      }
      let shown = at.filter(\.shown)
      let unshown = at.filter { !$0.shown }
      out +=
        "| \(k) | \(at.count) | \(String(format: "%.0f", 100 * Double(shown.count) / Double(at.count))) "
      out +=
        "| \(e(at.map(\.exactEntropy))) | \(e(at.map(\.modelEntropy))) | \(e(at.map(\.klBits))) "
      out += "| \(e(shown.map(\.klBits))) | \(e(unshown.map(\.klBits))) "
      out += "| \(k == 0 ? "–" : e(unshown.map(\.usedWordMass))) "
      out += "| \(e(at.map(\.candidateMass))) |\n"
    }
    return out
  }

  public static func plot(model: String, _ measurements: [WindTunnel.Measurement], seed: UInt64)
    -> LinePlot
  {
    let ks = Array(Set(measurements.map(\.k))).sorted()
    func series(
      _ name: String, dashed: Bool = false, color: String,
      _ pick: (WindTunnel.Measurement) -> Double?
    )
      -> LinePlot.Series
    {
      .init(
        name: name,
        points: ks.map { k in
          let values = measurements.filter { $0.k == k }.compactMap(pick).filter(\.isFinite)
          return values.isEmpty ? nil : Bootstrap.meanInterval(values, seed: seed)
        }, dashed: dashed, color: color)
    }
    return LinePlot(
      title: "Wind tunnel, \(model): model vs exact posterior",
      xLabel: "examples in the prompt (k)", yLabel: "entropy or KL divergence (bits)",
      xCategories: ks.map(String.init),
      series: [
        series("exact posterior entropy", color: "#2ca02c") { $0.exactEntropy },
        series("model entropy", color: "#1f77b4") { $0.modelEntropy },
        series("KL, measure shown", dashed: true, color: "#d62728") { $0.shown ? $0.klBits : nil },
        series("KL, not shown", dashed: true, color: "#ff7f0e") { $0.shown ? nil : $0.klBits },
      ])
  }
}

extension WindTunnelReport {
  /// windtunnel.csv back, grouped by model in file order (empty when the file does not exist).
  public static func load(_ url: URL) throws -> [(
    model: String, measurements: [WindTunnel.Measurement]
  )] {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let table = CSV.parse(try String(contentsOf: url, encoding: .utf8))
    guard table.first == header else {
      throw StudyError.invalid("\(url.path) has unexpected columns; move it away to rerun")
    }
    var out: [(model: String, measurements: [WindTunnel.Measurement])] = []
    for fields in table.dropFirst() where fields.count == header.count {
      guard let trial = Int(fields[1]), let k = Int(fields[2]), let exact = Double(fields[4]),
        let model = Double(fields[5]), let kl = Double(fields[6]), let mass = Double(fields[7])
      else { throw StudyError.invalid("\(url.path): a row has a field that is not a number") }
      let m = WindTunnel.Measurement(
        trial: trial, k: k, shown: fields[3] == "1", exactEntropy: exact, modelEntropy: model,
        klBits: kl, candidateMass: mass, usedWordMass: Double(fields[8]) ?? .nan)
      if let i = out.firstIndex(where: { $0.model == fields[0] }) {
        out[i].measurements.append(m)
      } else {
        out.append((fields[0], [m]))
      }
    }
    return out
  }
}
