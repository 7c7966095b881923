import Foundation
import Testing

@testable import CricketDB

/// Each scoring convention checked on a real match, against the raw file read independently.
@Suite struct ConventionTests {
  let database: Database
  init() throws { database = try Fixtures.database.get() }

  @Test func ballsFacedExcludeWides() throws {
    // IPL 2008, MI v RCB: every batter's balls = deliveries faced that were not wides.
    let raw = Fixtures.rawDeliveries(try Fixtures.raw(335985))
    var faced: [String: Int] = [:]
    var wides = 0
    for (_, d) in raw {
      let batter = d["batter"] as? String ?? ""
      let isWide = (d["extras"] as? [String: Any])?["wides"] != nil
      if isWide { wides += 1 } else { faced[batter, default: 0] += 1 }
    }
    #expect(wides > 0, "the fixture should contain wides")
    let rows = try database.query(
      "SELECT p.name, b.balls FROM batting_innings b JOIN players p ON p.id = b.player_id WHERE b.match_id = 335985")
    #expect(rows.rows.count >= 10)
    for row in rows.rows {
      #expect(row.int(1) == faced[row.string(0) ?? "", default: 0], "balls faced by \(row.string(0) ?? "")")
    }
    let deliveries = try database.int("SELECT COUNT(*) FROM deliveries WHERE match_id = 335985")
    let sumBalls = try database.int("SELECT SUM(balls) FROM batting_innings WHERE match_id = 335985")
    #expect(sumBalls == (deliveries ?? 0) - wides)
  }

  @Test func bowlerRunsExcludeByesAndLegByes() throws {
    let raw = Fixtures.rawDeliveries(try Fixtures.raw(335985))
    var conceded: [String: Int] = [:]
    var byeRuns = 0
    for (_, d) in raw {
      let runs = d["runs"] as? [String: Any] ?? [:]
      let extras = d["extras"] as? [String: Any] ?? [:]
      let notCharged = ["byes", "legbyes", "penalty"].reduce(0) { $0 + (extras[$1] as? Int ?? 0) }
      byeRuns += notCharged
      conceded[d["bowler"] as? String ?? "", default: 0] += (runs["total"] as? Int ?? 0) - notCharged
    }
    #expect(byeRuns > 0, "the fixture should contain byes or leg-byes")
    let rows = try database.query(
      "SELECT p.name, b.runs FROM bowling_innings b JOIN players p ON p.id = b.player_id WHERE b.match_id = 335985")
    for row in rows.rows {
      #expect(row.int(1) == conceded[row.string(0) ?? ""], "runs conceded by \(row.string(0) ?? "")")
    }
    let total = try database.int("SELECT SUM(runs) FROM team_innings WHERE match_id = 335985") ?? 0
    let bowled = try database.int("SELECT SUM(runs) FROM bowling_innings WHERE match_id = 335985") ?? 0
    #expect(total - bowled == byeRuns)
  }

  @Test func bowlerWicketsExcludeRunOutsAndRetirements() throws {
    // Z Khan bowled the over in which DJ Thornely retired hurt and ST Jayasuriya was run out.
    let zaheer = try database.playerID("Z Khan")
    let credited = try database.int(
      "SELECT wickets FROM bowling_innings WHERE match_id = 335985 AND player_id = ?", [.integer(Int64(zaheer))])
    let onHisBalls = try database.query(
      "SELECT kind FROM dismissals WHERE match_id = 335985 AND bowler_id = ? ORDER BY kind",
      [.integer(Int64(zaheer))]
    ).rows.compactMap { $0.string(0) }
    #expect(onHisBalls.contains("run out"))
    #expect(onHisBalls.contains("retired hurt"))
    let expected = onHisBalls.filter { CricketRules.bowlerWicketKinds.contains($0) }.count
    #expect(credited == expected)
    #expect(expected < onHisBalls.count)
    // Across the whole fixture set: bowlers' wickets = dismissals of the credited kinds.
    let sumWickets = try database.int("SELECT SUM(wickets) FROM bowling_innings")
    let creditedKinds = try database.int(
      "SELECT COUNT(*) FROM dismissals WHERE kind IN ('bowled','caught','caught and bowled','lbw','stumped','hit wicket')")
    #expect(sumWickets == creditedKinds)
  }

  @Test func retiredHurtIsNotOut() throws {
    let thornely = try database.playerID("DJ Thornely")
    let row = try database.query(
      "SELECT is_out, how_out, bowler_id FROM batting_innings WHERE match_id = 335985 AND player_id = ?",
      [.integer(Int64(thornely))]
    ).rows.first
    #expect(row?.int(0) == 0)
    #expect(row?.string(1) == "retired hurt")
    #expect(row?[2] == .null)
    // Nor is it a team wicket.
    let wickets = try database.int("SELECT wickets FROM team_innings WHERE match_id = 335985 AND innings_number = 1")
    let outs = try database.int(
      "SELECT COUNT(*) FROM dismissals d JOIN innings i ON i.id = d.innings_id WHERE d.match_id = 335985 AND i.number = 1 AND kind NOT IN ('retired hurt', 'retired not out')")
    #expect(wickets == outs)
  }

  @Test func sixIsSixOffTheBatUnlessNonBoundary() throws {
    // PNG v Hong Kong 2024: S Bau ran (or was given) 6 that was not a boundary.
    let raw = Fixtures.rawDeliveries(try Fixtures.raw(1423442))
    var sixes: [String: Int] = [:]
    var nonBoundarySixes = 0
    for (_, d) in raw {
      let runs = d["runs"] as? [String: Any] ?? [:]
      guard runs["batter"] as? Int == 6 else { continue }
      if runs["non_boundary"] as? Bool == true { nonBoundarySixes += 1 } else { sixes[d["batter"] as? String ?? "", default: 0] += 1 }
    }
    #expect(nonBoundarySixes == 1)
    let bau = try database.playerID("S Bau")
    let bauSixes = try database.int(
      "SELECT sixes FROM batting_innings WHERE match_id = 1423442 AND player_id = ?", [.integer(Int64(bau))])
    #expect(bauSixes == sixes["S Bau", default: 0])
    let flagged = try database.int(
      "SELECT COUNT(*) FROM deliveries WHERE match_id = 1423442 AND runs_batter = 6 AND is_six = 0 AND non_boundary = 1")
    #expect(flagged == 1)
    let total = try database.int("SELECT SUM(sixes) FROM batting_innings WHERE match_id = 1423442")
    #expect(total == sixes.values.reduce(0, +))
  }

  @Test func battingPositionIsOrderOfFirstAppearance() throws {
    let raw = Fixtures.rawDeliveries(try Fixtures.raw(1122310))
    var order: [Int: [String]] = [:]
    for (innings, d) in raw {
      for name in [d["batter"] as? String ?? "", d["non_striker"] as? String ?? ""]
      where !(order[innings]?.contains(name) ?? false) {
        order[innings, default: []].append(name)
      }
    }
    for (innings, names) in order {
      let rows = try database.query(
        "SELECT p.name FROM batting_innings b JOIN players p ON p.id = b.player_id WHERE b.match_id = 1122310 AND b.innings_number = ? ORDER BY b.position",
        [.integer(Int64(innings))])
      #expect(rows.rows.compactMap { $0.string(0) } == names, "innings \(innings)")
    }
    // The first ball's non-striker opens too: position 2.
    let first = raw.first { $0.innings == 1 }?.delivery
    let position = try database.int(
      "SELECT position FROM batting_innings b JOIN players p ON p.id = b.player_id WHERE b.match_id = 1122310 AND b.innings_number = 1 AND p.name = ?",
      [.text(first?["non_striker"] as? String ?? "")])
    #expect(position == 2)
  }

  @Test func superOversAreNotInnings() throws {
    // Nepal v Oman 2023 was tied; Oman won the super over.
    let match = try Fixtures.raw(1405327)
    let fileInnings = (match["innings"] as? [[String: Any]] ?? []).count
    #expect(fileInnings == 4)
    #expect(try database.int("SELECT COUNT(*) FROM innings WHERE match_id = 1405327") == 2)
    #expect(try database.int("SELECT COUNT(*) FROM team_innings WHERE match_id = 1405327") == 2)
    let rawCount = Fixtures.rawDeliveries(match).count
    #expect(try database.int("SELECT COUNT(*) FROM deliveries WHERE match_id = 1405327") == rawCount)
    let result = try database.query(
      "SELECT m.result, t.name FROM matches m JOIN teams t ON t.id = m.super_over_winner_id WHERE m.id = 1405327"
    ).rows.first
    #expect(result?.string(0) == "tie")
    #expect(result?.string(1) == "Oman")
    #expect(try database.int("SELECT COUNT(*) FROM matches WHERE id = 1405327 AND winner_id IS NULL") == 1)
  }

  @Test func caughtAndBowledIsACatchForTheBowler() throws {
    let bowler = try database.playerID("Harbhajan Singh")
    let catches = try database.int(
      "SELECT catches FROM fielding WHERE match_id = 335985 AND player_id = ?", [.integer(Int64(bowler))])
    #expect(catches == 1)
    let wicket = try database.int(
      "SELECT wickets FROM bowling_innings WHERE match_id = 335985 AND player_id = ?", [.integer(Int64(bowler))])
    #expect((wicket ?? 0) >= 1)
  }

  @Test func aStumperKeepsWicket() throws {
    let boucher = try database.playerID("MV Boucher")
    let row = try database.query(
      "SELECT stumpings, as_keeper FROM fielding WHERE match_id = 335985 AND player_id = ?",
      [.integer(Int64(boucher))]
    ).rows.first
    #expect(row?.int(0) == 1)
    #expect(row?.int(1) == 1)
    #expect(
      try database.int(
        "SELECT is_keeper FROM match_players WHERE match_id = 335985 AND player_id = ?", [.integer(Int64(boucher))]) == 1)
  }

  @Test func anInningsVictoryAndADeclarationAreRecorded() throws {
    let match = try database.query(
      "SELECT result, margin_runs, margin_innings, format FROM matches WHERE id = 1122310"
    ).rows.first
    #expect(match?.string(0) == "won")
    #expect(match?.int(1) == 120)
    #expect(match?.int(2) == 1)
    #expect(match?.string(3) == "Test")
    #expect(try database.int("SELECT declared FROM team_innings WHERE match_id = 1122310 AND innings_number = 1") == 1)
    #expect(try database.int("SELECT all_out FROM team_innings WHERE match_id = 1122310 AND innings_number = 1") == 0)
  }

  @Test func partnershipsAddUpToTheInningsRuns() throws {
    for match in [335985, 1405327, 1423442, 1122310] {
      let rows = try database.query(
        """
        SELECT t.innings_id, t.runs - i.penalty_runs_pre - i.penalty_runs_post,
          (SELECT SUM(runs) FROM partnerships p WHERE p.innings_id = t.innings_id)
        FROM team_innings t JOIN innings i ON i.id = t.innings_id WHERE t.match_id = ?
        """, [.integer(Int64(match))])
      for row in rows.rows { #expect(row.int(1) == row.int(2), "match \(match) innings \(row.int(0) ?? 0)") }
    }
  }

  @Test func phasesFollowTheFormat() throws {
    #expect(try database.int("SELECT COUNT(*) FROM deliveries WHERE format = 'Test' AND phase IS NOT NULL") == 0)
    let t20 = try database.query(
      "SELECT phase, MIN(over_number), MAX(over_number) FROM deliveries WHERE match_id = 335985 GROUP BY phase ORDER BY 2")
    #expect(t20.rows.map { $0.string(0) ?? "" } == ["powerplay", "middle", "death"])
    #expect(t20.rows.map { $0.int(2) ?? 0 } == [6, 15, 20])
  }
}
