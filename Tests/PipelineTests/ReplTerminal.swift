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
    // The server this starts inherits the client's output: give it no pipe to hold open.
    try tmux(["new-session", "-d", "-s", target, "-x", "200", "-y", "50", command], capture: false)
    try tmux(["set-option", "-t", target, "remain-on-exit", "on"])
  }

  deinit {
    _ = try? tmux(["kill-server"], capture: false)
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
  func wait(for marker: String, after: Int = 0, timeout: Double = 300) throws -> Bool {
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

  /// Runs tmux with posix_spawn and waitpid (Foundation's `Process` did not notice the tmux
  /// client exit in the test process); output goes through a file, since the server tmux
  /// starts would hold a pipe open.
  @discardableResult
  private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).out")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(
      &actions, 1, capture ? output.path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // The test runs on a Dispatch worker, which blocks most signals; the pane (and the REPL in
    // it) must get Ctrl-C, so start tmux with an empty signal mask and SIGINT at its default.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    guard capture else { return "" }
    defer { try? FileManager.default.removeItem(at: output) }
    return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
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
