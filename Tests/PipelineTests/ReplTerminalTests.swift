import Foundation
import Testing

/// The REPL under a real pseudo-terminal (tmux): a model question, a `:dsl` error, a follow-up,
/// Ctrl-C at the prompt and during a model question, `:quit`. Every step waits for a marker on
/// the screen (with generous time limits) before the next key is sent, so nothing depends on
/// how fast the machine is. Needs `.build/release/cricq` (`scripts/test-repl` builds it).
@Suite(.serialized) struct ReplTerminalTests {
  // capture-pane drops trailing spaces, so the prompt shows as "cricq>".
  static let prompt = "cricq>"

  @Test func aSessionAnswersFollowsUpCancelsAndQuits() throws {
    try ReplBinary.require()
    let home = try ReplBinary.scratchHome()
    defer { try? FileManager.default.removeItem(at: home) }
    let pane = try TmuxPane(
      command:
        "CRICQ_HOME='\(home.path)' '\(ReplBinary.path.path)'; echo \"cricq exited with status $?\"")
    var prompts = 0
    func awaitPrompt(_ step: String) throws {
      let shown = try pane.wait(for: Self.prompt, after: prompts)
      let screen = try pane.screen()
      #expect(shown, "no prompt after \(step):\n\(screen)")
      prompts = try pane.count(Self.prompt)
    }
    try awaitPrompt("start")

    // A DSL query with an error: located, with a caret, and the session goes on.
    try pane.type(":dsl top 5 batters by sixs where format = ODI")
    try awaitPrompt(":dsl with an error")
    var screen = try pane.screen()
    #expect(screen.contains("line 1, column 18"))
    #expect(screen.contains("did you mean `sixes`?"))
    #expect(screen.contains("\n                   ^"))

    // A question for the model: the models load once, with a progress line.
    try pane.type("top 5 ODI six-hitters among openers in 2019")
    try awaitPrompt("a model question")
    screen = try pane.screen()
    #expect(screen.contains("Loading the models"))
    #expect(screen.contains("top 5 batters by sixes where format = ODI and year = 2019"))

    // A follow-up: rewritten without the model.
    try pane.type("and in 2020?")
    try awaitPrompt("a follow-up")
    screen = try pane.screen()
    #expect(
      screen.contains(
        "Follow-up: top 5 batters by sixes where format = ODI and year = 2020 and position = opener"
      ))

    // Ctrl-C at the prompt drops the line typed so far.
    try pane.typeWithoutEnter("a half typed line")
    #expect(try pane.wait(for: "a half typed line", timeout: 30))
    try pane.controlC()
    try awaitPrompt("Ctrl-C at the prompt")
    #expect(try pane.screen().contains("a half typed line^C"))

    // Ctrl-C during a model question (a long prompt: 16 examples) stops it.
    try pane.type(":k 16")
    try awaitPrompt(":k 16")
    let thinking = try pane.count(ReplMarkers.thinking)
    try pane.type("Kohli's ODI batting average against Australia since 2015")
    #expect(try pane.wait(for: ReplMarkers.thinking, after: thinking))
    try pane.controlC()
    try awaitPrompt("Ctrl-C during a question")
    screen = try pane.screen()
    #expect(screen.contains(ReplMarkers.cancelled))

    // The session is still alive and the models stay loaded.
    try pane.type(":sql")
    try awaitPrompt(":sql")
    #expect(try pane.screen().contains("?1 = "))
    try pane.type(":quit")
    #expect(try pane.wait(for: "cricq exited with status 0"))
    #expect(try pane.count("Loading the models") == 1)

    // The history survives the session.
    // libedit writes spaces as \040.
    let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
      .replacingOccurrences(of: "\\040", with: " ")
    #expect(history.contains("\nand in 2020?\n"))
  }
}

/// Lines the REPL prints that the test waits for (kept equal to `Sources/cricq/ReplAsk.swift`).
enum ReplMarkers {
  static let thinking = "(Ctrl-C to stop)"
  static let cancelled = "Stopped: the question was cancelled."
}
