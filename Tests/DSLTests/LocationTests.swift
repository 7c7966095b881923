import CricketDB
import Testing

@testable import DSL

/// Matches of a team query, as an integer.
private func matches(_ executor: DSLExecutor, _ dsl: String) throws -> Int {
  try #require(try value(executor, dsl, column: "matches").intValue)
}

/// Home, away and neutral split a team's matches: every match is exactly one of them.
@Test func homeAwayAndNeutralPartitionMatches() throws {
  let executor = try realExecutor()
  for (team, format) in [("Punjab Kings", "IPL"), ("Australia", "Test"), ("India", "ODI")] {
    let base = "team matches where team = \"\(team)\" and format = \(format)"
    let all = try matches(executor, base)
    let parts = try ["home", "away", "neutral"].map {
      try matches(executor, base + " and location = \($0)")
    }
    #expect(parts.reduce(0, +) == all, "\(team) \(format): \(parts) of \(all)")
  }
}

/// IPL sides all count India as home, so a ground in India is home, never away (it was both).
@Test func noIPLMatchIsAway() throws {
  let executor = try realExecutor()
  let kings = "team matches where team = \"Punjab Kings\" and format = IPL"
  #expect(try matches(executor, kings + " and location = away") == 0)
  let rohit = try executor.answer(
    "batting matches, runs where player = \"RG Sharma\" and format = IPL and location = away")
  #expect(rohit.result.rows[0] == [.integer(0), .integer(0)])
  // Australia's Tests in England are away, though England is also a Test side.
  let ashes = "team matches where team = \"Australia\" and format = Test and country = \"England\""
  #expect(try matches(executor, ashes + " and location = away") > 10)
}
