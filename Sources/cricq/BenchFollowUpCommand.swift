import ArgumentParser
import CricketDB
import DSL
import Foundation
import Pipeline
import Synchronization

/// `cricq bench followup`: a follow-up answered by rewriting the last query (link + rewrite +
/// query) against the same question answered by the full model path, medians.
struct BenchFollowUp: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "followup",
    abstract: "Follow-up latency (rewrite, no model) against the full model path (medians).")

  @Option(help: "Timed runs of each follow-up (the model path runs each question once).")
  var runs = 20

  @Option(help: "Model: qwen, smollm, qwen1.5b, or a GGUF path.")
  var model = "qwen"

  /// The last query, the follow-up, and the same question asked in full.
  static let cases: [(previous: String, followUp: String, question: String)] = [
    (
      "top 5 batters by sixes where format = ODI and year = 2019", "and in 2020?",
      "top 5 six hitters in ODIs in 2020"
    ),
    (
      #"batting runs, average where player = "V Kohli" and format = ODI"#, "what about Tests?",
      "Kohli's Test runs and average"
    ),
    ("top 10 bowlers by wickets where format = Test", "at Lord's?", "most Test wickets at Lord's"),
    (
      "top 10 batters by runs where format = IPL and year = 2016", "top 5 instead",
      "top 5 run scorers in IPL 2016"
    ),
    (
      "top 10 bowlers by wickets where format = Test", "what about Bumrah?", "Bumrah's Test wickets"
    ),
    (
      #"top 5 batters by runs where event = "ICC Cricket World Cup""#, "only in finals",
      "most runs in World Cup finals"
    ),
  ]

  func run() throws {
    let answerer = try QuestionAnswerer(configuration: AskConfiguration(model: model))
    var rewriteTimes: [Double] = []
    var modelTimes: [Double] = []
    var agreements = 0
    print("follow-up | rewrite ms | model ms | model DSL = rewrite DSL")
    for c in Self.cases {
      let previous = try DSLParser.parse(c.previous)
      var rewritten = ""
      var times: [Double] = []
      for _ in 0..<runs {
        let clock = ContinuousClock.now
        let query = try FollowUp.rewrite(
          previous: previous, followUp: answerer.linker.understand(c.followUp))
        rewritten = try answerer.executor.answer(query.printed).query.printed
        times.append(milliseconds(since: clock))
      }
      let clock = ContinuousClock.now
      let answer = answerer.answer(c.question)
      let modelTime = milliseconds(since: clock)
      let agrees = answer.dsl.flatMap { try? DSLParser.parse($0).printed } == rewritten
      if agrees { agreements += 1 }
      rewriteTimes.append(median(times))
      modelTimes.append(modelTime)
      print(
        String(
          format: "%@ | %.1f | %.0f | %@", c.followUp, median(times), modelTime,
          agrees ? "yes" : "no: \(answer.dsl ?? "abstained")"))
    }
    let stopLatencies = measureStopLatency(answerer)
    let rewrite = median(rewriteTimes)
    let full = median(modelTimes)
    print(String(format: "median stop latency %.0f ms", median(stopLatencies)))
    print(
      String(
        format:
          "median: follow-up %.1f ms, full model path %.0f ms (%.0f× faster); model agreed on %d of %d",
        rewrite, full, full / max(rewrite, 0.001), agreements, Self.cases.count))
  }

  /// Ctrl-C as the REPL sees it: a flag set at several points of a 16-example question (during
  /// the prompt pass and during decoding); the time from setting it to the answer returning.
  private func measureStopLatency(_ answerer: QuestionAnswerer) -> [Double] {
    var latencies: [Double] = []
    for (i, delay) in [0.3, 0.8, 1.5, 2.5, 4.0].enumerated() {
      let stop = StopSignal()
      var options = AskOptions(k: 16)
      options.shouldStop = { stop.isSet }
      DispatchQueue.global().asyncAfter(deadline: .now() + delay) { stop.set() }
      _ = answerer.answer("most sixes in T20Is in \(2010 + i)", options: options)
      let returned = DispatchTime.now().uptimeNanoseconds
      // Skip a question answered before the stop came.
      guard let setAt = stop.setAt, setAt <= returned else { continue }
      latencies.append(Double(returned - setAt) / 1e6)
    }
    print(
      "stop latency (k = 16), ms: "
        + latencies.map { String(format: "%.0f", $0) }.joined(separator: ", "))
    return latencies
  }

  private func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
  }

  private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }
}

/// A stop flag and when it was set.
final class StopSignal: Sendable {
  private let nanoseconds = Atomic<UInt64>(0)
  var isSet: Bool { nanoseconds.load(ordering: .sequentiallyConsistent) != 0 }
  var setAt: UInt64? { isSet ? nanoseconds.load(ordering: .sequentiallyConsistent) : nil }
  func set() {
    nanoseconds.store(DispatchTime.now().uptimeNanoseconds, ordering: .sequentiallyConsistent)
  }
}
