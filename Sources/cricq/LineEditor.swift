import CEditLine
import Foundation

/// Line input for the REPL: libedit's line editing and persistent history on a terminal, plain
/// `readLine` when standard input is a pipe (libedit prints no prompt there).
final class LineEditor {
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

  /// The next line without its line break, or nil at end of input (Ctrl-D).
  func read(prompt: String) -> String? {
    guard interactive else {
      return Swift.readLine(strippingNewline: true)
    }
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(line)
      if let path = historyFile?.path {
        _ = write_history(path)
      }
    }
    return line
  }
}
