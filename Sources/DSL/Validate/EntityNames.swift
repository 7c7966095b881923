import CricketDB
import Foundation

/// The names a query may use, read once from the database: players' unique names, team names,
/// ground names, competitions (grouped event names) and host countries, plus the alias tables for "did you mean".
// @unchecked Sendable: `loadedCatalog` is only touched while `lock` is held; the rest is immutable.
public final class EntityNames: @unchecked Sendable {
  public enum Kind: String, Sendable {
    case player, team, venue, event, country
  }

  let names: [Kind: Set<String>]
  /// Lower-cased alias → canonical name, per kind.
  let aliases: [Kind: [String: String]]
  let database: Database
  private let lock = NSLock()
  private var loadedCatalog: EntityCatalog?

  /// The database's catalogue (surnames, initials, nicknames) for "did you mean". Read on first
  /// use: only a query naming an unknown entity needs it, and reading it is most of opening.
  var catalog: EntityCatalog {
    lock.lock()
    defer { lock.unlock() }
    if let loadedCatalog { return loadedCatalog }
    let catalog = (try? EntityCatalog.load(from: database)) ?? EntityCatalog()
    loadedCatalog = catalog
    return catalog
  }

  public init(database: Database) throws {
    self.database = database
    func column(_ sql: String) throws -> [String] {
      try database.query(sql).rows.compactMap { $0.string(0) }
    }
    names = [
      .player: Set(try column("SELECT unique_name FROM players")),
      .team: Set(try column("SELECT name FROM teams")),
      .venue: Set(try column("SELECT name FROM venues")),
      .event: Set(
        try column("SELECT DISTINCT competition FROM matches WHERE competition IS NOT NULL")),
      .country: Set(try column("SELECT DISTINCT country FROM venues")),
    ]
    func pairs(_ sql: String) throws -> [String: String] {
      var result: [String: String] = [:]
      for row in try database.query(sql).rows {
        if let alias = row.string(0), let name = row.string(1) { result[alias.lowercased()] = name }
      }
      return result
    }
    aliases = [
      .player: try pairs(
        "SELECT a.alias, p.unique_name FROM player_aliases a JOIN players p ON p.id = a.player_id"
          + " ORDER BY (SELECT COUNT(*) FROM match_players mp WHERE mp.player_id = p.id)"),
      .team: try pairs(
        "SELECT a.alias, t.name FROM team_aliases a JOIN teams t ON t.id = a.team_id"),
      .venue: try pairs(
        "SELECT a.alias, v.name FROM venue_aliases a JOIN venues v ON v.id = a.venue_id"),
      .event: try pairs("SELECT alias, competition FROM event_aliases"),
    ]
  }

  public func contains(_ name: String, kind: Kind) -> Bool { names[kind]?.contains(name) ?? false }

  /// The likeliest intended name: an alias match, else the closest by edit distance.
  public func suggestion(for name: String, kind: Kind) -> String? {
    if let alias = aliases[kind]?[name.lowercased()] { return alias }
    let catalogKind: EntityCatalog.Kind? =
      switch kind {
      case .player: .player
      case .team: .team
      case .venue: .venue
      case .event: .competition
      case .country: nil
      }
    if let catalogKind {
      let hits = catalog.lookup(name, kinds: [catalogKind])
      let found = hits.first ?? catalog.suggestions(name, kinds: [catalogKind], limit: 1).first
      if let found, contains(found.entity.name, kind: kind) { return found.entity.name }
    }
    let lowered = name.lowercased()
    if let exactCase = names[kind]?.first(where: { $0.lowercased() == lowered }) {
      return exactCase
    }
    let target = Array(lowered.utf8)
    var best: (String, Int)? = nil
    for candidate in names[kind] ?? [] {
      let bytes = Array(candidate.lowercased().utf8)
      if abs(bytes.count - target.count) > 3 { continue }
      let distance = editDistance(target, bytes)
      if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
        best = (candidate, distance)
      }
    }
    guard let (candidate, distance) = best, distance <= max(2, target.count / 4) else { return nil }
    return candidate
  }

  static func kind(of field: FilterField) -> Kind? {
    switch field {
    case .player, .batter, .bowler: .player
    case .team, .opposition: .team
    case .venue: .venue
    case .event: .event
    case .country: .country
    default: nil
    }
  }
}

extension DSLQuery {
  /// The type rules, then every name checked against the database.
  public func validate(against names: EntityNames) throws(DSLError) {
    try checkRules()
    for filter in filters {
      guard let kind = EntityNames.kind(of: filter.field) else { continue }
      for case .name(let name) in filter.value.operands where !names.contains(name, kind: kind) {
        let noun = kind == .country ? "host country" : kind.rawValue
        throw DSLError(
          .validation, column: 0, found: nil,
          reason: "no \(noun) is named \"\(name)\" (`\(filter.field.word)`)",
          suggestion: names.suggestion(for: name, kind: kind).map { "\"\($0)\"" })
      }
    }
  }
}
