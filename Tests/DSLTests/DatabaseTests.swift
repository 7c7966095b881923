import CricketDB
import Foundation
import Testing

@testable import DSL

/// The real database, or a failure saying how to build it.
func realExecutor() throws -> DSLExecutor {
  let path = CricqPaths.database
  guard FileManager.default.fileExists(atPath: path.path) else {
    Issue.record("no database at \(path.path): run scripts/setup (or `cricq db build`)")
    throw CancellationError()
  }
  return try DSLExecutor(path: path)
}

func value(_ executor: DSLExecutor, _ dsl: String, row: Int = 0, column: String) throws -> SQLValue
{
  let answer = try executor.answer(dsl)
  let index = try #require(answer.result.columns.firstIndex { $0.name == column })
  return answer.result.rows[row][index]
}

/// Executes every pair file's pairs but the themed train files (`train-*.jsonl`, about 1,200
/// queries, too slow for a unit test): those are run by `scripts/check-corpus` and their names
/// validated by `everyCorpusPairValidatesAgainstTheDatabase`.
@Test func everySeedPairValidatesAndAnswers() throws {
  let executor = try realExecutor()
  let folder = Corpus.repositoryFolder()
  let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix("train-") }
    .map { folder.appendingPathComponent($0) }
    .filter(Corpus.isPairFile)
  let pairs = try files.flatMap { try Corpus.load($0) }
  #expect(pairs.count >= 40)
  for pair in pairs {
    do {
      let answer = try executor.answer(pair.dsl)
      if let problem = CorpusCheck.problem(pair, answer) { Issue.record("\(pair.id): \(problem)") }
    } catch {
      Issue.record("\(pair.id): \(error)")
    }
  }
}

@Test func publishedRecordsAgree() throws {
  let executor = try realExecutor()
  #expect(
    try value(
      executor, "batting highest score where player = \"V Kohli\" and format = ODI",
      column: "highest score")
      == .text("183"))
  let ipl = try executor.answer("top 1 batters by runs where format = IPL and year = 2016")
  #expect(ipl.result.rows.first?.prefix(2) == [.text("V Kohli"), .integer(973)])
  #expect(
    try value(executor, "top 1 innings by runs where format = ODI", column: "runs") == .integer(264)
  )
  // IPL records through the 2025 season (Cricsheet covers every IPL match).
  let chahal = try executor.answer("top 1 bowlers by wickets where format = IPL")
  #expect(chahal.result.rows.first?.prefix(2) == [.text("YS Chahal"), .integer(221)])
  let gayle = try executor.answer("top 1 batters by sixes where format = IPL")
  #expect(gayle.result.rows.first?.prefix(2) == [.text("CH Gayle"), .integer(357)])
  #expect(
    try value(
      executor, "batting highest score where player = \"SR Tendulkar\" and format = ODI",
      column: "highest score")
      == .text("200*"))
  // Cricsheet names the 2019 World Cup "World Cup": the event filter spans the names. Published:
  // 648, less the 1 he made against Afghanistan, whose matches Cricsheet withholds.
  let worldCup = try executor.answer(
    "top 1 batters by runs where event = \"ICC Cricket World Cup\" and year = 2019")
  #expect(worldCup.result.rows.first?.prefix(2) == [.text("RG Sharma"), .integer(647)])
}

/// The DSL's answers equal sums computed straight from the ball-by-ball rows.
@Test func measuresAgreeWithTheDeliveriesTable() throws {
  let executor = try realExecutor()
  let db = executor.database
  let kohli = try db.scalar("SELECT id FROM players WHERE unique_name = 'V Kohli'").intValue!
  let runs = try db.scalar(
    "SELECT SUM(runs_batter) FROM deliveries WHERE batter_id = ?1 AND format = 'ODI'",
    [.integer(Int64(kohli))])
  let balls = try db.scalar(
    "SELECT COUNT(*) FROM deliveries WHERE batter_id = ?1 AND format = 'ODI' AND wides = 0",
    [.integer(Int64(kohli))])
  let answer = try executor.answer(
    "batting runs, balls where player = \"V Kohli\" and format = ODI")
  #expect(answer.result.rows[0] == [runs, balls])
  // The same numbers from the ball-by-ball path (a phase-free ball filter: all overs).
  let byBall = try executor.answer(
    "batting runs, balls where player = \"V Kohli\" and format = ODI and over in 1..50")
  #expect(byBall.result.rows[0] == [runs, balls])
  let bumrah = try executor.answer(
    "bowling wickets, runs conceded where player = \"JJ Bumrah\" and format = IPL and over in 1..20"
  )
  let bumrahInnings = try executor.answer(
    "bowling wickets, runs conceded where player = \"JJ Bumrah\" and format = IPL")
  #expect(bumrah.result.rows[0] == bumrahInnings.result.rows[0])
}

@Test func unknownNamesSuggestTheCanonicalOne() throws {
  let executor = try realExecutor()
  do {
    _ = try executor.answer("batting runs where player = \"Virat Kohli\"")
    Issue.record("expected an error")
  } catch {
    #expect(
      error.description
        == "no player is named \"Virat Kohli\" (`player`); did you mean `\"V Kohli\"`?")
  }
  do {
    _ = try executor.answer("top 5 bowlers by wickets where venue = \"Lords\"")
    Issue.record("expected an error")
  } catch {
    #expect(
      error.description == "no venue is named \"Lords\" (`venue`); did you mean `\"Lord's\"`?")
  }
}

@Test func rowCapAndTimeLimitHold() throws {
  let executor = try realExecutor()
  let capped = try DSLExecutor(database: executor.database, rowCap: 3, timeLimit: 5)
  let answer = try capped.answer("batting runs per player")
  #expect(answer.result.rows.count == 3)
  #expect(answer.result.truncated)
  let hurried = try DSLExecutor(database: executor.database, rowCap: 10, timeLimit: 0.001)
  #expect(throws: DSLError.self) {
    try hurried.answer("batting runs, balls where over in 1..50 per player")
  }
}

/// Phases are compiled to over ranges; they must select the same balls as the `phase` column.
@Test func phasesSelectTheSameBallsAsThePhaseColumn() throws {
  let executor = try realExecutor()
  for format in ["ODI", "IPL"] {
    for phase in ["powerplay", "middle", "death"] {
      let expected = try executor.database.scalar(
        "SELECT SUM(is_legal) FROM deliveries WHERE format = ?1 AND phase = ?2",
        [.text(format), .text(phase)])
      let answer = try executor.answer(
        "bowling balls where format = \(format) and phase = \(phase) and year = 2019")
      let sameYear = try executor.database.scalar(
        "SELECT SUM(is_legal) FROM deliveries WHERE format = ?1 AND phase = ?2 AND year = 2019",
        [.text(format), .text(phase)])
      #expect(answer.result.rows[0] == [sameYear], "\(format) \(phase)")
      #expect(expected != .null)
    }
  }
}

/// `opposition in (...)` counts against any of the sides: the sum of each side alone.
@Test func oppositionListIsTheSumOfItsSides() throws {
  let executor = try realExecutor()
  func runs(_ opposition: String) throws -> Int64 {
    let v = try value(
      executor,
      "batting runs where player = \"V Kohli\" and format = Test and opposition \(opposition)",
      column: "runs")
    guard case .integer(let n) = v else { throw CancellationError() }
    return n
  }
  let both = try runs("in (\"England\", \"Australia\")")
  #expect(both == (try runs("= \"England\"")) + (try runs("= \"Australia\"")))
  #expect(both > 3000)
  // England v Australia Tests from either side: more than Cricsheet labels as the Ashes.
  let sides = "team in (\"England\", \"Australia\") and opposition in (\"England\", \"Australia\")"
  let all = try value(
    executor, "team matches where \(sides) and format = Test per team", column: "matches")
  let labelled = try value(
    executor, "team matches where team = \"England\" and event = \"The Ashes\"",
    column: "matches")
  guard case .integer(let a) = all, case .integer(let l) = labelled else {
    Issue.record("expected counts, got \(all) and \(labelled)")
    return
  }
  #expect(a > l)
}

/// Whole-match records add up a player's innings of one match.
@Test func matchRecordsAddUpBothInnings() throws {
  let executor = try realExecutor()
  // Shubman Gill's 269 and 161 at Edgbaston, 2025: the most Test runs in a match here.
  let best = try executor.answer("top 1 matches by runs where format = Test")
  #expect(best.result.rows.first?.first == .text("Shubman Gill"))
  #expect(
    try value(executor, "top 1 matches by runs where format = Test", column: "runs")
      == .integer(430))
  #expect(
    try value(executor, "top 1 matches by runs where format = Test", column: "scores")
      == .text("269 & 161"))
  // Ajaz Patel's 10/119 and 4/106 at the Wankhede, 2021.
  let wankhede =
    "top 1 match figures by wickets where format = Test and venue = \"Wankhede Stadium\""
  #expect(try value(executor, wankhede, column: "figures") == .text("14/225"))
  #expect(try value(executor, wankhede, column: "innings") == .text("10/119 & 4/106"))
  // A match's figures are at least the best innings of it.
  let spell = try value(
    executor, "top 1 spells by wickets where player = \"R Ashwin\" and format = Test",
    column: "figures")
  let match = try value(
    executor, "top 1 match figures by wickets where player = \"R Ashwin\" and format = Test",
    column: "figures")
  guard case .text(let s) = spell, case .text(let m) = match,
    let sw = Int(s.prefix { $0 != "/" }), let mw = Int(m.prefix { $0 != "/" })
  else {
    Issue.record("expected figures, got \(spell) and \(match)")
    return
  }
  #expect(mw >= sw)
}
