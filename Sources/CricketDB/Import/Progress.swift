import Foundation

/// Reports import progress on standard error: a line rewritten in place on a terminal (files
/// done/total, rate, ETA), or a plain line every 1,000 files otherwise.
public final class ImportProgress {
  private let total: Int
  private let start = Date()
  private var lastDraw = Date.distantPast
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private let quiet: Bool

  public init(total: Int, quiet: Bool) {
    self.total = total
    self.quiet = quiet
  }

  public func update(done: Int) {
    guard !quiet else { return }
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let text = String(
      format: "importing: %d/%d files, %.0f files/s, ETA %.0f s", done, total, rate, eta)
    if isTerminal {
      guard now.timeIntervalSince(lastDraw) >= 0.2 || done == total else { return }
      lastDraw = now
      FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
      if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    } else if done % 1000 == 0 || done == total {
      FileHandle.standardError.write(Data((text + "\n").utf8))
    }
  }
}
