import ArgumentParser
import CricketDB
import Foundation

/// `cricq repl` (and `cricq` alone): questions, follow-ups and commands, one per line, with the
/// models loaded once for the session.
struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Ask questions one after another (the default when cricq has no arguments).",
    discussion: """
      Line editing and history ($CRICQ_HOME/history). Type :help for the commands.
      Ctrl-C stops the question being answered; Ctrl-D or :quit leaves.
      """)

  @Option(help: "Examples in the model's prompt (0-16).")
  var k = 4

  @Option(help: "Model: qwen, smollm, qwen1.5b, or a GGUF path.")
  var model = "qwen"

  @Option(help: "The database file (default: $CRICQ_HOME/cricket.sqlite).")
  var db: String?

  @Flag(help: "Explain every answer (the DSL, the SQL, the model's confidence).")
  var explain = false

  func validate() throws {
    guard (0...16).contains(k) else {
      throw ValidationError("--k must be between 0 and 16, found \(k)")
    }
  }

  func run() throws {
    let session: ReplSession
    do {
      session = try ReplSession(
        database: db.map { URL(fileURLWithPath: $0) } ?? CricqPaths.database, model: model,
        k: k, explain: explain)
    } catch {
      FileHandle.standardError.write(Data("cricq: \(error)\n".utf8))
      throw ExitCode(2)
    }
    ReplInterrupt.install()
    let editor = LineEditor(historyFile: CricqPaths.home.appendingPathComponent("history"))
    print("cricq: ask a cricket question, or :help. Ctrl-D to leave.")
    loop: while true {
      switch editor.read(prompt: "cricq> ") {
      case .end:
        print()
        break loop
      case .interrupted: continue
      case .line(let line):
        if !session.handle(ReplInput(line)) { break loop }
      }
    }
  }
}
