import CEditLine
import Foundation

/// Line input for the REPL: libedit's line editing and persistent history on a terminal, plain
/// `readLine` when standard input is a pipe (libedit prints no prompt there).
final class LineEditor {
  /// What one read gave.
  enum Input: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line typed so far is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case end
  }

  private let historyFile: URL?
  private let interactive: Bool

  init(historyFile: URL?) {
    self.historyFile = historyFile
    interactive = isatty(STDIN_FILENO) != 0
    guard interactive else { return }
    stifle_history(1000)
    if let path = historyFile?.path, FileManager.default.fileExists(atPath: path) {
      _ = read_history(path)
    }
  }

  /// The next line without its line break. Ctrl-C interrupts `readline`'s blocked read (the
  /// SIGINT handler has no `SA_RESTART`), which then returns nil like Ctrl-D does: the
  /// interrupt flag tells them apart.
  func read(prompt: String) -> Input {
    guard interactive else {
      return Swift.readLine(strippingNewline: true).map(Input.line) ?? .end
    }
    _ = ReplInterrupt.take()
    guard let raw = readline(prompt) else {
      if ReplInterrupt.take() {
        print("^C")
        return .interrupted
      }
      return .end
    }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(line)
      if let path = historyFile?.path {
        _ = write_history(path)
      }
    }
    return .line(line)
  }
}
