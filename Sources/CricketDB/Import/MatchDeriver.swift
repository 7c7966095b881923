/// Turns a decoded match into rows: deliveries with their flags, and the per-innings batting,
/// bowling, fielding, partnership and team figures, following `CricketRules`.
enum MatchDeriver {
  static func derive(_ match: CricsheetMatch, id: Int, name: String) throws -> MatchRows {
    guard
      let format = CricketRules.format(
        matchType: match.matchType, teamType: match.teamType, gender: match.gender,
        event: match.eventName)
    else {
      throw ImportError.unsupported(
        name,
        "\(match.gender) \(match.matchType) (\(match.teamType), \(match.eventName ?? "no event")) is not a men's Test, ODI, T20I or IPL match"
      )
    }
    var rows = MatchRows()
    rows.id = id
    rows.format = format
    rows.info = match
    rows.info.innings = []

    var people = PeopleIndex(registry: match.registry)
    let teamIndex = { (team: String) throws -> Int in
      guard let index = match.teams.firstIndex(of: team) else {
        throw ImportError.badJSON(name, "team \"\(team)\" is not one of \(match.teams)")
      }
      return index
    }
    for (team, names) in match.players {
      let index = try teamIndex(team)
      rows.squads[index] = names.map { people.index(of: $0) }
    }
    rows.playerOfMatch = match.playerOfMatch.map { people.index(of: $0) }

    let outcome = match.outcome
    if let winner = outcome.winner {
      rows.result = "won"
      rows.winner = try teamIndex(winner)
    } else if let result = outcome.result, ["tie", "draw", "no result"].contains(result) {
      rows.result = result
    } else {
      throw ImportError.badJSON(name, "`info.outcome` has neither a winner nor a known result")
    }
    if let eliminator = outcome.eliminator ?? outcome.bowlOut {
      rows.superOverWinner = try teamIndex(eliminator)
    }

    var number = 0
    for innings in match.innings where !innings.superOver {
      number += 1
      var derived = InningsDeriver(
        format: format, ballsPerOver: match.ballsPerOver, oversLimit: match.overs, people: people)
      rows.innings.append(
        try derived.derive(innings, number: number, battingTeam: try teamIndex(innings.team)))
      people = derived.people
    }
    rows.people = people.people
    return rows
  }
}

/// Local player indices for one match, keyed by name.
struct PeopleIndex {
  let registry: [String: String]
  private(set) var people: [(name: String, registryID: String)] = []
  private var indexByName: [String: Int] = [:]

  init(registry: [String: String]) { self.registry = registry }

  mutating func index(of name: String) -> Int {
    if let index = indexByName[name] { return index }
    let index = people.count
    // A name missing from the registry still gets a stable identity.
    people.append((name, registry[name] ?? "unregistered:\(name)"))
    indexByName[name] = index
    return index
  }
}

/// Walks one innings ball by ball.
struct InningsDeriver {
  let format: String
  let ballsPerOver: Int
  /// The scheduled overs per side in limited-overs matches (`info.overs`).
  let oversLimit: Int?
  var people: PeopleIndex

  private var batting: [BattingRow] = []
  private var battingSlot: [Int: Int] = [:]
  private var bowling: [BowlingRow] = []
  private var bowlingSlot: [Int: Int] = [:]
  private var fielding: [FieldingRow] = []
  private var fieldingSlot: [Int: Int] = [:]
  private var partnerships: [PartnershipRow] = []
  private var total = TeamTotals()

  init(format: String, ballsPerOver: Int, oversLimit: Int?, people: PeopleIndex) {
    self.format = format
    self.ballsPerOver = ballsPerOver
    self.oversLimit = oversLimit
    self.people = people
  }

  private mutating func batter(_ player: Int) -> Int {
    if let slot = battingSlot[player] { return slot }
    batting.append(BattingRow(player: player, position: batting.count + 1))
    battingSlot[player] = batting.count - 1
    return batting.count - 1
  }

  private mutating func bowler(_ player: Int) -> Int {
    if let slot = bowlingSlot[player] { return slot }
    bowling.append(BowlingRow(player: player, order: bowling.count + 1))
    bowlingSlot[player] = bowling.count - 1
    return bowling.count - 1
  }

  private mutating func fielder(_ player: Int) -> Int {
    if let slot = fieldingSlot[player] { return slot }
    fielding.append(FieldingRow(player: player))
    fieldingSlot[player] = fielding.count - 1
    return fielding.count - 1
  }

  /// Legal balls in an overs figure written as Cricsheet does: 46.2 is 46 overs and 2 balls.
  private func ballsIn(overs: Double) -> Int {
    let whole = Int(overs)
    return whole * ballsPerOver + Int(((overs - Double(whole)) * 10).rounded())
  }

  /// A batter seen at the crease again after retiring is back in: not out unless dismissed later.
  private mutating func atCrease(_ slot: Int) {
    if CricketRules.notOutKinds.contains(batting[slot].howOut) {
      batting[slot].howOut = "not out"
    }
  }

  mutating func derive(_ innings: CricsheetMatch.Innings, number: Int, battingTeam: Int) throws
    -> InningsRows
  {
    var rows = InningsRows()
    rows.number = number
    rows.battingTeam = battingTeam
    rows.declared = innings.declared
    rows.forfeited = innings.forfeited
    rows.targetRuns = innings.targetRuns
    rows.targetOvers = innings.targetOvers
    rows.penaltyPre = innings.penaltyPre
    rows.penaltyPost = innings.penaltyPost
    rows.deliveries.reserveCapacity(innings.deliveries.count)

    // The over in progress, for ball numbers and maidens.
    var currentOver = -1
    var ballInOver = 0
    var legalInOver = 0
    var overBowler: Int? = nil
    var overSingleBowler = true
    var overBowlerRuns = 0
    // The partnership in progress, as the two batters' local indices.
    var pair: (Int, Int)? = nil
    var lastHadWicket = false

    func closeOver(_ bowling: inout [BowlingRow], _ bowlingSlot: [Int: Int]) {
      if let bowler = overBowler, overSingleBowler, legalInOver >= ballsPerOver,
        overBowlerRuns == 0,
        let slot = bowlingSlot[bowler]
      {
        bowling[slot].maidens += 1
      }
    }

    for delivery in innings.deliveries {
      let striker = people.index(of: delivery.batter)
      let nonStriker = people.index(of: delivery.nonStriker)
      let bowlerIndex = people.index(of: delivery.bowler)
      let strikerSlot = batter(striker)
      let nonStrikerSlot = batter(nonStriker)
      atCrease(strikerSlot)
      atCrease(nonStrikerSlot)

      if delivery.over != currentOver {
        closeOver(&bowling, bowlingSlot)
        currentOver = delivery.over
        ballInOver = 0
        legalInOver = 0
        overBowler = bowlerIndex
        overSingleBowler = true
        overBowlerRuns = 0
      }
      if overBowler != bowlerIndex { overSingleBowler = false }
      let legal = delivery.wides == 0 && delivery.noballs == 0
      ballInOver += 1
      let legalBall = legalInOver + 1
      if legal { legalInOver += 1 }

      let four = delivery.runsBatter == 4 && !delivery.nonBoundary
      let six = delivery.runsBatter == 6 && !delivery.nonBoundary
      let bowlerRuns = delivery.runsTotal - delivery.byes - delivery.legbyes - delivery.penalty
      overBowlerRuns += bowlerRuns

      // Batter: wides are not balls faced.
      if delivery.wides == 0 {
        batting[strikerSlot].balls += 1
        if delivery.runsBatter == 0 { batting[strikerSlot].dots += 1 }
      }
      batting[strikerSlot].runs += delivery.runsBatter
      if four { batting[strikerSlot].fours += 1 }
      if six { batting[strikerSlot].sixes += 1 }
      if batting[strikerSlot].runs >= 50, batting[strikerSlot].ballsTo50 == nil {
        batting[strikerSlot].ballsTo50 = batting[strikerSlot].balls
      }
      if batting[strikerSlot].runs >= 100, batting[strikerSlot].ballsTo100 == nil {
        batting[strikerSlot].ballsTo100 = batting[strikerSlot].balls
      }

      // Bowler: byes, leg-byes and penalty runs are not charged.
      let bowlerSlot = bowler(bowlerIndex)
      if legal { bowling[bowlerSlot].legalBalls += 1 }
      bowling[bowlerSlot].runs += bowlerRuns
      if delivery.wides > 0 { bowling[bowlerSlot].wides += 1 }
      if delivery.noballs > 0 { bowling[bowlerSlot].noballs += 1 }
      let dot = legal && bowlerRuns == 0
      if dot { bowling[bowlerSlot].dots += 1 }
      if four { bowling[bowlerSlot].fours += 1 }
      if six { bowling[bowlerSlot].sixes += 1 }

      total.runs += delivery.runsTotal
      total.extras += delivery.runsExtras
      if legal { total.legalBalls += 1 }
      if four { total.fours += 1 }
      if six { total.sixes += 1 }

      // Partnership: a new pair at the crease starts a new one.
      let key = (min(striker, nonStriker), max(striker, nonStriker))
      if pair == nil || pair! != key {
        let first = batting[strikerSlot].position < batting[nonStrikerSlot].position
        partnerships.append(
          PartnershipRow(
            wicket: total.wickets + 1, batter1: first ? striker : nonStriker,
            batter2: first ? nonStriker : striker))
        pair = key
      }
      let stand = partnerships.count - 1
      partnerships[stand].runs += delivery.runsTotal
      if delivery.wides == 0 { partnerships[stand].balls += 1 }
      if partnerships[stand].batter1 == striker {
        partnerships[stand].batter1Runs += delivery.runsBatter
      } else {
        partnerships[stand].batter2Runs += delivery.runsBatter
      }

      var row = DeliveryRow(
        over: delivery.over, ball: ballInOver, legalBall: legalBall,
        phase: CricketRules.phase(format: format, overNumber: delivery.over + 1),
        batter: striker, batterPosition: batting[strikerSlot].position, nonStriker: nonStriker,
        bowler: bowlerIndex, runsBatter: delivery.runsBatter, wides: delivery.wides,
        noballs: delivery.noballs, byes: delivery.byes, legbyes: delivery.legbyes,
        penalty: delivery.penalty, runsExtras: delivery.runsExtras, runsTotal: delivery.runsTotal,
        bowlerRuns: bowlerRuns, nonBoundary: delivery.nonBoundary, isFour: four, isSix: six,
        isLegal: legal, isDot: dot)

      lastHadWicket = !delivery.wickets.isEmpty
      for wicket in delivery.wickets {
        let out = people.index(of: wicket.playerOut)
        let outSlot = batter(out)
        let credited = CricketRules.bowlerWicketKinds.contains(wicket.kind)
        let isOut = !CricketRules.notOutKinds.contains(wicket.kind)
        let fielders = wicket.fielders.map { people.index(of: $0.name) }
        let catcher = wicket.kind == "caught and bowled" ? bowlerIndex : fielders.first
        var wicketNumber: Int? = nil
        if isOut {
          total.wickets += 1
          wicketNumber = total.wickets
        }
        batting[outSlot].isOut = isOut
        batting[outSlot].howOut = wicket.kind
        batting[outSlot].bowler = credited ? bowlerIndex : nil
        batting[outSlot].fielder = catcher
        if credited { bowling[bowlerSlot].wickets += 1 }

        switch wicket.kind {
        case "caught":
          if let catcher {
            let slot = fielder(catcher)
            fielding[slot].catches += 1
            if wicket.fielders.first?.substitute == true { fielding[slot].asSubstitute = true }
          }
        case "caught and bowled":
          fielding[fielder(bowlerIndex)].catches += 1
        case "stumped":
          if let keeper = fielders.first { fielding[fielder(keeper)].stumpings += 1 }
        case "run out":
          for (offset, person) in fielders.enumerated() {
            let slot = fielder(person)
            fielding[slot].runOuts += 1
            if wicket.fielders[offset].substitute { fielding[slot].asSubstitute = true }
          }
        default:
          break
        }

        rows.dismissals.append(
          DismissalRow(
            delivery: rows.deliveries.count, kind: wicket.kind, playerOut: out,
            bowler: bowlerIndex, fielder: catcher,
            fielder2: fielders.count > 1 ? fielders[1] : nil,
            fielderSubstitute: wicket.fielders.first?.substitute ?? false,
            wicketNumber: wicketNumber, teamScore: total.runs + innings.penaltyPre))
        if row.wicketKind == nil {
          row.wicketKind = wicket.kind
          row.playerOut = out
          row.fielder = catcher
        }
        if credited { row.bowlerWicket = true }
      }
      rows.deliveries.append(row)
    }
    closeOver(&bowling, bowlingSlot)
    if !partnerships.isEmpty, !lastHadWicket {
      partnerships[partnerships.count - 1].unbroken = true
    }

    // Penalty runs awarded outside any delivery belong to the innings total.
    total.runs += innings.penaltyPre + innings.penaltyPost
    total.extras += innings.penaltyPre + innings.penaltyPost
    let retiredForGood = batting.filter { CricketRules.notOutKinds.contains($0.howOut) }.count
    // Retired or absent batters end an innings only when nothing else did: nine down with one
    // retired hurt after batting out the overs, or after reaching the target, is "91/9", not
    // all out (matches 1298163, 1393329, 317579).
    let ballsAllowed =
      innings.targetOvers.map(ballsIn(overs:)) ?? oversLimit.map { $0 * ballsPerOver }
    let endedOtherwise =
      innings.declared || ballsAllowed.map { total.legalBalls >= $0 } == true
      || innings.targetRuns.map { total.runs >= $0 } == true
    total.allOut =
      total.wickets >= 10
      || (!endedOtherwise && total.wickets + innings.absentHurt.count + retiredForGood >= 10)

    rows.batting = batting
    rows.bowling = bowling
    rows.fielding = fielding
    rows.partnerships = partnerships
    rows.total = total
    return rows
  }
}
