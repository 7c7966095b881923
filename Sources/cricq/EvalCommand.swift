import ArgumentParser
import DSL
import Foundation
import Pipeline

/// `cricq eval`: answers a file of (question, dsl) pairs and reports accuracy and abstention.
struct EvalCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract:
      "Execution accuracy, exact DSL match and abstention precision/recall on a question file.",
    discussion: """
      The file is JSON Lines of {"id", "question", "dsl"}; "dsl": null marks a question that
      should be abstained on (so does a line with no "dsl" key, as in corpus/unanswerable.jsonl).
      Default: corpus/test.jsonl and corpus/unanswerable.jsonl.
      """)

  @Option(
    name: .customLong("eval"),
    help: ArgumentHelp("Question file (JSON Lines); repeat for several.", valueName: "file"))
  var files: [String] = []

  @Option(help: "Evaluate only the first N questions.")
  var limit: Int?

  @OptionGroup var model: ModelOptions

  @Flag(help: "Print one line per question.")
  var verbose = false

  func validate() throws {
    try model.check()
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, found \(limit)") }
  }

  var defaultFiles: [URL] {
    let corpus = Corpus.repositoryFolder()
    return ["test.jsonl", "unanswerable.jsonl"].map { corpus.appendingPathComponent($0) }
  }

  func run() async throws {
    let urls = files.isEmpty ? defaultFiles : files.map { URL(fileURLWithPath: $0) }
    var items = try urls.flatMap { try EvalItem.load($0) }
    if let limit { items = Array(items.prefix(limit)) }
    let answerer = try model.answerer()
    let names = urls.map(\.lastPathComponent).joined(separator: " + ")
    say(
      "\(names): \(items.count) questions, k = \(model.k), model \(model.model)")
    let outcomes = AskEvaluation.run(items, answerer: answerer, options: model.options) { o in
      guard verbose else { return }
      let mark =
        o.item.dsl == nil
        ? (o.abstainedRegardless ? "abstain ok" : "ANSWERED") : (o.rowsMatch ? "ok" : "WRONG")
      let reason = o.answer.abstention.map { " [\($0.kind.rawValue)]" } ?? ""
      say(
        String(
          format: "%@  %-10@ p=%.2f %5.0f ms  %@%@\n      %@", o.item.id, mark, o.answer.confidence,
          o.answer.timings.total, o.item.question, reason, o.answer.dsl ?? o.answer.maskedDSL ?? "-"
        ))
      if o.item.dsl != nil && !o.rowsMatch { say("      gold: \(o.item.dsl!)") }
    }
    let answerable = outcomes.filter { $0.item.dsl != nil }
    let rows = answerable.filter(\.rowsMatch).count
    let exact = answerable.filter(\.exactMatch).count
    let unanswerable = outcomes.count - answerable.count
    let abstainedUnanswerable = outcomes.filter { $0.item.dsl == nil && $0.abstainedRegardless }
      .count
    say(
      "execution accuracy \(rows)/\(answerable.count) (\(percent(rows, answerable.count))), "
        + "exact DSL \(exact)/\(answerable.count) (\(percent(exact, answerable.count))); "
        + "unanswerable abstained \(abstainedUnanswerable)/\(unanswerable) before any threshold")
    let times = outcomes.map(\.answer.timings.total).sorted()
    if !times.isEmpty {
      say(
        String(
          format: "time per question: median %.0f ms, p90 %.0f ms", times[times.count / 2],
          times[times.count * 9 / 10]))
    }
    say("threshold  answered  right  abstained  precision  recall  utility")
    let table = AskEvaluation.table(outcomes)
    for r in table {
      say(
        String(
          format: "%9.2f  %8d  %5d  %9d  %9.2f  %6.2f  %7d", r.threshold, r.answered,
          r.answeredRight,
          r.abstained, r.precision, r.recall, r.utility))
    }
    if let best = AskEvaluation.chosenThreshold(table) {
      say(
        String(
          format: "chosen threshold %.2f: %d of %d answered, %d right (right − 2 × wrong = %d)",
          best.threshold, best.answered, outcomes.count, best.answeredRight, best.utility))
    }
  }

  /// Writes a line at once (stdout to a file is block-buffered; progress should show).
  func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  func percent(_ a: Int, _ b: Int) -> String {
    b == 0 ? "-" : String(format: "%.1f %%", 100 * Double(a) / Double(b))
  }
}
