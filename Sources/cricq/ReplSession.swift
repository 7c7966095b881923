import CricketDB
import DSL
import Foundation
import Pipeline
import Understanding

/// The last answer: what follow-ups rewrite, `:sql` shows and `:explain last` explains.
struct ReplLastAnswer {
  /// The bound query (canonical names, no placeholders).
  var query: DSLQuery
  var compiled: CompiledQuery
  /// The full explanation, shown by `:explain last`.
  var explanation: String
}

/// The REPL's state between lines and what each line does. Every failure is printed and the
/// session goes on; only `:quit` and Ctrl-D end it.
final class ReplSession {
  var explain: Bool
  var k: Int
  var model: String
  let database: URL
  let executor: DSLExecutor
  var last: ReplLastAnswer?
  /// The model pipeline, loaded on the first question that needs it.
  var answerer: QuestionAnswerer?
  /// The linker for follow-ups, loaded on the first one (the answerer's once it is loaded).
  private var followUpLinker: QuestionLinker?

  init(database: URL, model: String, k: Int, explain: Bool) throws {
    self.database = database
    self.model = model
    self.k = k
    self.explain = explain
    executor = try DSLExecutor(path: database)
  }

  /// Handles one line; false when the session should end.
  func handle(_ input: ReplInput) -> Bool {
    switch input {
    case .empty: break
    case .quit: return false
    case .help: print(ReplInput.helpText)
    case .explain(let argument): setExplain(argument)
    case .k(let text): setK(text)
    case .model(let name): setModel(name)
    case .dsl(let text): runDSL(text)
    case .sql: showSQL()
    case .unknown(let name):
      let near = ReplInput.commands.min {
        editDistance(name, $0) < editDistance(name, $1)
      }
      let hint = near.flatMap { editDistance(name, $0) <= 2 ? " Did you mean \($0)?" : nil }
      print("Unknown command \(name).\(hint ?? "") Type :help for the commands.")
    case .question(let text): ask(text)
    }
    return true
  }

  // MARK: Settings

  private func setExplain(_ argument: String?) {
    switch argument?.lowercased() {
    case nil: explain.toggle()
    case "on": explain = true
    case "off": explain = false
    case "last":
      print(last?.explanation ?? "Nothing to explain yet: ask a question first.")
      return
    default:
      print("Usage: :explain, :explain on, :explain off or :explain last.")
      return
    }
    print("Explanations \(explain ? "on" : "off").")
  }

  private func setK(_ text: String) {
    guard let n = Int(text), (0...16).contains(n) else {
      print("Usage: :k N, with N a whole number from 0 to 16 (found \"\(text)\").")
      return
    }
    k = n
    print("The model's prompt will show \(n) example\(n == 1 ? "" : "s").")
  }

  private func setModel(_ name: String) {
    guard !name.isEmpty else {
      print("Usage: :model NAME (qwen, smollm, qwen1.5b or a GGUF path); now \(model).")
      return
    }
    let file =
      ReplModels.names.contains(name)
      ? CricqPaths.models.appendingPathComponent("\(name)/model.gguf")
      : URL(fileURLWithPath: name)
    guard FileManager.default.fileExists(atPath: file.path) else {
      print(
        "No model file at \(file.path): use qwen, smollm, qwen1.5b (run scripts/setup) or a path.")
      return
    }
    model = name
    modelChanged()
    print("Model \(name): loaded on the next question.")
  }

  // MARK: DSL

  private func runDSL(_ text: String) {
    guard !text.isEmpty else {
      print("Usage: :dsl QUERY, e.g. :dsl top 5 batters by sixes where format = ODI")
      return
    }
    let answer: DSLAnswer
    do {
      answer = try executor.answer(text)
    } catch {
      print(ReplRendering.error(error, in: text))
      return
    }
    remember(answer, note: nil)
    print(ReplRendering.table(answer, explain: explain))
  }

  private func showSQL() {
    guard let last else {
      print("No SQL yet: ask a question first.")
      return
    }
    print(last.compiled.explanation)
  }

  /// Keeps a query answered by `:dsl` or a follow-up as the last answer.
  func remember(_ answer: DSLAnswer, note: String?) {
    last = ReplLastAnswer(
      query: answer.query, compiled: answer.compiled,
      explanation: ([note].compactMap { $0 } + [
        "DSL: " + answer.query.printed, "SQL: " + answer.compiled.explanation,
      ]).joined(separator: "\n"))
  }

  // MARK: Questions

  private func ask(_ text: String) {
    if let last, FollowUp.isFollowUp(text) {
      do {
        let linker = try linkerForFollowUps()
        let query = try FollowUp.rewrite(previous: last.query, followUp: linker.understand(text))
        let answer = try executor.answer(query.printed)
        remember(answer, note: "Follow-up of: " + last.query.printed)
        print("Follow-up: " + answer.query.printed)
        print(ReplRendering.table(answer, explain: explain))
        return
      } catch let error as FollowUpError {
        print("(\(error); asking the model)")
      } catch {
        print("(could not answer as a follow-up: \(error); asking the model)")
      }
    }
    answerWithModel(text)
  }

  private func linkerForFollowUps() throws -> QuestionLinker {
    if let linker = loadedLinker ?? followUpLinker { return linker }
    let linker = try QuestionLinker.load(database: database)
    followUpLinker = linker
    return linker
  }
}

/// Levenshtein distance over characters, for "did you mean" on commands.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...b.count {
      current[j] = min(
        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
