import CricketDB
import Testing

@testable import DSL

/// `matches` over several players (no `per player`) counts the matches in which the rows occur;
/// it used to count one arbitrary player's appearances (13 for all Tests of 2023).
@Test func matchesOverManyPlayersCountsDistinctMatches() throws {
  let executor = try realExecutor()
  let db = executor.database
  let tests2023 = try db.scalar(
    "SELECT COUNT(DISTINCT match_id) FROM batting_innings WHERE format = 'Test' AND year = 2023")
  #expect(
    try value(executor, "batting matches where format = Test and year = 2023", column: "matches")
      == tests2023)
  let pair = try db.scalar(
    """
    SELECT COUNT(DISTINCT match_id) FROM batting_innings WHERE format = 'Test' AND player_id IN
      (SELECT id FROM players WHERE unique_name IN ('V Kohli', 'JE Root'))
    """)
  #expect(
    try value(
      executor,
      "batting matches where player in (\"V Kohli\", \"JE Root\") and format = Test",
      column: "matches") == pair)
  let bowlers = try db.scalar(
    "SELECT COUNT(DISTINCT match_id) FROM bowling_innings WHERE format = 'IPL' AND year = 2024")
  #expect(
    try value(executor, "bowling matches where format = IPL and year = 2024", column: "matches")
      == bowlers)
}

/// One player's `matches` still counts appearances in the XI (matches he did not bat in too).
@Test func onePlayersMatchesCountsAppearances() throws {
  let executor = try realExecutor()
  let db = executor.database
  let appearances = try db.scalar(
    """
    SELECT COUNT(*) FROM match_players WHERE format = 'ODI'
      AND player_id = (SELECT id FROM players WHERE unique_name = 'MS Dhoni')
    """)
  #expect(
    try value(
      executor, "batting matches where player = \"MS Dhoni\" and format = ODI",
      column: "matches") == appearances)
  let perPlayer = try executor.answer(
    "batting matches where player in (\"MS Dhoni\", \"V Kohli\") and format = ODI per player")
  let dhoni = perPlayer.result.rows.first { $0.first == .text("MS Dhoni") }
  #expect(dhoni?.last == appearances)
}

/// One player's `matches` asked alone is one row ("how many ODIs has Williamson played" gave a
/// row per innings, each repeating the count, since no other measure aggregated the rows).
@Test func onePlayersMatchesAloneIsOneRow() throws {
  let executor = try realExecutor()
  for text in [
    "batting matches where player = \"KS Williamson\" and format = ODI",
    "bowling matches where player = \"JJ Bumrah\" and format = IPL",
    "fielding matches where player = \"JE Root\" and format = Test",
  ] {
    let rows = try executor.answer(text).result.rows
    #expect(rows.count == 1, "\(text): \(rows.count) rows")
  }
  let appearances = try executor.database.scalar(
    """
    SELECT COUNT(*) FROM match_players WHERE format = 'ODI'
      AND player_id = (SELECT id FROM players WHERE unique_name = 'KS Williamson')
    """)
  #expect(
    try value(
      executor, "batting matches where player = \"KS Williamson\" and format = ODI",
      column: "matches") == appearances)
}
