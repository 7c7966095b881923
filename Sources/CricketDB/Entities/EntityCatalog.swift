import Foundation

/// Every player, team, venue and competition in the database with the names people use for
/// them, for linking words in a question to database entities and checking names in a query.
///
/// Lookup is on normalised names (`NameKey`). Players are found by Cricsheet name ("V Kohli"),
/// other Cricsheet names of the same registry id, surname ("Kohli"), first initial + surname
/// ("R Sharma"), and the full names and nicknames of `corpus/aliases/players.tsv`. A name may fit
/// several entities; results come most-played first.
public struct EntityCatalog: Sendable {
  public enum Kind: String, Sendable, CaseIterable, Hashable {
    case player, team, venue, competition
  }

  public struct Entity: Sendable, Hashable, CustomStringConvertible {
    public let kind: Kind
    /// The database id (players, teams, venues); competitions have none (0).
    public let id: Int
    /// The name to write in queries: players' `unique_name`, teams' and venues' `name`,
    /// the competition's name.
    public let name: String
    /// Players: full name; teams: franchise; venues: "city, country".
    public let detail: String?
    /// Matches played (players, teams), hosted (venues) or in the competition.
    public let matches: Int

    public var description: String { "\(kind.rawValue) \(name)" }
  }

  /// How a name was matched.
  public enum Via: String, Sendable {
    case name, alias, surname, initialAndSurname, fullName, suggestion
  }

  public struct Hit: Sendable, Hashable {
    public let entity: Entity
    /// The catalogue's spelling that matched.
    public let matched: String
    public let via: Via
    /// Edit distance from the query (0 for exact lookups).
    public let distance: Int
  }

  private struct Key: Sendable {
    let text: String
    let via: Via
    let entity: Int
  }

  public private(set) var entities: [Entity] = []
  /// Normalised name → keys with that name.
  private var index: [String: [Key]] = [:]
  private var byKindAndID: [String: Int] = [:]

  public init() {}

  /// Loads everything from a database built by `cricq db build`.
  public static func load(from database: Database) throws -> EntityCatalog {
    var catalog = EntityCatalog()
    let players = try database.query(
      """
      SELECT p.id, p.unique_name, p.name, p.full_name, COUNT(mp.match_id)
      FROM players p LEFT JOIN match_players mp ON mp.player_id = p.id
      GROUP BY p.id ORDER BY p.id
      """)
    for row in players.rows {
      guard let id = row.int(0), let unique = row.string(1), let name = row.string(2) else { continue }
      let entity = catalog.add(
        Entity(kind: .player, id: id, name: unique, detail: row.string(3), matches: row.int(4) ?? 0))
      catalog.addPlayerNames(entity: entity, cricsheetName: name)
      if unique != name { catalog.addKey(unique, via: .name, entity: entity) }
    }
    for row in try database.query("SELECT alias, player_id, source FROM player_aliases").rows {
      guard let alias = row.string(0), let id = row.int(1), let entity = catalog.position(.player, id) else { continue }
      if row.string(2) == "cricsheet" {
        catalog.addPlayerNames(entity: entity, cricsheetName: alias)
      } else {
        let full = catalog.entities[entity].detail == alias
        catalog.addKey(alias, via: full ? .fullName : .alias, entity: entity)
      }
    }

    let teams = try database.query(
      """
      SELECT t.id, t.name, t.franchise,
        (SELECT COUNT(*) FROM matches m WHERE m.team1_id = t.id OR m.team2_id = t.id)
      FROM teams t ORDER BY t.id
      """)
    for row in teams.rows {
      guard let id = row.int(0), let name = row.string(1) else { continue }
      let entity = catalog.add(
        Entity(kind: .team, id: id, name: name, detail: row.string(2), matches: row.int(3) ?? 0))
      catalog.addKey(name, via: .name, entity: entity)
    }
    for row in try database.query("SELECT alias, team_id FROM team_aliases").rows {
      guard let alias = row.string(0), let id = row.int(1), let entity = catalog.position(.team, id) else { continue }
      catalog.addKey(alias, via: .alias, entity: entity)
    }

    let venues = try database.query(
      """
      SELECT v.id, v.name, v.city, v.country, (SELECT COUNT(*) FROM matches m WHERE m.venue_id = v.id)
      FROM venues v ORDER BY v.id
      """)
    for row in venues.rows {
      guard let id = row.int(0), let name = row.string(1) else { continue }
      let place = [row.string(2), row.string(3)].compactMap { $0 }.joined(separator: ", ")
      let entity = catalog.add(
        Entity(kind: .venue, id: id, name: name, detail: place, matches: row.int(4) ?? 0))
      catalog.addKey(name, via: .name, entity: entity)
    }
    for row in try database.query("SELECT alias, venue_id FROM venue_aliases").rows {
      guard let alias = row.string(0), let id = row.int(1), let entity = catalog.position(.venue, id) else { continue }
      catalog.addKey(alias, via: .alias, entity: entity)
    }

    let competitions = try database.query(
      "SELECT competition, COUNT(*) FROM matches WHERE competition IS NOT NULL GROUP BY competition ORDER BY competition")
    var competitionPosition: [String: Int] = [:]
    for (offset, row) in competitions.rows.enumerated() {
      guard let name = row.string(0) else { continue }
      let entity = catalog.add(
        Entity(kind: .competition, id: offset + 1, name: name, detail: nil, matches: row.int(1) ?? 0))
      competitionPosition[name] = entity
      catalog.addKey(name, via: .name, entity: entity)
    }
    for row in try database.query("SELECT alias, competition FROM event_aliases").rows {
      guard let alias = row.string(0), let name = row.string(1), let entity = competitionPosition[name] else { continue }
      catalog.addKey(alias, via: .alias, entity: entity)
    }
    return catalog
  }

  /// Adds player aliases from a players.tsv text (e.g. a newer file than the database was built
  /// with). Returns the entries that named no player.
  @discardableResult
  public mutating func addPlayerAliases(_ entries: [AliasFiles.PlayerEntry]) -> [AliasFiles.PlayerEntry] {
    var unmatched: [AliasFiles.PlayerEntry] = []
    for entry in entries {
      let candidates = (index[NameKey.normalise(entry.name)] ?? [])
        .filter { entities[$0.entity].kind == .player && $0.via == .name }
      guard let chosen = candidates.map(\.entity).max(by: { entities[$0].matches < entities[$1].matches }) else {
        unmatched.append(entry)
        continue
      }
      for (offset, alias) in entry.aliases.enumerated() {
        addKey(alias, via: offset == 0 ? .fullName : .alias, entity: chosen)
      }
    }
    return unmatched
  }

  // MARK: - Lookup

  /// Entities whose name or alias equals `text` (after normalisation), most matches first.
  public func lookup(_ text: String, kinds: Set<Kind> = Set(Kind.allCases)) -> [Hit] {
    let keys = index[NameKey.normalise(text)] ?? []
    var best: [Int: Key] = [:]
    for key in keys where kinds.contains(entities[key.entity].kind) {
      if let existing = best[key.entity], rank(existing.via) <= rank(key.via) { continue }
      best[key.entity] = key
    }
    return best.values
      .map { Hit(entity: entities[$0.entity], matched: $0.text, via: $0.via, distance: 0) }
      .sorted(by: Self.order)
  }

  /// Close spellings for a name that `lookup` does not find ("did you mean"): names within a few
  /// edits (about one per four letters), nearest first, then most matches.
  public func suggestions(_ text: String, kinds: Set<Kind> = Set(Kind.allCases), limit: Int = 5) -> [Hit] {
    let query = Array(NameKey.normalise(text).utf8)
    guard !query.isEmpty else { return [] }
    let allowed = max(1, min(3, query.count / 4))
    var best: [Int: Hit] = [:]
    for (name, keys) in index {
      let candidate = Array(name.utf8)
      let distance = NameKey.editDistance(query, candidate, limit: allowed)
      guard distance <= allowed else { continue }
      for key in keys where kinds.contains(entities[key.entity].kind) {
        if let existing = best[key.entity], existing.distance <= distance { continue }
        best[key.entity] = Hit(entity: entities[key.entity], matched: key.text, via: .suggestion, distance: distance)
      }
    }
    return Array(best.values.sorted(by: Self.order).prefix(limit))
  }

  /// The entity of a kind with this database id.
  public func entity(_ kind: Kind, id: Int) -> Entity? {
    position(kind, id).map { entities[$0] }
  }

  /// The entity whose query name (`Entity.name`) is exactly `name`.
  public func entity(_ kind: Kind, named name: String) -> Entity? {
    (index[NameKey.normalise(name)] ?? [])
      .first { entities[$0.entity].kind == kind && entities[$0.entity].name == name }
      .map { entities[$0.entity] }
  }

  /// Every normalised name with the entities it can mean (for building tries and n-gram scans).
  public var names: [(key: String, entities: [Entity])] {
    index.keys.sorted().map { key in
      (key, Array(Set(index[key, default: []].map { entities[$0.entity] })).sorted { $0.matches > $1.matches })
    }
  }

  // MARK: - Building

  private static func order(_ a: Hit, _ b: Hit) -> Bool {
    if a.distance != b.distance { return a.distance < b.distance }
    if a.entity.matches != b.entity.matches { return a.entity.matches > b.entity.matches }
    return (a.entity.kind.rawValue, a.entity.id) < (b.entity.kind.rawValue, b.entity.id)
  }

  private func rank(_ via: Via) -> Int {
    switch via {
    case .name: return 0
    case .fullName: return 1
    case .alias: return 2
    case .initialAndSurname: return 3
    case .surname: return 4
    case .suggestion: return 5
    }
  }

  private func position(_ kind: Kind, _ id: Int) -> Int? { byKindAndID["\(kind.rawValue)#\(id)"] }

  private mutating func add(_ entity: Entity) -> Int {
    entities.append(entity)
    byKindAndID["\(entity.kind.rawValue)#\(entity.id)"] = entities.count - 1
    return entities.count - 1
  }

  private mutating func addKey(_ text: String, via: Via, entity: Int) {
    let key = NameKey.normalise(text)
    guard !key.isEmpty else { return }
    if index[key]?.contains(where: { $0.entity == entity && $0.via == via }) == true { return }
    index[key, default: []].append(Key(text: text, via: via, entity: entity))
  }

  /// A Cricsheet name and the shorter forms people write: "AB de Villiers" also answers to
  /// "de Villiers", "Villiers" and "A de Villiers"; "Babar Azam" to "Azam".
  private mutating func addPlayerNames(entity: Int, cricsheetName name: String) {
    addKey(name, via: .name, entity: entity)
    let words = name.split(separator: " ").map(String.init)
    guard words.count >= 2 else { return }
    let hasInitials = Self.isInitials(words[0])
    let surname = words.dropFirst().joined(separator: " ")
    if hasInitials {
      addKey(surname, via: .surname, entity: entity)
      if let first = words[0].first { addKey("\(first) \(surname)", via: .initialAndSurname, entity: entity) }
    }
    if let last = words.last, last.count > 1, !(words.count == 2 && !hasInitials && last.count <= 2) {
      addKey(last, via: .surname, entity: entity)
    }
  }

  /// "V", "RG", "AB", "MEK": scorecard initials.
  static func isInitials(_ word: String) -> Bool {
    word.count <= 4 && word.allSatisfy { $0.isUppercase && $0.isLetter }
  }
}
