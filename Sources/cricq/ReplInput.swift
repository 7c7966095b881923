import Foundation

/// One line typed at the REPL prompt.
enum ReplInput: Equatable {
  case empty
  case question(String)
  case help
  /// `:explain` toggles; `:explain on|off` sets; `:explain last` explains the last answer.
  case explain(String?)
  case k(String)
  case model(String)
  case dsl(String)
  case sql
  case quit
  case unknown(String)

  static let commands = [
    ":help", ":explain", ":k", ":model", ":dsl", ":sql", ":quit", ":q", ":exit",
  ]

  init(_ line: String) {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard text.hasPrefix(":") else {
      self = text.isEmpty ? .empty : .question(text)
      return
    }
    let name = String(text.prefix { !$0.isWhitespace })
    let rest = text.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    let argument = rest.isEmpty ? nil : rest
    switch name.lowercased() {
    case ":help", ":h", ":?": self = .help
    case ":explain": self = .explain(argument)
    case ":k": self = .k(rest)
    case ":model": self = .model(rest)
    case ":dsl": self = .dsl(rest)
    case ":sql": self = .sql
    case ":quit", ":q", ":exit": self = .quit
    default: self = .unknown(name)
    }
  }

  static let helpText = """
    Ask a question in plain English, or a follow-up to the last one ("and in 2020?",
    "what about Tests?", "top 10 instead", "at Lord's?"), answered without the model.
    Commands:
      :help            this text
      :explain         explain every answer (toggle); :explain on|off; :explain last
      :k N             examples in the model's prompt (0-16)
      :model NAME      qwen, smollm, qwen1.5b or a GGUF path (loaded on the next question)
      :dsl QUERY       run a query in the cricq DSL directly (docs/DSL.md)
      :sql             the SQL and parameters of the last answer
      :quit            leave (or Ctrl-D)
    Ctrl-C stops the question being answered, or clears the line being typed.
    """
}
