import Understanding

/// The models the REPL knows by name (under `$CRICQ_HOME/models`).
enum ReplModels {
  static let names = ["qwen", "smollm", "qwen1.5b"]
}

extension ReplSession {
  var loadedLinker: QuestionLinker? { nil }

  func modelChanged() {}

  func answerWithModel(_ text: String) {
    print(
      "Questions for the model need the ask pipeline (not merged yet); use :dsl QUERY, then follow-ups."
    )
  }
}
