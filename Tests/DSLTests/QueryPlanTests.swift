import CricketDB
import Testing

@testable import DSL

/// SQLite's plan for ball-by-ball questions about one player: it must reach the player's balls
/// through the batter or bowler index, not scan every ball of the format (about a million rows,
/// seconds on a busy machine, against milliseconds through the index).
@Test func oneNamedPlayersBallsAreFoundThroughTheirIndex() throws {
  let executor = try realExecutor()
  let questions = [
    "batting runs, balls, dismissals where player = \"JE Root\" and bowler = \"PJ Cummins\""
      + " and format = Test",
    "bowling economy where player = \"JJ Bumrah\" and format = IPL and phase = death",
    "batting strike rate where player = \"MS Dhoni\" and format = IPL and phase = death",
    "bowling balls, wickets where player = \"NM Lyon\" and batter = \"CA Pujara\" and format = Test",
  ]
  for text in questions {
    let compiled = try DSLParser.parse(text).compiled()
    let values: [SQLValue] = compiled.parameters.map {
      switch $0 {
      case .integer(let n): .integer(Int64(n))
      case .text(let s): .text(s)
      }
    }
    let plan = try executor.database.query("EXPLAIN QUERY PLAN " + compiled.sql, values)
    let steps = plan.rows.compactMap { $0.string(3) }.joined(separator: "\n")
    #expect(
      steps.contains("deliveries_batter") || steps.contains("deliveries_bowler"),
      "\(text)\n\(steps)")
    #expect(!steps.contains("deliveries_format_year"), "\(text)\n\(steps)")
  }
}
