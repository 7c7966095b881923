import ArgumentParser
import CricketDB
import DSL
import Foundation

/// `cricq bench dsl`: query latency over the corpus, parse and automaton speed, and the parser
/// fuzz.
struct BenchDSL: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dsl",
    abstract: "Median query latency over the corpus, parser/automaton speed, and the parser fuzz.")

  @Option(help: "Corpus file or folder (default: corpus/).")
  var corpus = "corpus"

  @Option(help: "Timed runs of each query (after one warm-up run).")
  var runs = 5

  @Option(help: "Fuzz inputs (0 to skip).")
  var fuzz = 1_000_000

  @Option(help: "The database file (default: $CRICQ_HOME/cricket.sqlite).")
  var db: String?

  func run() async throws {
    var clock = DispatchTime.now().uptimeNanoseconds
    _ = DSLConstraint()
    let grammarMs = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e6
    let pairs = try Corpus.load(URL(fileURLWithPath: corpus))
    let texts = pairs.map(\.dsl)
    let executor = try DSLExecutor(path: db.map { URL(fileURLWithPath: $0) } ?? CricqPaths.database)

    let allPlayers = try executor.database.query("SELECT unique_name FROM players").rows.compactMap { $0.string(0) }
    clock = DispatchTime.now().uptimeNanoseconds
    let fallback = DSLConstraint(entities: EntityChoices(players: allPlayers))
    let fallbackMs = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e6
    print(
      String(
        format: "automaton build: grammar %.1f ms (once per process); a constraint over all %d players %.1f ms (accepts Kohli: %@)",
        grammarMs, allPlayers.count, fallbackMs,
        fallback.accepts("batting runs where player = \"V Kohli\"") ? "yes" : "no"))

    var perQuery: [(Double, String)] = []
    for pair in pairs {
      let query = try DSLParser.parse(pair.dsl)
      try query.validate(against: executor.names)
      let compiled = try query.compiled()
      _ = try executor.run(compiled)
      var times: [Double] = []
      for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try executor.answer(pair.dsl)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      perQuery.append((median(times), pair.id))
    }
    perQuery.sort { $0.0 < $1.0 }
    let latencies = perQuery.map(\.0)
    print("queries: \(pairs.count) pairs × \(runs) runs (parse + validate + compile + execute, warm)")
    print(
      String(
        format: "  median %.2f ms, p90 %.2f ms, max %.2f ms (%@); median / 100 ms target = %.3f",
        median(latencies), latencies[min(latencies.count - 1, latencies.count * 9 / 10)],
        latencies.last ?? 0, perQuery.last?.1 ?? "-", median(latencies) / 100))

    let parseRounds = 200
    var start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<parseRounds { for text in texts { _ = try DSLParser.parse(text) } }
    let parseMicros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(parseRounds * texts.count)
    let constraint = DSLConstraint()
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    start = DispatchTime.now().uptimeNanoseconds
    var accepted = 0
    for _ in 0..<parseRounds { for text in texts where constraint.accepts(text) { accepted += 1 } }
    let automatonSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("  slowest: " + perQuery.suffix(5).reversed().map { String(format: "%@ %.1f ms", $0.1, $0.0) }.joined(separator: ", "))
    print(String(format: "parse: %.1f µs per query", parseMicros))
    print(
      String(
        format: "automaton: %.1f M bytes/s (%d grammar states, %d/%d accepted)",
        Double(bytes * parseRounds) / automatonSeconds / 1e6, constraint.grammarStateCount,
        accepted / parseRounds, texts.count))

    if fuzz > 0 {
      let report = ParserFuzz.run(count: fuzz, seeds: texts, seed: 2026)
      print("fuzz: \(report)")
      if !report.disagreements.isEmpty || !report.badLocations.isEmpty {
        for line in report.disagreements + report.badLocations { print("  " + line) }
        throw ExitCode(1)
      }
    }
  }

  func median(_ xs: [Double]) -> Double {
    guard !xs.isEmpty else { return 0 }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}
