import ArgumentParser
import CricketDB
import DSL
import Foundation

struct DSLCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dsl",
    abstract: "Run a query written in the cricq DSL (see docs/DSL.md).",
    discussion: """
      Example: cricq dsl 'top 5 batters by sixes where format = ODI and year = 2019 and position = opener'
      With --check FILE.jsonl, parses, validates and runs every pair's `dsl` and reports failures.
      """)

  @Argument(help: "The query, e.g. 'batting runs, average where player = \"V Kohli\" and format = ODI'.")
  var query: String?

  @Flag(help: "Print {\"dsl\", \"sql\", \"parameters\", \"columns\", \"rows\"} as JSON.")
  var json = false

  @Flag(help: "Also show the SQL and its bound parameters.")
  var explain = false

  @Option(help: "Check every pair of a corpus file (JSON Lines) or folder; exit non-zero on any failure.")
  var check: String?

  @Option(help: "The database file (default: $CRICQ_HOME/cricket.sqlite).")
  var db: String?

  func validate() throws {
    if (query == nil) == (check == nil) {
      throw ValidationError("Give either a query or --check FILE, not both and not neither.")
    }
  }

  func run() async throws {
    let executor = try DSLExecutor(path: db.map { URL(fileURLWithPath: $0) } ?? CricqPaths.database)
    if let check {
      try runCheck(URL(fileURLWithPath: check), executor)
      return
    }
    let answer: DSLAnswer
    do {
      answer = try executor.answer(query ?? "")
    } catch {
      FileHandle.standardError.write(Data("cricq dsl: \(error)\n".utf8))
      throw ExitCode(2)
    }
    if json {
      print(answer.json())
      return
    }
    if explain { print(answer.compiled.explanation + "\n") }
    print(answer.result.table())
    print("\n" + answer.query.printed + " — " + answer.result.summary)
  }

  func runCheck(_ url: URL, _ executor: DSLExecutor) throws {
    let pairs = try Corpus.load(url)
    var failures: [String] = []
    var times: [Double] = []
    for pair in pairs {
      do {
        let answer = try executor.answer(pair.dsl)
        times.append(answer.result.milliseconds)
        if let problem = CorpusCheck.problem(pair, answer) { failures.append("\(pair.id): \(problem)") }
      } catch {
        failures.append("\(pair.id): \(error)")
      }
    }
    for failure in failures { print("FAIL " + failure) }
    times.sort()
    let median = times.isEmpty ? 0 : times[times.count / 2]
    print(
      "\(pairs.count - failures.count)/\(pairs.count) pairs pass; median query \(String(format: "%.1f", median)) ms")
    if !failures.isEmpty { throw ExitCode(1) }
  }
}
