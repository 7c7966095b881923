import Foundation

/// Aggregates results.csv into tables with 95 % bootstrap intervals and the study's plots.
public struct StudyReport {
  public struct Cell: Hashable, Comparable, Sendable {
    public var model: String
    public var selection: String
    public var k: Int

    public static func < (a: Cell, b: Cell) -> Bool {
      (a.model, a.selection, a.k) < (b.model, b.selection, b.k)
    }
  }

  public struct Summary: Sendable {
    public var questions: Int
    public var executionAccuracy: Estimate
    public var exactMatch: Estimate
    public var rawEntropy: Estimate
    public var maskedEntropy: Estimate
    public var goldBitsPerToken: Estimate
    public var goldProbability: Estimate
    public var medianPromptTokens: Double
    public var medianGenerateSeconds: Double
    public var roleRawEntropy: [TokenRole: Estimate]
    public var roleGoldBits: [TokenRole: Estimate]
  }

  public let rows: [StudyRow]
  public let summaries: [Cell: Summary]
  public let seed: UInt64

  /// Summarises `rows`, keeping for each model only the questions that have every cell the
  /// model has anywhere (a stopped run's last question is left out, so every k and selection
  /// is measured on the same questions).
  public init(rows: [StudyRow], seed: UInt64 = 1) {
    self.rows = Self.completeQuestions(rows)
    self.seed = seed
    var grouped: [Cell: [StudyRow]] = [:]
    for row in self.rows {
      grouped[Cell(model: row.key.model, selection: row.key.selection, k: row.key.k), default: []]
        .append(row)
    }
    summaries = grouped.mapValues { Self.summarise($0, seed: seed) }
  }

  static func completeQuestions(_ rows: [StudyRow]) -> [StudyRow] {
    var kept: [StudyRow] = []
    for model in ordered(rows.map(\.key.model)) {
      let mine = rows.filter { $0.key.model == model }
      let cells = Set(mine.map { "\($0.key.selection) \($0.key.k)" })
      let cellsOf = Dictionary(grouping: mine, by: \.key.questionID).mapValues {
        Set($0.map { "\($0.key.selection) \($0.key.k)" })
      }
      kept += mine.filter { cellsOf[$0.key.questionID] == cells }
    }
    return kept
  }

  static func summarise(_ rows: [StudyRow], seed: UInt64) -> Summary {
    func estimate(_ values: [Double]) -> Estimate {
      Bootstrap.meanInterval(values.filter(\.isFinite), seed: seed)
    }
    func median(_ values: [Double]) -> Double {
      let sorted = values.filter(\.isFinite).sorted()
      guard !sorted.isEmpty else { return .nan }
      return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    var roleRaw: [TokenRole: Estimate] = [:]
    var roleBits: [TokenRole: Estimate] = [:]
    for role in TokenRole.allCases {
      let figures = rows.compactMap { $0.roles[role] }.filter { $0.tokens > 0 }
      roleRaw[role] = estimate(figures.map(\.rawEntropy))
      roleBits[role] = estimate(figures.map { -$0.goldLog2Prob })
    }
    return Summary(
      questions: rows.count,
      executionAccuracy: estimate(rows.map { $0.executionCorrect ? 100 : 0 }),
      exactMatch: estimate(rows.map { $0.exactMatch ? 100 : 0 }),
      rawEntropy: estimate(rows.map(\.rawEntropy)),
      maskedEntropy: estimate(rows.filter(\.goldInGrammar).map(\.maskedEntropy)),
      goldBitsPerToken: estimate(rows.map { -$0.goldLog2ProbPerToken }),
      goldProbability: estimate(rows.map(\.goldProbability)),
      medianPromptTokens: median(rows.map { Double($0.promptTokens) }),
      medianGenerateSeconds: median(rows.map(\.generateSeconds)),
      roleRawEntropy: roleRaw, roleGoldBits: roleBits)
  }

  public var models: [String] { Self.ordered(rows.map(\.key.model)) }
  public var selections: [String] { Self.ordered(rows.map(\.key.selection)) }
  public var ks: [Int] { Array(Set(rows.map(\.key.k))).sorted() }

  static func ordered(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
  }

  // MARK: - Markdown

  static func format(_ e: Estimate, digits: Int = 2) -> String {
    guard e.count > 0, e.mean.isFinite else { return "–" }
    let f = "%.\(digits)f"
    return String(format: "\(f) [\(f), \(f)]", e.mean, e.low, e.high)
  }

  /// The tables: one per model, one row per selection and k; then where the entropy sits.
  public func markdownTables() -> String {
    var out = ""
    for model in models {
      out += "### \(model)\n\n"
      out += "| selection | k | n | execution accuracy % | exact match % | raw entropy bits/token "
      out += "| constrained entropy bits/token | gold bits/token | p(gold token) | prompt tokens "
      out += "| generate s |\n"
      out += "|---|---|---|---|---|---|---|---|---|---|---|\n"
      for selection in selections {
        for k in ks {
          guard let s = summaries[Cell(model: model, selection: selection, k: k)] else {
            continue
          }
          out +=
            "| \(selection) | \(k) | \(s.questions) | \(Self.format(s.executionAccuracy, digits: 0)) "
          out += "| \(Self.format(s.exactMatch, digits: 0)) | \(Self.format(s.rawEntropy)) "
          out += "| \(Self.format(s.maskedEntropy)) | \(Self.format(s.goldBitsPerToken)) "
          out += "| \(Self.format(s.goldProbability)) "
          out += "| \(String(format: "%.0f", s.medianPromptTokens)) "
          out += "| \(String(format: "%.2f", s.medianGenerateSeconds)) |\n"
        }
      }
      out += "\n"
      for selection in selections {
        out += "Raw entropy (bits/token) by DSL position, \(model), \(selection) examples; in "
        out += "brackets the gold token's surprisal (bits/token):\n\n"
        out += "| k | " + TokenRole.allCases.map(\.rawValue).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: TokenRole.allCases.count) + "\n"
        for k in ks {
          guard let s = summaries[Cell(model: model, selection: selection, k: k)] else {
            continue
          }
          let cells = TokenRole.allCases.map { role -> String in
            guard let h = s.roleRawEntropy[role], h.count > 0,
              let b = s.roleGoldBits[role]
            else { return "–" }
            return String(format: "%.2f (%.2f)", h.mean, b.mean)
          }
          out += "| \(k) | " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
      }
    }
    return out
  }

  // MARK: - Plots

  static let selectionColors = ["retrieved": "#1f77b4", "random": "#d62728"]
  static let modelColors = ["#1f77b4", "#2ca02c", "#9467bd", "#8c564b"]

  /// File name → plot.
  public func plots() -> [(name: String, plot: LinePlot)] {
    let xs = ks.map(String.init)
    var out: [(String, LinePlot)] = []
    func points(_ model: String, _ selection: String, _ value: (Summary) -> Estimate)
      -> [Estimate?]
    {
      ks.map { k in summaries[Cell(model: model, selection: selection, k: k)].map(value) }
    }
    var accuracy: [LinePlot.Series] = []
    for (m, model) in models.enumerated() {
      for selection in selections {
        accuracy.append(
          .init(
            name: "\(model), \(selection)",
            points: points(model, selection) { $0.executionAccuracy },
            dashed: selection != "retrieved", color: Self.modelColors[m % Self.modelColors.count]))
      }
    }
    out.append(
      (
        "accuracy_vs_k",
        LinePlot(
          title: "Execution accuracy vs examples in the prompt",
          xLabel: "examples in the prompt (k)", yLabel: "execution accuracy (% of questions)",
          xCategories: xs, series: accuracy, yRange: 0...100)
      ))
    for model in models {
      var entropy: [LinePlot.Series] = []
      for selection in selections {
        let color = Self.selectionColors[selection]
        entropy.append(
          .init(
            name: "\(selection), raw", points: points(model, selection) { $0.rawEntropy },
            color: color))
        entropy.append(
          .init(
            name: "\(selection), constrained",
            points: points(model, selection) { $0.maskedEntropy },
            dashed: true, color: color))
      }
      out.append(
        (
          "entropy_vs_k_\(model)",
          LinePlot(
            title: "\(model): next-token entropy on the gold query",
            xLabel: "examples in the prompt (k)", yLabel: "mean entropy (bits/token)",
            xCategories: xs, series: entropy)
        ))
      let roles = TokenRole.allCases.map { role in
        LinePlot.Series(
          name: role.rawValue,
          points: points(model, "retrieved") { $0.roleRawEntropy[role] ?? Estimate.empty })
      }
      out.append(
        (
          "entropy_by_role_\(model)",
          LinePlot(
            title: "\(model), retrieved: raw entropy by DSL position",
            xLabel: "examples in the prompt (k)", yLabel: "mean raw entropy (bits/token)",
            xCategories: xs, series: roles)
        ))
    }
    return out
  }
}

extension Estimate {
  static let empty = Estimate(mean: .nan, low: .nan, high: .nan, count: 0)
}
