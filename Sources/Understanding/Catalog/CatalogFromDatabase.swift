import CricketDB
import Foundation

/// Reads the linker's catalog from the cricket database (schema 2): players with matches and
/// years per format, teams played for, career runs and wickets; teams, grounds and competitions
/// with match counts; and the alias tables. About 2 s of SQL, so the result is cached as a
/// snapshot next to the database and reused while the database's build stamp is unchanged.
extension LinkCatalog {
  public static func fromDatabase(_ db: Database) throws -> LinkCatalog {
    do {
      return try read(db)
    } catch let error as UnderstandingError {
      throw error
    } catch {
      throw UnderstandingError.database("\(error)")
    }
  }

  /// Identifies one build of the database: schema version, aliases digest and match count.
  public static func buildStamp(_ db: Database) throws -> String {
    let rows = try db.query("SELECT key, value FROM build_info WHERE key IN ('schema_version', 'aliases_digest', 'matches') ORDER BY key")
    return rows.rows.map { "\($0.string(0) ?? "")=\($0.string(1) ?? "")" }.joined(separator: ",")
  }

  private static func read(_ db: Database) throws -> LinkCatalog {
    let formats = CricketFormat.allCases
    var players: [Int: PlayerRecord] = [:]
    for row in try db.query(
      """
      SELECT mp.player_id, p.unique_name, mp.format, COUNT(*), MIN(mp.year), MAX(mp.year)
      FROM match_players mp JOIN players p ON p.id = mp.player_id
      GROUP BY mp.player_id, mp.format
      """
    ).rows {
      guard let id = row.int(0), let name = row.string(1), let format = row.string(2).flatMap(CricketFormat.init),
        let count = row.int(3), let first = row.int(4), let last = row.int(5),
        let f = formats.firstIndex(of: format)
      else { continue }
      var record =
        players[id]
        ?? PlayerRecord(
          name: name, matchesByFormat: [0, 0, 0, 0], firstYear: first, lastYear: last, teams: [],
          yearsByFormat: [nil, nil, nil, nil])
      record.matchesByFormat[f] = count
      record.yearsByFormat[f] = first...last
      record.firstYear = min(record.firstYear, first)
      record.lastYear = max(record.lastYear, last)
      players[id] = record
    }
    var teamCounts: [Int: [(String, Int)]] = [:]
    for row in try db.query(
      """
      SELECT mp.player_id, t.name, COUNT(*) FROM match_players mp JOIN teams t ON t.id = mp.team_id
      GROUP BY mp.player_id, mp.team_id
      """
    ).rows {
      guard let id = row.int(0), let team = row.string(1), let n = row.int(2) else { continue }
      teamCounts[id, default: []].append((team, n))
    }
    for (id, teams) in teamCounts {
      players[id]?.teams = teams.sorted { $0.1 > $1.1 }.prefix(4).map(\.0)
    }
    for row in try db.query("SELECT player_id, SUM(runs) FROM batting_innings GROUP BY player_id").rows {
      if let id = row.int(0) { players[id]?.runs = row.int(1) ?? 0 }
    }
    for row in try db.query("SELECT player_id, SUM(wickets) FROM bowling_innings GROUP BY player_id").rows {
      if let id = row.int(0) { players[id]?.wickets = row.int(1) ?? 0 }
    }

    var teams: [String: NamedRecord] = [:]
    var aliases = LinkAliases()
    for row in try db.query(
      """
      SELECT t.name, t.franchise, m.format, COUNT(*) FROM matches m
      JOIN teams t ON t.id IN (m.team1_id, m.team2_id) GROUP BY t.id, m.format
      """
    ).rows {
      guard let name = row.string(0), let n = row.int(3) else { continue }
      var record = teams[name] ?? NamedRecord(name: name, matches: 0)
      record.matches += n
      if let format = row.string(2).flatMap(CricketFormat.init) { record.formats.insert(format) }
      teams[name] = record
      if let franchise = row.string(1), franchise != name { aliases.franchises[name] = franchise }
    }
    var venues: [NamedRecord] = []
    for row in try db.query(
      "SELECT v.name, COALESCE(v.city, ''), COUNT(*) FROM matches m JOIN venues v ON v.id = m.venue_id GROUP BY v.id"
    ).rows {
      guard let name = row.string(0) else { continue }
      venues.append(NamedRecord(name: name, matches: row.int(2) ?? 0, city: row.string(1) ?? ""))
    }
    var events: [String: NamedRecord] = [:]
    for row in try db.query(
      "SELECT competition, format, COUNT(*) FROM matches WHERE competition IS NOT NULL GROUP BY competition, format"
    ).rows {
      guard let name = row.string(0), let n = row.int(2) else { continue }
      var record = events[name] ?? NamedRecord(name: name, matches: 0)
      record.matches += n
      if let format = row.string(1).flatMap(CricketFormat.init) { record.formats.insert(format) }
      events[name] = record
    }
    aliases.players = grouped(
      try db.query("SELECT p.unique_name, a.alias FROM player_aliases a JOIN players p ON p.id = a.player_id"))
    aliases.teams = grouped(
      try db.query("SELECT t.name, a.alias FROM team_aliases a JOIN teams t ON t.id = a.team_id"))
    aliases.venues = grouped(
      try db.query("SELECT v.name, a.alias FROM venue_aliases a JOIN venues v ON v.id = a.venue_id"))
    aliases.events = grouped(try db.query("SELECT competition, alias FROM event_aliases"))
    let lastDate = try db.scalar("SELECT MAX(end_date) FROM matches").stringValue ?? ""
    var catalog = LinkCatalog(
      players: players.values.sorted { $0.name < $1.name }, teams: teams.values.sorted { $0.name < $1.name },
      venues: venues.sorted { $0.name < $1.name }, events: events.values.sorted { $0.name < $1.name },
      lastDate: lastDate)
    catalog.aliases = aliases
    return catalog
  }

  private static func grouped(_ result: ResultSet) -> [(name: String, aliases: [String])] {
    var byName: [String: [String]] = [:]
    for row in result.rows {
      guard let name = row.string(0), let alias = row.string(1), alias != name else { continue }
      byName[name, default: []].append(alias)
    }
    return byName.keys.sorted().map { ($0, byName[$0]!) }
  }
}
