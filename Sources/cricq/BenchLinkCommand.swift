import ArgumentParser
import CricketDB
import Foundation
import Understanding

/// `cricq bench link`: start-up (name index from the database) and per-question linking time,
/// with a naive peer (every word n-gram edit-distance-scanned against every name) for scale.
struct BenchLink: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link",
    abstract: "Name-index build and question-linking time over corpus/linking.jsonl (targets: 200 ms, 5 ms).")

  @Option(help: "Labelled questions (default: corpus/linking.jsonl).")
  var questions = "corpus/linking.jsonl"

  @Option(help: "Timed rounds over all questions.")
  var rounds = 20

  @Option(help: "Index builds to time.")
  var builds = 7

  @Option(help: "The database file (default: $CRICQ_HOME/cricket.sqlite).")
  var db: String?

  func run() throws {
    let database = db.map { URL(fileURLWithPath: $0) } ?? CricqPaths.database
    guard let aliasFolder = LinkAliases.defaultDirectory() else {
      throw ValidationError("corpus/aliases not found: run from the repository or set CRICQ_ALIASES.")
    }
    let rows = try LinkingEvaluation.load(URL(fileURLWithPath: questions))
    let texts = rows.map(\.question)

    // Cold: the catalog from SQL (first start after `cricq db build`), once.
    let handle = try Database(path: database.path, mode: .readOnly)
    var start = now()
    let fromSQL = try LinkCatalog.fromDatabase(handle)
    let sqlMs = elapsed(start)
    // Warm start-up: cached snapshot (checked against the build stamp) + alias files + index.
    _ = try QuestionLinker.loadCatalog(database: database)
    var startups: [Double] = []
    var linker: QuestionLinker?
    for _ in 0..<builds {
      start = now()
      let catalog = try QuestionLinker.loadCatalog(database: database)
      linker = QuestionLinker(catalog: catalog, aliases: try LinkAliases.load(from: aliasFolder))
      startups.append(elapsed(start))
    }
    guard let linker else { return }
    var indexOnly: [Double] = []
    let aliases = try LinkAliases.load(from: aliasFolder)
    for _ in 0..<builds {
      start = now()
      _ = QuestionLinker(catalog: fromSQL, aliases: aliases)
      indexOnly.append(elapsed(start))
    }
    print("start-up: \(fromSQL.players.count) players, \(fromSQL.teams.count) teams, \(fromSQL.venues.count) grounds, \(fromSQL.events.count) competitions")
    print(String(format: "  catalog from SQL (cold, once per database build): %.0f ms", sqlMs))
    print(
      String(
        format: "  snapshot + aliases + index (each start): median %.1f ms; index alone %.1f ms; median / 200 ms target = %.3f",
        median(startups), median(indexOnly), median(startups) / 200))

    for text in texts { _ = linker.understand(text) }
    var perQuestion: [Double] = []
    var slowest = (0.0, "")
    for text in texts {
      var times: [Double] = []
      for _ in 0..<rounds {
        start = now()
        _ = linker.understand(text)
        times.append(elapsed(start))
      }
      perQuestion.append(median(times))
      if median(times) > slowest.0 { slowest = (median(times), text) }
    }
    perQuestion.sort()
    let p90 = perQuestion[min(perQuestion.count - 1, perQuestion.count * 9 / 10)]
    print("linking: \(texts.count) questions × \(rounds) rounds")
    print(
      String(
        format: "  median %.3f ms, p90 %.3f ms, max %.3f ms; median / 5 ms target = %.3f",
        median(perQuestion), p90, perQuestion.last ?? 0, median(perQuestion) / 5))
    print("  slowest: \"\(slowest.1)\"")

    // Peer: scan every 1–3-word n-gram against every name key with an edit-distance bound.
    let keys = linker.index.allKeys
    let sample = Array(texts.prefix(40))
    start = now()
    for text in sample { _ = NaiveLinker.link(text, keys: keys) }
    let naive = elapsed(start) / Double(sample.count)
    start = now()
    for _ in 0..<rounds { for text in sample { _ = linker.understand(text) } }
    let ours = elapsed(start) / Double(sample.count * rounds)
    print(String(format: "  naive n-gram scan over %d names: %.2f ms per question; ratio naive / cricq = %.0f×", keys.count, naive, naive / ours))
  }

  private func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
  private func elapsed(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
  private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}

/// The peer: what linking costs without an index.
enum NaiveLinker {
  static func link(_ text: String, keys: [String]) -> Int {
    let words = Tokenizer.tokenize(text).map(\.folded)
    var hits = 0
    for n in 1...3 where words.count >= n {
      for i in 0...(words.count - n) {
        let gram = Array(words[i..<(i + n)].joined(separator: " ").utf8)
        for key in keys where levenshtein(gram, Array(key.utf8)) <= 1 { hits += 1 }
      }
    }
    return hits
  }

  private static func levenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if abs(a.count - b.count) > 1 { return 2 }
    var prev = Array(0...b.count)
    var row = prev
    for i in 1...max(1, a.count) where !a.isEmpty {
      row[0] = i
      for j in 1...max(1, b.count) where !b.isEmpty {
        row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&prev, &row)
    }
    return prev[b.count]
  }
}
