import DSL
import Foundation
import Pipeline
import Understanding

/// The models the REPL knows by name (under `$CRICQ_HOME/models`).
enum ReplModels {
  static let names = ["qwen", "smollm", "qwen1.5b"]
}

/// Questions for the model: loaded on the first one, then kept for the session.
extension ReplSession {
  var loadedLinker: QuestionLinker? { answerer?.linker }

  /// A new model is loaded on the next question.
  func modelChanged() { answerer = nil }

  func answerWithModel(_ text: String) {
    _ = ReplInterrupt.take()
    guard let answerer = loadAnswerer() else { return }
    // A Ctrl-C while the models loaded cancels the question; the models stay loaded.
    if ReplInterrupt.take() {
      print("Stopped: the question was cancelled.")
      return
    }
    print("Thinking… (Ctrl-C to stop)")
    var options = AskOptions(k: k)
    options.shouldStop = { ReplInterrupt.isSet }
    let answer = answerer.answer(text, options: options)
    if ReplInterrupt.take() {
      print("Stopped: the question was cancelled.")
      return
    }
    print(AnswerText.render(answer, explain: explain))
    guard !answer.abstained, answer.result != nil, let dsl = answer.dsl,
      let query = try? DSLParser.parse(dsl), let compiled = try? query.compiled()
    else { return }
    last = ReplLastAnswer(
      query: query, compiled: compiled, explanation: AnswerText.render(answer, explain: true))
  }

  private func loadAnswerer() -> QuestionAnswerer? {
    if let answerer { return answerer }
    print("Loading the models (once per session)…")
    let clock = ContinuousClock.now
    do {
      let loaded = try QuestionAnswerer(
        configuration: AskConfiguration(model: model, database: database))
      answerer = loaded
      let seconds =
        Double((ContinuousClock.now - clock).components.attoseconds) / 1e18
        + Double((ContinuousClock.now - clock).components.seconds)
      print(String(format: "Loaded in %.1f s.", seconds))
      return loaded
    } catch {
      print("Could not load the models: \(error)")
      return nil
    }
  }
}
