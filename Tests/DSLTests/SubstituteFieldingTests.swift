import CricketDB
import Testing

@testable import DSL

/// Catches a player took as a substitute fielder (not in the XI) are not his, as in published
/// records; Jadeja took 11 of them in the data (3 in Tests).
@Test func substituteCatchesAreNotCounted() throws {
  let executor = try realExecutor()
  let db = executor.database
  let jadeja = "(SELECT id FROM players WHERE unique_name = 'RA Jadeja')"
  let all = try #require(
    try db.scalar("SELECT SUM(catches) FROM fielding WHERE player_id = \(jadeja)").intValue)
  let asSubstitute = try #require(
    try db.scalar(
      """
      SELECT SUM(catches) FROM fielding f WHERE player_id = \(jadeja) AND NOT EXISTS
        (SELECT 1 FROM match_players p WHERE p.match_id = f.match_id AND p.player_id = f.player_id)
      """
    ).intValue)
  #expect(asSubstitute >= 10)
  let shown = try value(
    executor, "fielding catches where player = \"RA Jadeja\"", column: "catches")
  #expect(shown == .integer(Int64(all - asSubstitute)))
  // The leaderboard agrees with the player's own line.
  let board = try executor.answer("top 1000 fielders by catches")
  let row = board.result.rows.first { $0.first == .text("RA Jadeja") }
  #expect(row?[1] == shown)
}
