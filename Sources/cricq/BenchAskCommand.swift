import ArgumentParser
import DSL
import Foundation
import Pipeline

/// `cricq bench ask`: load time by part, the cold first question, warm medians and p90 per stage,
/// and how they compare with issue 7's goals (load < 400 ms, cold < 3 s, warm median < 1.5 s).
struct BenchAsk: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ask",
    abstract: "End-to-end question answering: load, cold first question, warm median/p90 by stage.")

  @Option(help: "Questions to time after the first (from the fan-question file).")
  var questions = 12

  @OptionGroup var model: ModelOptions

  func validate() throws {
    try model.check()
    guard questions >= 2 else {
      throw ValidationError("--questions must be at least 2, found \(questions)")
    }
  }

  func run() async throws {
    let file = Corpus.repositoryFolder().deletingLastPathComponent()
      .appendingPathComponent("scripts/fixtures/data/ask-fan.jsonl")
    let items = try EvalItem.load(file).filter { $0.dsl != nil }
    print("load average before: \(Self.loadAverage())")
    let clock = ContinuousClock.now
    let answerer = try model.answerer()
    let load = ContinuousClock.now - clock
    print(
      "load \(format(load)) ms: "
        + answerer.loadTimings.map { String(format: "%@ %.0f", $0.0, $0.1) }.joined(separator: ", ")
    )
    var options = model.options
    options.threshold = 0
    let cold = answerer.answer(items[0].question, options: options)
    print(
      String(format: "cold first question %.0f ms: %@", cold.timings.total, stages(cold.timings)))
    var warm: [StageTimings] = []
    for item in items.dropFirst().prefix(questions) {
      let answer = answerer.answer(item.question, options: options)
      warm.append(answer.timings)
      print(
        String(
          format: "  %6.0f ms  prompt %3d (+%3d reused), %2d tokens  %@", answer.timings.total,
          answer.timings.promptTokens - answer.timings.promptTokensReused,
          answer.timings.promptTokensReused, answer.timings.generatedTokens, item.question))
    }
    print("warm, \(warm.count) questions (median / p90 ms):")
    for (index, (name, _)) in StageTimings().stages.enumerated() {
      let values = warm.map { $0.stages[index].1 }.sorted()
      print(
        String(
          format: "  %-9@ %8.1f %8.1f", name, values[values.count / 2],
          values[values.count * 9 / 10]))
    }
    let loadMilliseconds = Self.milliseconds(load)
    let totals = warm.map(\.total).sorted()
    let prompts = warm.map { Double($0.promptTokens - $0.promptTokensReused) }.sorted()
    print(String(format: "prompt tokens fed per question, median %.0f", prompts[prompts.count / 2]))
    print("goals (issue 7):")
    print(Self.goal("load", loadMilliseconds, 400))
    print(Self.goal("cold (load + first)", loadMilliseconds + cold.timings.total, 3000))
    print(Self.goal("warm median", totals[totals.count / 2], 1500))
    print("load average after: \(Self.loadAverage())")
  }

  static func goal(_ name: String, _ milliseconds: Double, _ target: Double) -> String {
    "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0)
      + String(
        format: "%7.0f ms  goal < %5.0f ms  %@ (%.2f× the goal)", milliseconds, target,
        milliseconds < target ? "met" : "missed", milliseconds / target)
  }

  /// The 1, 5 and 15 minute load averages: the machine is shared, so figures need them.
  static func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  static func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
  }

  func stages(_ t: StageTimings) -> String {
    t.stages.map { String(format: "%@ %.0f", $0.0, $0.1) }.joined(separator: ", ")
  }

  func format(_ d: Duration) -> String { String(format: "%.0f", Self.milliseconds(d)) }
}
