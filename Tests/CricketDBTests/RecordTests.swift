import Foundation
import Testing

@testable import CricketDB

/// Published facts, checked on the real database (scripts/setup builds it).
@Suite struct RecordTests {
  let database: Database
  init() throws { database = try RealDatabase.get() }

  /// A player's best batting innings in a format: runs, not out?, date, opposition.
  private func bestInnings(_ player: String, _ format: String) throws -> Row? {
    try database.query(
      """
      SELECT b.runs, b.is_out, b.start_date, t.name, b.balls FROM batting_innings b
      JOIN players p ON p.id = b.player_id JOIN teams t ON t.id = b.opposition_id
      WHERE p.name = ? AND b.format = ? ORDER BY b.runs DESC LIMIT 1
      """, [.text(player), .text(format)]
    ).rows.first
  }

  private func top(_ sql: String, _ bindings: [SQLValue] = []) throws -> Row? {
    try database.query(sql, bindings, maxRows: 1).rows.first
  }

  @Test func perFormatMatchCountsMatchCricsheet() throws {
    let figures = try DatabaseStatus.figures(database)
    #expect(figures.map(\.format) == ["Test", "ODI", "T20I", "IPL"])
    #expect(figures.map(\.matches) == [877, 2516, 3221, 1169])
    #expect(figures.first?.firstDate == "2001-12-19")
    #expect(figures.last?.lastDate == "2025-06-03")
  }

  @Test func nineDownWithARetiredBatterAfterTheOversRanOutIsNotAllOut() throws {
    // Each batted out its overs nine down with one batter retired hurt (Cricsheet ids).
    for (match, runs) in [(1298163, 91), (1393329, 161), (317579, 286)] {
      let row = try top(
        "SELECT runs, wickets, all_out FROM team_innings WHERE match_id = ? AND innings_number = 1",
        [.integer(Int64(match))])
      #expect(row?.int(0) == runs, "\(match)")
      #expect(row?.int(1) == 9, "\(match)")
      #expect(row?.int(2) == 0, "\(match): not all out")
    }
    // Ten wickets is all out, as ever (the chase in 317579).
    let chase = try top(
      "SELECT all_out FROM team_innings WHERE match_id = 317579 AND innings_number = 2")
    #expect(chase?.int(0) == 1)
  }

  @Test func kohliHighestODIScoreIs183AgainstPakistanIn2012() throws {
    let row = try bestInnings("V Kohli", "ODI")
    #expect(row?.int(0) == 183)
    #expect(row?.string(3) == "Pakistan")
    #expect(row?.string(2)?.hasPrefix("2012") == true)
  }

  @Test func rohitSharmaMade264AgainstSriLankaIn2014() throws {
    let row = try bestInnings("RG Sharma", "ODI")
    #expect(row?.int(0) == 264)
    #expect(row?.string(3) == "Sri Lanka")
    #expect(row?.string(2) == "2014-11-13")
    // Also the highest ODI score in the data.
    #expect(try database.int("SELECT MAX(runs) FROM batting_innings WHERE format = 'ODI'") == 264)
  }

  @Test func kohliScored973RunsInIPL2016() throws {
    let row = try top(
      """
      SELECT p.name, SUM(b.runs) FROM batting_innings b JOIN players p ON p.id = b.player_id
      WHERE b.format = 'IPL' AND b.year = 2016 GROUP BY b.player_id ORDER BY 2 DESC
      """)
    #expect(row?.string(0) == "V Kohli")
    #expect(row?.int(1) == 973)
  }

  @Test func andersonTakesMostTestWicketsInTheData() throws {
    let rows = try database.query(
      """
      SELECT p.name, SUM(b.wickets) FROM bowling_innings b JOIN players p ON p.id = b.player_id
      WHERE b.format = 'Test' GROUP BY b.player_id ORDER BY 2 DESC LIMIT 2
      """)
    #expect(rows.rows.first?.string(0) == "JM Anderson")
    #expect(rows.rows.last?.string(0) == "SCJ Broad")
  }

  @Test func worldCupFinal2023AustraliaChased241For4AgainstIndias240() throws {
    let rows = try database.query(
      """
      SELECT t.name, ti.runs, ti.wickets, ti.legal_balls, ti.all_out, m.competition, m.event_stage
      FROM team_innings ti JOIN teams t ON t.id = ti.team_id JOIN matches m ON m.id = ti.match_id
      WHERE m.format = 'ODI' AND m.start_date = '2023-11-19' ORDER BY ti.innings_number
      """)
    #expect(rows.rows.map { $0.string(0) ?? "" } == ["India", "Australia"])
    #expect(rows.rows.map { $0.int(1) ?? 0 } == [240, 241])
    #expect(rows.rows.map { $0.int(2) ?? 0 } == [10, 4])
    #expect(rows.rows.last?.int(3) == 43 * 6)
    #expect(rows.rows.first?.int(4) == 1)
    #expect(rows.rows.first?.string(5) == "ICC Cricket World Cup")
    #expect(rows.rows.first?.string(6) == "Final")
  }

  @Test func worldCupFinal2019WasTiedAndEnglandWonTheSuperOver() throws {
    let row = try top(
      """
      SELECT m.result, t.name, (SELECT GROUP_CONCAT(runs) FROM team_innings WHERE match_id = m.id)
      FROM matches m JOIN teams t ON t.id = m.super_over_winner_id
      WHERE m.start_date = '2019-07-14' AND m.format = 'ODI'
      """)
    #expect(row?.string(0) == "tie")
    #expect(row?.string(1) == "England")
    #expect(row?.string(2) == "241,241")
  }

  @Test func laraMade400NotOutIn2004() throws {
    let row = try bestInnings("BC Lara", "Test")
    #expect(row?.int(0) == 400)
    #expect(row?.int(1) == 0)
    #expect(row?.string(3) == "England")
    #expect(try database.int("SELECT MAX(runs) FROM batting_innings WHERE format = 'Test'") == 400)
  }

  @Test func deVilliersHit31BallODIHundred() throws {
    let row = try top(
      """
      SELECT p.name, b.balls_to_100, t.name FROM batting_innings b JOIN players p ON p.id = b.player_id
      JOIN teams t ON t.id = b.opposition_id
      WHERE b.format = 'ODI' AND b.balls_to_100 IS NOT NULL ORDER BY b.balls_to_100
      """)
    #expect(row?.string(0) == "AB de Villiers")
    #expect(row?.int(1) == 31)
    #expect(row?.string(2) == "West Indies")
  }

  @Test func gayleMade175NotOutOff66BallsInIPL2013() throws {
    let row = try bestInnings("CH Gayle", "IPL")
    #expect(row?.int(0) == 175)
    #expect(row?.int(1) == 0)
    #expect(row?.int(4) == 66)
    #expect(row?.string(3) == "Pune Warriors")
  }

  @Test func mccullumMade158NotOutInTheFirstIPLMatch() throws {
    let row = try bestInnings("BB McCullum", "IPL")
    #expect(row?.int(0) == 158)
    #expect(row?.string(2) == "2008-04-18")
    #expect(row?.string(3) == "Royal Challengers Bangalore")
  }

  @Test func finchHolds172TheHighestT20IScoreInTheData() throws {
    let row = try top(
      """
      SELECT p.name, b.runs, t.name FROM batting_innings b JOIN players p ON p.id = b.player_id
      JOIN teams t ON t.id = b.opposition_id WHERE b.format = 'T20I' ORDER BY b.runs DESC
      """)
    #expect(row?.string(0) == "AJ Finch")
    #expect(row?.int(1) == 172)
    #expect(row?.string(2) == "Zimbabwe")
  }

  @Test func sangakkaraAndJayawardeneAdded624ForTheThirdWicket() throws {
    let row = try top(
      """
      SELECT a.name, b.name, p.runs, p.wicket FROM partnerships p
      JOIN players a ON a.id = p.batter1_id JOIN players b ON b.id = p.batter2_id
      WHERE p.format = 'Test' ORDER BY p.runs DESC
      """)
    #expect(row?.string(0) == "KC Sangakkara")
    #expect(row?.string(1) == "DPMD Jayawardene")
    #expect(row?.int(2) == 624)
    #expect(row?.int(3) == 3)
  }

  @Test func ajazPatelTookAllTenFor119() throws {
    let rows = try database.query(
      """
      SELECT p.name, b.runs, t.name FROM bowling_innings b JOIN players p ON p.id = b.player_id
      JOIN teams t ON t.id = b.opposition_id WHERE b.wickets = 10
      """)
    #expect(rows.rows.count == 1)
    #expect(rows.rows.first?.string(0) == "AY Patel")
    #expect(rows.rows.first?.int(1) == 119)
    #expect(rows.rows.first?.string(2) == "India")
  }

  @Test func broadTook8For15AtTrentBridge2015() throws {
    let row = try top(
      """
      SELECT b.wickets, b.runs, v.name, b.start_date FROM bowling_innings b
      JOIN players p ON p.id = b.player_id JOIN venues v ON v.id = b.venue_id
      WHERE p.name = 'SCJ Broad' ORDER BY b.wickets DESC, b.runs
      """)
    #expect(row?.int(0) == 8)
    #expect(row?.int(1) == 15)
    #expect(row?.string(2) == "Trent Bridge")
    #expect(row?.string(3) == "2015-08-06")
  }

  @Test func braveAndHarshalPatelShareTheIPLSeasonWicketRecordOf32() throws {
    let rows = try database.query(
      """
      SELECT p.name, b.year, SUM(b.wickets) w FROM bowling_innings b JOIN players p ON p.id = b.player_id
      WHERE b.format = 'IPL' GROUP BY b.player_id, b.year ORDER BY w DESC, b.year LIMIT 3
      """)
    #expect(rows.rows.prefix(2).map { $0.string(0) ?? "" } == ["DJ Bravo", "HV Patel"])
    #expect(rows.rows.prefix(2).map { $0.int(2) ?? 0 } == [32, 32])
    #expect((rows.rows.last?.int(2) ?? 99) < 32)
  }

  @Test func stokesMade135NotOutAtHeadingley2019() throws {
    let row = try top(
      """
      SELECT b.runs, b.is_out, v.name, b.team_result FROM batting_innings b
      JOIN players p ON p.id = b.player_id JOIN venues v ON v.id = b.venue_id
      WHERE p.name = 'BA Stokes' AND b.format = 'Test' AND b.year = 2019 ORDER BY b.runs DESC
      """)
    #expect(row?.int(0) == 135)
    #expect(row?.int(1) == 0)
    #expect(row?.string(2) == "Headingley")
    #expect(row?.string(3) == "won")
  }

  @Test func zimbabwe344For4IsTheHighestT20ITotal() throws {
    let row = try top(
      """
      SELECT t.name, ti.runs, ti.wickets, o.name FROM team_innings ti JOIN teams t ON t.id = ti.team_id
      JOIN teams o ON o.id = ti.opposition_id WHERE ti.format = 'T20I' ORDER BY ti.runs DESC
      """)
    #expect(row?.string(0) == "Zimbabwe")
    #expect(row?.int(1) == 344)
    #expect(row?.int(2) == 4)
    #expect(row?.string(3) == "Gambia")
  }

  @Test func indiaWereAllOutFor36AtAdelaide2020() throws {
    let row = try top(
      """
      SELECT ti.runs, ti.all_out, v.name FROM team_innings ti JOIN teams t ON t.id = ti.team_id
      JOIN venues v ON v.id = ti.venue_id WHERE t.name = 'India' AND ti.format = 'Test' AND ti.all_out = 1 ORDER BY ti.runs
      """)
    #expect(row?.int(0) == 36)
    #expect(row?.int(1) == 1)
    #expect(row?.string(2) == "Adelaide Oval")
  }

  @Test func aireeHasTheFastestT20IFiftyIn9BallsAndYuvrajTook12() throws {
    let rows = try database.query(
      """
      SELECT p.name, b.balls_to_50 FROM batting_innings b JOIN players p ON p.id = b.player_id
      WHERE b.format = 'T20I' AND b.balls_to_50 IS NOT NULL ORDER BY b.balls_to_50 LIMIT 2
      """)
    #expect(rows.rows.map { $0.string(0) ?? "" } == ["DS Airee", "Yuvraj Singh"])
    #expect(rows.rows.map { $0.int(1) ?? 0 } == [9, 12])
  }

  @Test func yuvrajHitSixSixesInAnOverOffBroad() throws {
    let row = try top(
      """
      SELECT b.name, COUNT(*) FROM deliveries d JOIN players p ON p.id = d.batter_id
      JOIN players b ON b.id = d.bowler_id
      WHERE p.name = 'Yuvraj Singh' AND d.format = 'T20I' AND d.is_six = 1
      GROUP BY d.innings_id, d.over ORDER BY 2 DESC
      """)
    #expect(row?.string(0) == "SCJ Broad")
    #expect(row?.int(1) == 6)
  }

  @Test func everyGroundHasAHostCountry() throws {
    #expect(
      try database.int("SELECT COUNT(*) FROM venues WHERE country IS NULL OR country = 'Unknown'")
        == 0)
    #expect(try database.int("SELECT COUNT(*) FROM matches WHERE country = 'Unknown'") == 0)
    // "Lord's" and "Lord's, London" are one ground in England.
    let lords = try database.query(
      "SELECT DISTINCT venue_id, country FROM matches WHERE venue_as_played IN ('Lord''s', 'Lord''s, London')"
    )
    #expect(lords.rows.count == 1)
    #expect(lords.rows.first?.string(1) == "England")
  }

  @Test func renamedFranchisesShareAFranchiseKey() throws {
    let rows = try database.query(
      "SELECT name, franchise FROM teams WHERE name IN ('Delhi Daredevils', 'Delhi Capitals', 'Kings XI Punjab', 'Punjab Kings', 'Royal Challengers Bangalore', 'Royal Challengers Bengaluru') ORDER BY name"
    )
    let franchise = Dictionary(
      uniqueKeysWithValues: rows.rows.map { ($0.string(0) ?? "", $0.string(1) ?? "") })
    #expect(franchise["Delhi Daredevils"] == "Delhi Capitals")
    #expect(franchise["Delhi Capitals"] == "Delhi Capitals")
    #expect(franchise["Kings XI Punjab"] == "Punjab Kings")
    #expect(franchise["Royal Challengers Bangalore"] == "Royal Challengers Bengaluru")
  }

  @Test func dhoniKeptWicketAndKohliNeverDid() throws {
    let rows = try database.query(
      """
      SELECT p.name, SUM(mp.is_keeper), COUNT(*) FROM match_players mp
      JOIN players p ON p.id = mp.player_id WHERE p.name IN ('MS Dhoni', 'V Kohli') GROUP BY p.name
      ORDER BY p.name
      """)
    let dhoni = rows.rows.first
    let kohli = rows.rows.last
    #expect(Double(dhoni?.int(1) ?? 0) >= 0.95 * Double(dhoni?.int(2) ?? 1))
    #expect(kohli?.int(1) == 0)
    #expect((kohli?.int(2) ?? 0) > 800)
  }
}
