import Foundation

/// Times JSON parsing of Cricsheet files: Foundation's JSONSerialization (the peer) against
/// cricq's byte-level decoder, on the same in-memory files, single-threaded.
public enum ImportBenchmark {
  public struct Result: Sendable {
    public let name: String
    /// Seconds per pass over all files, one entry per repetition.
    public let seconds: [Double]
    public var median: Double { seconds.sorted()[seconds.count / 2] }
  }

  /// Inflates every `.json` member of `zipPath`, then times `repetitions` passes of each parser.
  /// `checksum` sums innings counts so the optimiser cannot drop the work; it is printed.
  public static func run(zipPath: String, repetitions: Int = 3) throws
    -> (bytes: Int, files: Int, checksum: Int, results: [Result])
  {
    let entries = try ImportSources.entries(paths: [zipPath])
    guard !entries.isEmpty else { throw ImportError.noSource("no .json match files in \(zipPath)") }
    let files = try entries.map { try $0.load() }
    let bytes = files.reduce(0) { $0 + $1.count }
    let datas = files.map { Data($0) }
    var foundation: [Double] = []
    var decoder: [Double] = []
    var derived: [Double] = []
    var sink = 0
    for _ in 0..<max(1, repetitions) {
      var start = Date()
      for data in datas {
        let object = try JSONSerialization.jsonObject(with: data)
        sink &+= (object as? [String: Any])?.count ?? 0
      }
      foundation.append(Date().timeIntervalSince(start))
      start = Date()
      for (index, file) in files.enumerated() {
        let match = try file.withUnsafeBufferPointer {
          try CricsheetDecoder.decode($0, name: entries[index].displayName)
        }
        sink &+= match.innings.count
      }
      decoder.append(Date().timeIntervalSince(start))
      start = Date()
      for (index, file) in files.enumerated() {
        let match = try file.withUnsafeBufferPointer {
          try CricsheetDecoder.decode($0, name: entries[index].displayName)
        }
        sink &+= try MatchDeriver.derive(match, id: index + 1, name: entries[index].displayName)
          .innings.count
      }
      derived.append(Date().timeIntervalSince(start))
    }
    return (
      bytes, files.count, sink,
      [
        Result(name: "JSONSerialization (parse only)", seconds: foundation),
        Result(name: "CricsheetDecoder (parse + extract)", seconds: decoder),
        Result(name: "CricsheetDecoder + MatchDeriver", seconds: derived),
      ]
    )
  }
}
