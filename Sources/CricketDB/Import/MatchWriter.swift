import Foundation

/// Inserts matches into a database being built, assigning player, team and venue ids in the
/// order matches arrive. Rows that need the whole data set first (players, teams, venues,
/// aliases, match_players and fielding, which carry inferred wicket-keepers) are kept and
/// written by `finish()`.
final class MatchWriter {
  let database: Database
  let aliases: AliasFiles
  let venues: VenueNormaliser

  struct PlayerRecord {
    var id: Int
    var registryID: String
    var latestName = ""
    var latestKey = ""
    var names: Set<String> = []
    var matches = 0
  }

  struct TeamRecord {
    var id: Int
    var name: String
    var teamType: String
  }

  struct GroundRecord {
    var id: Int
    var ground: VenueNormaliser.Ground
  }

  /// One player in one match, kept until keepers are known.
  struct Appearance {
    var matchID: Int
    var playerID: Int
    var teamID: Int
    var oppositionID: Int
    var copies: Copies
    var teamResult: String
  }

  /// Match columns repeated on derived rows.
  struct Copies {
    var format: String
    var startDate: String
    var year: Int
    var season: String
    var venueID: Int
    var country: String
    var eventName: String?
    var competition: String?
  }

  struct PendingFielding {
    var matchID: Int
    var inningsID: Int
    var inningsNumber: Int
    var row: FieldingRow
    var playerID: Int
    var teamID: Int
    var oppositionID: Int
    var copies: Copies
    var teamResult: String
  }

  private(set) var players: [String: PlayerRecord] = [:]
  private(set) var teams: [String: TeamRecord] = [:]
  private(set) var grounds: [String: GroundRecord] = [:]
  private var appearances: [Appearance] = []
  private var fielding: [PendingFielding] = []
  private var nextInningsID = 1
  private var nextDeliveryID = 1
  private(set) var matchCount = 0
  private(set) var deliveryCount = 0
  private(set) var matchesPerFormat: [String: Int] = [:]

  private let matchesTable: TableInserter
  private let playerOfMatchTable: TableInserter
  private let inningsTable: TableInserter
  private let deliveriesTable: TableInserter
  private let dismissalsTable: TableInserter
  private let battingTable: TableInserter
  private let bowlingTable: TableInserter
  private let partnershipsTable: TableInserter
  private let teamInningsTable: TableInserter

  static let copyColumns = [
    "format", "start_date", "year", "season", "venue_id", "country", "event_name", "competition",
    "team_result",
  ]

  /// Lower-cased event name or alias → competition (from events.tsv).
  private let competitionOf: [String: String]
  private var eventNames: Set<String> = []

  init(database: Database, aliases: AliasFiles) throws {
    var competitionOf: [String: String] = [:]
    for entry in aliases.events {
      competitionOf[entry.competition.lowercased()] = entry.competition
      for alias in entry.aliases { competitionOf[alias.lowercased()] = entry.competition }
    }
    self.competitionOf = competitionOf
    self.database = database
    self.aliases = aliases
    venues = VenueNormaliser(aliases)
    matchesTable = try TableInserter(
      database, table: "matches",
      columns: [
        "id", "format", "start_date", "end_date", "year", "season", "venue_id", "venue_as_played",
        "city", "country", "team1_id", "team2_id", "toss_winner_id", "toss_decision", "result",
        "winner_id", "loser_id", "margin_runs", "margin_wickets", "margin_innings", "method",
        "super_over_winner_id", "event_name", "competition", "event_stage", "event_group", "event_match_number",
        "player_of_match_id", "overs_scheduled", "balls_per_over", "data_version",
      ])
    playerOfMatchTable = try TableInserter(database, table: "player_of_match", columns: ["match_id", "player_id"])
    inningsTable = try TableInserter(
      database, table: "innings",
      columns: [
        "id", "match_id", "number", "batting_team_id", "bowling_team_id", "declared", "forfeited",
        "target_runs", "target_overs", "penalty_runs_pre", "penalty_runs_post",
      ])
    deliveriesTable = try TableInserter(
      database, table: "deliveries",
      columns: [
        "id", "innings_id", "match_id", "innings_number", "format", "year", "batting_team_id",
        "bowling_team_id", "over", "over_number", "ball", "legal_ball", "phase", "batter_id",
        "batter_position", "non_striker_id", "bowler_id", "runs_batter", "wides", "noballs", "byes",
        "legbyes", "penalty", "runs_extras", "runs_total", "bowler_runs", "non_boundary", "is_four",
        "is_six", "is_legal", "is_dot", "wicket_kind", "player_out_id", "fielder_id", "bowler_wicket",
      ])
    dismissalsTable = try TableInserter(
      database, table: "dismissals",
      columns: [
        "delivery_id", "innings_id", "match_id", "kind", "player_out_id", "bowler_id", "fielder_id",
        "fielder2_id", "fielder_substitute", "wicket_number", "team_score",
      ])
    let head = ["match_id", "innings_id", "innings_number", "player_id", "team_id", "opposition_id"]
    battingTable = try TableInserter(
      database, table: "batting_innings",
      columns: head + [
        "position", "runs", "balls", "fours", "sixes", "dots", "is_out", "how_out", "bowler_id",
        "fielder_id", "balls_to_50", "balls_to_100",
      ] + Self.copyColumns)
    bowlingTable = try TableInserter(
      database, table: "bowling_innings",
      columns: head + [
        "bowling_order", "legal_balls", "maidens", "runs", "wickets", "wides", "noballs", "dots",
        "fours", "sixes",
      ] + Self.copyColumns)
    partnershipsTable = try TableInserter(
      database, table: "partnerships",
      columns: [
        "match_id", "innings_id", "innings_number", "team_id", "opposition_id", "wicket", "runs",
        "balls", "batter1_id", "batter2_id", "batter1_runs", "batter2_runs", "unbroken",
      ] + Self.copyColumns)
    teamInningsTable = try TableInserter(
      database, table: "team_innings",
      columns: [
        "innings_id", "match_id", "innings_number", "team_id", "opposition_id", "runs", "wickets",
        "legal_balls", "extras", "fours", "sixes", "declared", "forfeited", "all_out", "target_runs",
      ] + Self.copyColumns)
  }

  private func playerID(_ person: (name: String, registryID: String), matchKey: String) -> Int {
    var record =
      players[person.registryID]
      ?? PlayerRecord(id: players.count + 1, registryID: person.registryID)
    record.names.insert(person.name)
    if matchKey >= record.latestKey {
      record.latestKey = matchKey
      record.latestName = person.name
    }
    players[person.registryID] = record
    return record.id
  }

  private func teamID(_ name: String, teamType: String) -> Int {
    if let record = teams[name] { return record.id }
    let record = TeamRecord(id: teams.count + 1, name: name, teamType: teamType == "club" ? "club" : "international")
    teams[name] = record
    return record.id
  }

  /// Ground id and host country for a match's venue.
  private func ground(venue: String, city: String?) -> (id: Int, country: String) {
    let name = venues.canonicalName(venue: venue, city: city)
    var record = grounds[name] ?? GroundRecord(id: grounds.count + 1, ground: .init(name: name))
    if let city { record.ground.cityCounts[city, default: 0] += 1 }
    if !record.ground.spellings.contains(venue) { record.ground.spellings.append(venue) }
    grounds[name] = record
    let country =
      venues.listedEntry(name)?.country
      ?? city.flatMap { venues.country(ofCity: $0) }
      ?? venues.place(of: record.ground).country
      ?? "Unknown"
    return (record.id, country)
  }

  func write(_ rows: MatchRows) throws {
    let info = rows.info
    let startDate = info.dates.min() ?? ""
    let endDate = info.dates.max() ?? startDate
    guard startDate.count == 10, let year = Int(startDate.prefix(4)) else {
      throw ImportError.badJSON("match \(rows.id)", "date \"\(startDate)\" is not YYYY-MM-DD")
    }
    let matchKey = "\(startDate) \(String(rows.id).leftPadded(12))"
    let ids = rows.people.map { playerID($0, matchKey: matchKey) }
    let team = info.teams.map { teamID($0, teamType: info.teamType) }
    let place = ground(venue: info.venue, city: info.city)
    let copies = Copies(
      format: rows.format, startDate: startDate, year: year, season: info.season,
      venueID: place.id, country: place.country, eventName: info.eventName,
      competition: info.eventName.map { competitionOf[$0.lowercased()] ?? $0 })
    if let event = info.eventName { eventNames.insert(event) }
    matchCount += 1
    matchesPerFormat[rows.format, default: 0] += 1

    let m = matchesTable
    try m.int(rows.id)
    try m.text(rows.format)
    try m.text(startDate)
    try m.text(endDate)
    try m.int(year)
    try m.text(info.season)
    try m.int(place.id)
    try m.text(info.venue)
    try m.text(info.city ?? venues.listedEntry(venues.canonicalName(venue: info.venue, city: nil))?.city)
    try m.text(place.country)
    try m.int(team[0])
    try m.int(team[1])
    try m.int(info.tossWinner.flatMap { info.teams.firstIndex(of: $0) }.map { team[$0] })
    try m.text(info.tossDecision.flatMap { ["bat", "field"].contains($0) ? $0 : nil })
    try m.text(rows.result)
    try m.int(rows.winner.map { team[$0] })
    try m.int(rows.winner.map { team[1 - $0] })
    try m.int(info.outcome.byRuns)
    try m.int(info.outcome.byWickets)
    try m.bool(info.outcome.byInnings != nil)
    try m.text(info.outcome.method)
    try m.int(rows.superOverWinner.map { team[$0] })
    try m.text(info.eventName)
    try m.text(copies.competition)
    try m.text(info.eventStage)
    try m.text(info.eventGroup)
    try m.int(info.eventMatchNumber)
    try m.int(rows.playerOfMatch.first.map { ids[$0] })
    try m.int(info.overs)
    try m.int(info.ballsPerOver)
    try m.text(info.dataVersion)
    try m.insert()

    for player in Set(rows.playerOfMatch.map { ids[$0] }).sorted() {
      try playerOfMatchTable.int(rows.id)
      try playerOfMatchTable.int(player)
      try playerOfMatchTable.insert()
    }

    // Who played: the listed XIs, plus anyone who batted or bowled without being listed.
    var side: [Int: Int] = [:]
    for teamIndex in 0..<2 {
      for person in rows.squads[teamIndex] where side[person] == nil { side[person] = teamIndex }
    }
    for innings in rows.innings {
      for batter in innings.batting where side[batter.player] == nil { side[batter.player] = innings.battingTeam }
      for bowler in innings.bowling where side[bowler.player] == nil { side[bowler.player] = innings.bowlingTeam }
    }
    for (person, teamIndex) in side.sorted(by: { $0.key < $1.key }) {
      players[rows.people[person].registryID]?.matches += 1
      appearances.append(
        Appearance(
          matchID: rows.id, playerID: ids[person], teamID: team[teamIndex],
          oppositionID: team[1 - teamIndex], copies: copies, teamResult: rows.teamResult(teamIndex)))
    }

    for innings in rows.innings {
      try writeInnings(innings, matchID: rows.id, ids: ids, team: team, copies: copies, rows: rows)
    }
  }

  private func writeInnings(
    _ innings: InningsRows, matchID: Int, ids: [Int], team: [Int], copies: Copies, rows: MatchRows
  ) throws {
    let inningsID = nextInningsID
    nextInningsID += 1
    let batting = team[innings.battingTeam]
    let bowling = team[innings.bowlingTeam]
    let battingResult = rows.teamResult(innings.battingTeam)
    let bowlingResult = rows.teamResult(innings.bowlingTeam)

    let i = inningsTable
    try i.int(inningsID)
    try i.int(matchID)
    try i.int(innings.number)
    try i.int(batting)
    try i.int(bowling)
    try i.bool(innings.declared)
    try i.bool(innings.forfeited)
    try i.int(innings.targetRuns)
    try i.real(innings.targetOvers)
    try i.int(innings.penaltyPre)
    try i.int(innings.penaltyPost)
    try i.insert()

    let firstDelivery = nextDeliveryID
    let d = deliveriesTable
    for row in innings.deliveries {
      try d.int(nextDeliveryID)
      try d.int(inningsID)
      try d.int(matchID)
      try d.int(innings.number)
      try d.text(copies.format)
      try d.int(copies.year)
      try d.int(batting)
      try d.int(bowling)
      try d.int(row.over)
      try d.int(row.over + 1)
      try d.int(row.ball)
      try d.int(row.legalBall)
      try d.text(row.phase)
      try d.int(ids[row.batter])
      try d.int(row.batterPosition)
      try d.int(ids[row.nonStriker])
      try d.int(ids[row.bowler])
      try d.int(row.runsBatter)
      try d.int(row.wides)
      try d.int(row.noballs)
      try d.int(row.byes)
      try d.int(row.legbyes)
      try d.int(row.penalty)
      try d.int(row.runsExtras)
      try d.int(row.runsTotal)
      try d.int(row.bowlerRuns)
      try d.bool(row.nonBoundary)
      try d.bool(row.isFour)
      try d.bool(row.isSix)
      try d.bool(row.isLegal)
      try d.bool(row.isDot)
      try d.text(row.wicketKind)
      try d.int(row.playerOut.map { ids[$0] })
      try d.int(row.fielder.map { ids[$0] })
      try d.bool(row.bowlerWicket)
      try d.insert()
      nextDeliveryID += 1
    }
    deliveryCount += innings.deliveries.count

    for row in innings.dismissals {
      let t = dismissalsTable
      try t.int(firstDelivery + row.delivery)
      try t.int(inningsID)
      try t.int(matchID)
      try t.text(row.kind)
      try t.int(ids[row.playerOut])
      try t.int(ids[row.bowler])
      try t.int(row.fielder.map { ids[$0] })
      try t.int(row.fielder2.map { ids[$0] })
      try t.bool(row.fielderSubstitute)
      try t.int(row.wicketNumber)
      try t.int(row.teamScore)
      try t.insert()
    }

    for row in innings.batting {
      let t = battingTable
      try head(t, matchID, inningsID, innings.number, ids[row.player], batting, bowling)
      try t.int(row.position)
      try t.int(row.runs)
      try t.int(row.balls)
      try t.int(row.fours)
      try t.int(row.sixes)
      try t.int(row.dots)
      try t.bool(row.isOut)
      try t.text(row.howOut)
      try t.int(row.bowler.map { ids[$0] })
      try t.int(row.fielder.map { ids[$0] })
      try t.int(row.ballsTo50)
      try t.int(row.ballsTo100)
      try copy(t, copies, battingResult)
      try t.insert()
    }

    for row in innings.bowling {
      let t = bowlingTable
      try head(t, matchID, inningsID, innings.number, ids[row.player], bowling, batting)
      try t.int(row.order)
      try t.int(row.legalBalls)
      try t.int(row.maidens)
      try t.int(row.runs)
      try t.int(row.wickets)
      try t.int(row.wides)
      try t.int(row.noballs)
      try t.int(row.dots)
      try t.int(row.fours)
      try t.int(row.sixes)
      try copy(t, copies, bowlingResult)
      try t.insert()
    }

    for row in innings.fielding {
      fielding.append(
        PendingFielding(
          matchID: matchID, inningsID: inningsID, inningsNumber: innings.number, row: row,
          playerID: ids[row.player], teamID: bowling, oppositionID: batting, copies: copies,
          teamResult: bowlingResult))
    }

    for row in innings.partnerships {
      let t = partnershipsTable
      try t.int(matchID)
      try t.int(inningsID)
      try t.int(innings.number)
      try t.int(batting)
      try t.int(bowling)
      try t.int(row.wicket)
      try t.int(row.runs)
      try t.int(row.balls)
      try t.int(ids[row.batter1])
      try t.int(ids[row.batter2])
      try t.int(row.batter1Runs)
      try t.int(row.batter2Runs)
      try t.bool(row.unbroken)
      try copy(t, copies, battingResult)
      try t.insert()
    }

    let t = teamInningsTable
    let total = innings.total
    try t.int(inningsID)
    try t.int(matchID)
    try t.int(innings.number)
    try t.int(batting)
    try t.int(bowling)
    try t.int(total.runs)
    try t.int(total.wickets)
    try t.int(total.legalBalls)
    try t.int(total.extras)
    try t.int(total.fours)
    try t.int(total.sixes)
    try t.bool(innings.declared)
    try t.bool(innings.forfeited)
    try t.bool(total.allOut)
    try t.int(innings.targetRuns)
    try copy(t, copies, battingResult)
    try t.insert()
  }

  private func head(
    _ t: TableInserter, _ matchID: Int, _ inningsID: Int, _ number: Int, _ player: Int,
    _ team: Int, _ opposition: Int
  ) throws {
    try t.int(matchID)
    try t.int(inningsID)
    try t.int(number)
    try t.int(player)
    try t.int(team)
    try t.int(opposition)
  }

  private func copy(_ t: TableInserter, _ copies: Copies, _ teamResult: String) throws {
    try t.text(copies.format)
    try t.text(copies.startDate)
    try t.int(copies.year)
    try t.text(copies.season)
    try t.int(copies.venueID)
    try t.text(copies.country)
    try t.text(copies.eventName)
    try t.text(copies.competition)
    try t.text(teamResult)
  }

  // MARK: - Finishing: entities, aliases, keepers

  /// Writes what needed every match first. Returns warnings about alias lines that named no one.
  func finish() throws -> [String] {
    var warnings: [String] = []
    try writeTeams()
    try writeVenues()
    try writeEvents()
    warnings += try writePlayers()
    try writeAppearancesAndFielding()
    return warnings
  }

  private func writeTeams() throws {
    let listed = Dictionary(aliases.teams.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let table = try TableInserter(database, table: "teams", columns: ["id", "name", "franchise", "team_type"])
    let aliasTable = try TableInserter(database, table: "team_aliases", columns: ["alias", "team_id", "source"])
    for record in teams.values.sorted(by: { $0.id < $1.id }) {
      let entry = listed[record.name]
      try table.int(record.id)
      try table.text(record.name)
      try table.text(entry?.franchise ?? record.name)
      try table.text(record.teamType)
      try table.insert()
      var seen: Set<String> = []
      for (alias, source) in [(record.name, "cricsheet")] + (entry?.aliases ?? []).map({ ($0, "corpus") })
      where seen.insert(alias.lowercased()).inserted {
        try aliasTable.text(alias)
        try aliasTable.int(record.id)
        try aliasTable.text(source)
        try aliasTable.insert()
      }
    }
  }

  /// Every event name is an alias of its competition; events.tsv adds the names users type.
  private func writeEvents() throws {
    let table = try TableInserter(database, table: "event_aliases", columns: ["alias", "competition", "source"])
    var rows: [String: (String, String)] = [:]  // lower-cased alias + competition → row
    for event in eventNames.sorted() {
      let competition = competitionOf[event.lowercased()] ?? event
      rows["\(event.lowercased())|\(competition)"] = (event, "cricsheet")
      rows["\(competition.lowercased())|\(competition)"] = rows["\(competition.lowercased())|\(competition)"] ?? (competition, "cricsheet")
    }
    let played = Set(eventNames.map { competitionOf[$0.lowercased()] ?? $0 })
    for entry in aliases.events where played.contains(entry.competition) {
      for alias in entry.aliases where rows["\(alias.lowercased())|\(entry.competition)"] == nil {
        rows["\(alias.lowercased())|\(entry.competition)"] = (alias, "corpus")
      }
    }
    for key in rows.keys.sorted() {
      guard let (alias, source) = rows[key], let competition = key.split(separator: "|", maxSplits: 1).last else { continue }
      try table.text(alias)
      try table.text(String(competition))
      try table.text(source)
      try table.insert()
    }
  }

  private func writeVenues() throws {
    let table = try TableInserter(database, table: "venues", columns: ["id", "name", "city", "country"])
    let aliasTable = try TableInserter(database, table: "venue_aliases", columns: ["alias", "venue_id", "source"])
    for record in grounds.values.sorted(by: { $0.ground.name < $1.ground.name }) {
      let place = venues.place(of: record.ground)
      try table.int(record.id)
      try table.text(record.ground.name)
      try table.text(place.city)
      try table.text(place.country ?? "Unknown")
      try table.insert()
      var seen: Set<String> = []
      let corpus = (venues.listedEntry(record.ground.name)?.aliases ?? []).filter { !$0.contains("@") }
      let all =
        ([record.ground.name] + record.ground.spellings).map { ($0, "cricsheet") }
        + corpus.map { ($0, "corpus") }
      for (alias, source) in all where seen.insert(alias.lowercased()).inserted {
        try aliasTable.text(alias)
        try aliasTable.int(record.id)
        try aliasTable.text(source)
        try aliasTable.insert()
      }
    }
    // Rows written before a ground's country was known (venue with no city in its first files).
    for table in ["matches", "match_players", "batting_innings", "bowling_innings", "partnerships", "team_innings"]
    where table != "match_players" {
      try database.execute(
        "UPDATE \(table) SET country = (SELECT country FROM venues WHERE venues.id = \(table).venue_id) WHERE country = 'Unknown'")
    }
    for index in appearances.indices where appearances[index].copies.country == "Unknown" {
      appearances[index].copies.country = countryOfGround(appearances[index].copies.venueID)
    }
    for index in fielding.indices where fielding[index].copies.country == "Unknown" {
      fielding[index].copies.country = countryOfGround(fielding[index].copies.venueID)
    }
  }

  private lazy var groundCountries: [Int: String] = Dictionary(
    uniqueKeysWithValues: grounds.values.map { ($0.id, venues.place(of: $0.ground).country ?? "Unknown") })

  private func countryOfGround(_ id: Int) -> String { groundCountries[id] ?? "Unknown" }

  private func writePlayers() throws -> [String] {
    var warnings: [String] = []
    let all = players.values.sorted { $0.id < $1.id }
    // Names shared by several registry ids: the one with most matches keeps the bare name.
    var holders: [String: [PlayerRecord]] = [:]
    for record in all { holders[record.latestName, default: []].append(record) }
    var uniqueName: [Int: String] = [:]
    for (name, records) in holders {
      let ordered = records.sorted { ($0.matches, -$0.id) > ($1.matches, -$1.id) }
      for (rank, record) in ordered.enumerated() {
        uniqueName[record.id] = rank == 0 ? name : "\(name) (\(record.registryID))"
      }
    }
    // Corpus aliases, matched on any Cricsheet name the player was recorded under.
    var byName: [String: [PlayerRecord]] = [:]
    for record in all { for name in record.names { byName[name, default: []].append(record) } }
    var corpusAliases: [Int: [String]] = [:]
    var fullName: [Int: String] = [:]
    for entry in aliases.players {
      var candidates = byName[entry.name] ?? []
      if let registryID = entry.registryID { candidates = candidates.filter { $0.registryID == registryID } }
      guard let chosen = candidates.max(by: { ($0.matches, -$0.id) < ($1.matches, -$1.id) }) else {
        warnings.append("players.tsv: \"\(entry.name)\" played in none of the imported matches")
        continue
      }
      if candidates.count > 1 {
        warnings.append(
          "players.tsv: \"\(entry.name)\" fits \(candidates.count) players; used the one with most matches (\(chosen.registryID)); write \"\(entry.name) [id]\" to choose")
      }
      fullName[chosen.id] = fullName[chosen.id] ?? entry.aliases.first
      corpusAliases[chosen.id, default: []] += entry.aliases
    }
    let table = try TableInserter(
      database, table: "players", columns: ["id", "registry_id", "name", "unique_name", "full_name"])
    let aliasTable = try TableInserter(database, table: "player_aliases", columns: ["alias", "player_id", "source"])
    for record in all {
      try table.int(record.id)
      try table.text(record.registryID)
      try table.text(record.latestName)
      try table.text(uniqueName[record.id] ?? record.latestName)
      try table.text(fullName[record.id])
      try table.insert()
      var seen: Set<String> = [record.latestName.lowercased()]
      let entries =
        record.names.sorted().map { ($0, "cricsheet") } + (corpusAliases[record.id] ?? []).map { ($0, "corpus") }
      for (alias, source) in entries where seen.insert(alias.lowercased()).inserted {
        try aliasTable.text(alias)
        try aliasTable.int(record.id)
        try aliasTable.text(source)
        try aliasTable.insert()
      }
    }
    return warnings
  }

  /// Wicket-keepers are not in Cricsheet: a player who made a stumping in the match kept wicket;
  /// failing that, the team's XI member with most stumpings for that team in the same format
  /// within 365 days of the match.
  private func inferKeepers() -> Set<[Int]> {
    var stumpers: [[Int]: [Int: Int]] = [:]  // [match, team] → player → stumpings
    for pending in fielding where pending.row.stumpings > 0 {
      stumpers[[pending.matchID, pending.teamID], default: [:]][pending.playerID, default: 0] += pending.row.stumpings
    }
    struct Stumping { let day: Int; let player: Int; let count: Int }
    var history: [String: [Stumping]] = [:]  // "team|format" → stumpings
    for pending in fielding where pending.row.stumpings > 0 {
      history["\(pending.teamID)|\(pending.copies.format)", default: []].append(
        Stumping(day: dayNumber(pending.copies.startDate), player: pending.playerID, count: pending.row.stumpings))
    }
    var keepers: Set<[Int]> = []  // [match, player]
    var squads: [[Int]: [Appearance]] = [:]
    for appearance in appearances { squads[[appearance.matchID, appearance.teamID], default: []].append(appearance) }
    for (key, squad) in squads {
      if let direct = stumpers[key] {
        for player in direct.keys { keepers.insert([key[0], player]) }
        continue
      }
      guard let first = squad.first else { continue }
      let day = dayNumber(first.copies.startDate)
      let members = Set(squad.map(\.playerID))
      var counts: [Int: Int] = [:]
      for stumping in history["\(key[1])|\(first.copies.format)"] ?? []
      where abs(stumping.day - day) <= 365 && members.contains(stumping.player) {
        counts[stumping.player, default: 0] += stumping.count
      }
      if let best = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) {
        keepers.insert([key[0], best.key])
      }
    }
    return keepers
  }

  private func writeAppearancesAndFielding() throws {
    let keepers = inferKeepers()
    let table = try TableInserter(
      database, table: "match_players",
      columns: [
        "match_id", "player_id", "team_id", "opposition_id", "format", "start_date", "year",
        "venue_id", "country", "event_name", "competition", "team_result", "is_keeper",
      ])
    for a in appearances {
      try table.int(a.matchID)
      try table.int(a.playerID)
      try table.int(a.teamID)
      try table.int(a.oppositionID)
      try table.text(a.copies.format)
      try table.text(a.copies.startDate)
      try table.int(a.copies.year)
      try table.int(a.copies.venueID)
      try table.text(a.copies.country)
      try table.text(a.copies.eventName)
      try table.text(a.copies.competition)
      try table.text(a.teamResult)
      try table.bool(keepers.contains([a.matchID, a.playerID]))
      try table.insert()
    }
    let fieldingTable = try TableInserter(
      database, table: "fielding",
      columns: [
        "match_id", "innings_id", "innings_number", "player_id", "team_id", "opposition_id",
        "catches", "keeper_catches", "stumpings", "run_outs", "dismissals", "as_keeper",
        "as_substitute",
      ] + Self.copyColumns)
    for f in fielding {
      let keeper = keepers.contains([f.matchID, f.playerID])
      let t = fieldingTable
      try t.int(f.matchID)
      try t.int(f.inningsID)
      try t.int(f.inningsNumber)
      try t.int(f.playerID)
      try t.int(f.teamID)
      try t.int(f.oppositionID)
      try t.int(f.row.catches)
      try t.int(keeper ? f.row.catches : 0)
      try t.int(f.row.stumpings)
      try t.int(f.row.runOuts)
      try t.int(f.row.catches + f.row.stumpings + f.row.runOuts)
      try t.bool(keeper)
      try t.bool(f.row.asSubstitute)
      try copy(t, f.copies, f.teamResult)
      try t.insert()
    }
  }
}

/// Days since 0000-03-01 for an ISO date (only differences are used).
func dayNumber(_ iso: String) -> Int {
  let parts = iso.split(separator: "-").compactMap { Int($0) }
  guard parts.count == 3 else { return 0 }
  var (y, m) = (parts[0], parts[1])
  if m <= 2 {
    y -= 1
    m += 12
  }
  return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + parts[2]
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
