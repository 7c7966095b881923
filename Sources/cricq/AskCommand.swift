import ArgumentParser
import CricketDB
import DSL
import Foundation
import Pipeline

/// `cricq "QUESTION"` (the default subcommand): answers one question.
struct AskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ask",
    abstract: "Answer a cricket statistics question (the default: cricq \"QUESTION\").",
    discussion: """
      Example: cricq "most sixes by an opener in ODIs in 2019"
      Exit status: 0 answered, 3 abstained (the reason is printed), 2 error.
      A question that starts with a subcommand name or '-' needs '--' first.
      """)

  @Argument(help: "The question (quote it, or pass its words).")
  var question: [String] = []

  @OptionGroup var model: ModelOptions

  @Flag(help: "Print the answer as one JSON object (schema in docs/ask.md).")
  var json = false

  @Flag(help: "Show the examples, the DSL's per-token probabilities, the SQL and timings.")
  var explain = false

  func validate() throws {
    if question.isEmpty { throw CleanExit.helpRequest(Cricq.self) }
    try model.check()
  }

  func run() async throws {
    let answerer = try model.answerer()
    let answer = answerer.answer(question.joined(separator: " "), options: model.options)
    if json {
      print(answer.json())
    } else {
      print(AnswerText.render(answer, explain: explain))
    }
    if answer.abstained { throw ExitCode(3) }
  }
}

/// Options shared by `ask`, `eval` and `bench ask`.
struct ModelOptions: ParsableArguments {
  @Option(help: "Examples in the prompt.")
  var k = 4

  @Option(help: "Model: qwen, smollm, or a GGUF path.")
  var model = "qwen"

  @Option(help: "The database file (default: $CRICQ_HOME/cricket.sqlite).")
  var db: String?

  @Option(help: "Beam width (1: greedy).")
  var beam = 1

  @Option(help: "Format to assume when the question names none: Test, ODI, T20I or IPL.")
  var format: String?

  @Option(help: "Abstain below this lowest token probability (0-1).")
  var threshold = AskOptions().threshold

  @Flag(help: "Answer with the likeliest reading of an ambiguous name instead of asking.")
  var bestReading = false

  func check() throws {
    guard (0...16).contains(k) else {
      throw ValidationError("--k must be between 0 and 16, found \(k)")
    }
    guard (1...8).contains(beam) else {
      throw ValidationError("--beam must be between 1 and 8, found \(beam)")
    }
    guard (0...1).contains(threshold) else {
      throw ValidationError("--threshold must be between 0 and 1, found \(threshold)")
    }
    if let format, !["Test", "ODI", "T20I", "IPL"].contains(format) {
      throw ValidationError("--format must be Test, ODI, T20I or IPL, found \(format)")
    }
  }

  var options: AskOptions {
    AskOptions(
      k: k, beam: beam, threshold: threshold, defaultFormat: format, acceptBestReading: bestReading)
  }

  func answerer() throws -> QuestionAnswerer {
    do {
      return try QuestionAnswerer(
        configuration: AskConfiguration(
          model: model, database: db.map { URL(fileURLWithPath: $0) } ?? CricqPaths.database))
    } catch {
      FileHandle.standardError.write(Data("cricq: \(error)\n".utf8))
      throw ExitCode(2)
    }
  }
}
