import Foundation
import Testing

/// Drives a program in a tmux pane, as a user at a terminal would: typed lines, Ctrl-C, and
/// the screen read back. Each instance has its own tmux server (`-L`), killed at the end.
final class TmuxPane {
  let socket: String
  private let target = "repl"

  /// Starts `command` (run by `sh -c`) in a 200×50 pane; the pane stays after it exits.
  init(command: String) throws {
    socket =
      "cricq-test-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...999_999))"
    try tmux(["new-session", "-d", "-s", target, "-x", "200", "-y", "50", command])
    try tmux(["set-option", "-t", target, "remain-on-exit", "on"])
  }

  deinit {
    _ = try? tmux(["kill-server"])
  }

  /// Types `text` literally, then Enter.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", target, "-l", text])
    try tmux(["send-keys", "-t", target, "Enter"])
  }

  func typeWithoutEnter(_ text: String) throws {
    try tmux(["send-keys", "-t", target, "-l", text])
  }

  func controlC() throws {
    try tmux(["send-keys", "-t", target, "C-c"])
  }

  /// Everything the pane has shown (history included), wrapped lines joined.
  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-J", "-S", "-5000", "-t", target])
  }

  /// Waits until `marker` appears more than `after` times; false after `timeout` seconds.
  /// The timeouts are generous (model loads on a busy machine): they catch hangs, not speed.
  func wait(for marker: String, after: Int = 0, timeout: Double = 600) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try count(marker) > after { return true }
      Thread.sleep(forTimeInterval: 0.2)
    }
    return false
  }

  func count(_ marker: String) throws -> Int {
    try screen().components(separatedBy: marker).count - 1
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["tmux", "-L", socket] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// The release binary and a scratch `$CRICQ_HOME` that links the real models and database but
/// keeps its own history file.
enum ReplBinary {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static var path: URL {
    if let custom = ProcessInfo.processInfo.environment["CRICQ_BIN"], !custom.isEmpty {
      return URL(fileURLWithPath: custom)
    }
    return repository.appendingPathComponent(".build/release/cricq")
  }

  static var realHome: URL {
    if let custom = ProcessInfo.processInfo.environment["CRICQ_HOME"], !custom.isEmpty {
      return URL(fileURLWithPath: custom)
    }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/cricq")
  }

  /// A fresh home whose entries (but `history`) link to the real home's.
  static func scratchHome() throws -> URL {
    let manager = FileManager.default
    let home = manager.temporaryDirectory.appendingPathComponent(
      "cricq-repl-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...999_999))")
    try manager.createDirectory(at: home, withIntermediateDirectories: true)
    for name in try manager.contentsOfDirectory(atPath: realHome.path) where name != "history" {
      try manager.createSymbolicLink(
        at: home.appendingPathComponent(name),
        withDestinationURL: realHome.appendingPathComponent(name))
    }
    return home
  }

  /// Fails the test with what to run when the binary or tmux is missing.
  static func require() throws {
    guard FileManager.default.isExecutableFile(atPath: path.path) else {
      Issue.record("\(path.path) is missing: run scripts/test-repl (it builds it first)")
      throw CancellationError()
    }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
      Issue.record("tmux is missing: apt-get install -y tmux")
      throw CancellationError()
    }
  }
}
