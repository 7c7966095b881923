/// How a name form was derived; the base quality of a match through it.
public enum MatchForm: String, Sendable, Codable {
  case canonical  // the database's own spelling ("V Kohli", "Mumbai Indians")
  case alias  // from corpus/aliases ("Virat Kohli", "King Kohli", "MI")
  case initialSurname  // first initial + surname ("S Smith")
  case surname  // "Kohli", "de Villiers", last word of "Babar Azam"
  case givenName  // first word of a name without initials ("Babar")
  case city  // a venue's city ("in Mumbai")
  case phrase  // a glossary phrase
  case fuzzy  // near miss of one of the above

  var quality: Double {
    switch self {
    case .canonical, .alias, .phrase: 1.0
    case .initialSurname: 0.92
    case .surname: 0.82
    case .givenName: 0.72
    case .city: 0.88
    case .fuzzy: 0.7
    }
  }
}

/// What a name form points at.
public enum IndexTarget: Sendable, Hashable {
  case player(Int)
  case team(Int)
  case venue(Int)
  case event(Int)
  case glossary(Int)
}

public struct IndexEntry: Sendable, Hashable {
  public let target: IndexTarget
  public let form: MatchForm
}

/// A ground as the linker resolves it: Cricsheet spellings of one ground grouped under one name.
public struct VenueGroup: Sendable {
  public var name: String
  public var city: String
  public var matches: Int
}

/// A competition: the alias file's name, the format it implies and the Cricsheet names it covers.
public struct EventConcept: Sendable {
  public var name: String
  public var format: CricketFormat?
  public var matches: Int
}

/// Every name form → what it may mean. Built once at start-up from the catalog and alias files.
public struct NameIndex: Sendable {
  public let players: [PlayerRecord]
  public let teams: [NamedRecord]
  public let venues: [VenueGroup]
  public let events: [EventConcept]
  public let lastYear: Int
  private(set) var entries: [String: [IndexEntry]] = [:]
  /// Longest form in tokens; the matcher tries no longer span.
  private(set) var maxTokens = 1
  /// One-word forms of people, teams and grounds by length, for fuzzy matching.
  private(set) var fuzzyKeys: [Int: [String]] = [:]
  /// Player alias rows whose Cricsheet name the catalog does not have (a test requires none).
  public private(set) var unknownAliasNames: [String] = []
  /// Team, ground and event alias rows the catalog has no match for (e.g. Afghanistan, whose
  /// matches Cricsheet withholds); harmless, listed for `cricq link --check`.
  public private(set) var unmatchedAliasRows: [String] = []
  let maxPlayerMatches: Int
  /// Renamed franchises: team index → its current name ("Delhi Daredevils" → "Delhi Capitals").
  public let franchise: [Int: String]
  /// Canonical player name → index in `players` (the first of a shared name).
  private(set) var playerByName: [String: Int] = [:]

  public init(catalog: LinkCatalog, aliases: LinkAliases) {
    players = catalog.players
    teams = catalog.teams
    lastYear = catalog.lastYear
    maxPlayerMatches = catalog.players.map(\.matches).max() ?? 1
    var franchise: [Int: String] = [:]
    for (i, team) in catalog.teams.enumerated() {
      if let current = aliases.franchises[team.name] { franchise[i] = current }
    }
    self.franchise = franchise

    // Grounds: Cricsheet writes one ground several ways ("Wankhede Stadium", "Wankhede Stadium,
    // Mumbai"); group by the name before the first comma, named by the commonest spelling.
    var groupOf: [String: Int] = [:]
    var groups: [VenueGroup] = []
    var rawNames: [(String, Int)] = []
    for venue in catalog.venues.sorted(by: { $0.matches > $1.matches }) {
      let base = String(venue.name.split(separator: ",").first ?? Substring(venue.name))
        .trimmingCharacters(in: .whitespaces)
      let key = Tokenizer.key(base)
      if let g = groupOf[key] {
        groups[g].matches += venue.matches
        if groups[g].city.isEmpty { groups[g].city = venue.city }
        rawNames.append((venue.name, g))
      } else {
        groupOf[key] = groups.count
        rawNames.append((venue.name, groups.count))
        groups.append(VenueGroup(name: base, city: venue.city, matches: venue.matches))
      }
    }
    venues = groups

    // Competitions: the alias file names them; Cricsheet names with "Cup" or "Trophy" join as is.
    var concepts: [EventConcept] = []
    var eventNames: [(String, Int)] = []
    let catalogEvents = Dictionary(catalog.events.map { (Tokenizer.key($0.name), $0) }, uniquingKeysWith: { a, _ in a })
    var covered: Set<String> = []
    // One concept per competition, however many rows name it; its matches and formats are those
    // of the Cricsheet event names it groups (a single format becomes the question's hint).
    var conceptByName: [String: Int] = [:]
    var conceptFormats: [Set<CricketFormat>] = []
    for row in aliases.events {
      let key = Tokenizer.key(row.name)
      let c: Int
      if let existing = conceptByName[key] {
        c = existing
      } else {
        c = concepts.count
        conceptByName[key] = c
        concepts.append(EventConcept(name: row.name, format: nil, matches: 0))
        conceptFormats.append([])
        eventNames.append((row.name, c))
      }
      for name in [row.name] + row.aliases {
        let k = Tokenizer.key(name)
        if !covered.contains(k), let event = catalogEvents[k] {
          concepts[c].matches += event.matches
          conceptFormats[c].formUnion(event.formats)
        }
        covered.insert(k)
        if name != row.name { eventNames.append((name, c)) }
      }
    }
    for c in concepts.indices where conceptFormats[c].count == 1 { concepts[c].format = conceptFormats[c].first }
    for event in catalog.events where event.matches >= 3 && !covered.contains(Tokenizer.key(event.name)) {
      guard event.name.contains("Cup") || event.name.contains("Trophy") else { continue }
      eventNames.append((event.name, concepts.count))
      concepts.append(
        EventConcept(name: event.name, format: event.formats.count == 1 ? event.formats.first : nil, matches: event.matches))
    }
    events = concepts

    for (i, player) in players.enumerated() { addPlayerForms(player.name, i) }
    for (i, player) in players.enumerated() where playerByName[player.name] == nil {
      playerByName[player.name] = i
    }
    for row in aliases.players {
      guard let i = playerByName[row.name] else {
        unknownAliasNames.append(row.name)
        continue
      }
      for alias in row.aliases { add(alias, .player(i), .alias) }
    }

    var teamByKey: [String: Int] = [:]
    for (i, team) in teams.enumerated() {
      teamByKey[Tokenizer.key(team.name)] = i
      add(team.name, .team(i), .canonical)
    }
    for row in aliases.teams {
      guard let i = teamByKey[Tokenizer.key(row.name)] else {
        unmatchedAliasRows.append(row.name)
        continue
      }
      // An alias that is another team's own name stays that team's ("Delhi Daredevils").
      for alias in row.aliases where teamByKey[Tokenizer.key(alias)] == nil {
        add(alias, .team(i), .alias)
      }
    }

    for (name, g) in rawNames { add(name, .venue(g), .canonical) }
    for (g, group) in groups.enumerated() {
      add(group.name, .venue(g), .canonical)
      if !group.city.isEmpty { add(group.city, .venue(g), .city) }
    }
    for row in aliases.venues {
      guard let g = groupOf[Tokenizer.key(row.name)] else {
        unmatchedAliasRows.append(row.name)
        continue
      }
      for alias in row.aliases { add(alias, .venue(g), .alias) }
    }

    // Plurals name the same competition: "in World Cups", "T20 World Cups".
    for (name, e) in eventNames {
      add(name, .event(e), .alias)
      if let last = name.last, last.isLetter, last != "s" { add(name + "s", .event(e), .alias) }
    }
    for (i, entry) in Glossary.entries.enumerated() {
      for phrase in entry.phrases { add(phrase, .glossary(i), .phrase) }
    }

    for key in entries.keys where !key.contains(" ") && key.count >= 4 {
      if entries[key]!.contains(where: { if case .glossary = $0.target { false } else { true } }) {
        fuzzyKeys[key.count, default: []].append(key)
      }
    }
    for length in fuzzyKeys.keys { fuzzyKeys[length]!.sort() }
  }

  /// Forms derived from a Cricsheet name. "SPD Smith": "spd smith", "smith", "s smith".
  /// "Babar Azam": "babar azam", "azam" (surname), "babar" (given name).
  private mutating func addPlayerForms(_ name: String, _ i: Int) {
    add(name, .player(i), .canonical)
    let words = name.split(separator: " ").map(String.init)
    guard words.count >= 2 else { return }
    let first = words[0]
    let hasInitials = first.count <= 5 && first.allSatisfy { $0.isUppercase && $0.isLetter }
    if hasInitials {
      let surname = words.dropFirst().joined(separator: " ")
      add(surname, .player(i), .surname)
      if first.count > 1 { add("\(first.prefix(1)) \(surname)", .player(i), .initialSurname) }
      // "P Simran Singh", "RE van der Merwe": the last word alone is how some fans write it.
      if words.count > 2 { add(words.last!, .player(i), .surname) }
    } else {
      add(words.last!, .player(i), .surname)
      add(first, .player(i), .givenName)
      if words.count >= 3 { add("\(first) \(words.last!)", .player(i), .initialSurname) }
    }
  }

  private mutating func add(_ text: String, _ target: IndexTarget, _ form: MatchForm) {
    let key = Tokenizer.key(text)
    guard !key.isEmpty else { return }
    maxTokens = max(maxTokens, key.utf8.reduce(1) { $1 == 32 ? $0 + 1 : $0 })
    let entry = IndexEntry(target: target, form: form)
    if let existing = entries[key]?.firstIndex(where: { $0.target == target }) {
      if entries[key]![existing].form.quality < form.quality { entries[key]![existing] = entry }
    } else {
      entries[key, default: []].append(entry)
    }
  }

  public func lookup(_ key: String) -> [IndexEntry] { entries[key] ?? [] }

  /// Every name form the index holds (for the benchmark's naive peer).
  public var allKeys: [String] { Array(entries.keys) }

  /// One-word forms within `maxDistance` edits (Damerau: a swap of neighbours is one edit).
  public func nearKeys(_ word: String, maxDistance: Int) -> [(key: String, distance: Int)] {
    var found: [(String, Int)] = []
    let a = Array(word.utf8)
    for length in max(1, a.count - maxDistance)...(a.count + maxDistance) {
      for key in fuzzyKeys[length] ?? [] {
        let d = EditDistance.damerau(a, Array(key.utf8), limit: maxDistance)
        if d <= maxDistance { found.append((key, d)) }
      }
    }
    return found.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
  }

  /// The player a binding's canonical name stands for.
  public func player(named name: String) -> PlayerRecord? {
    playerByName[name].map { players[$0] }
  }

  /// The canonical name of a target, as bindings carry it.
  public func name(of target: IndexTarget) -> String {
    switch target {
    case .player(let i): players[i].name
    case .team(let i): teams[i].name
    case .venue(let i): venues[i].name
    case .event(let i): events[i].name
    case .glossary(let i): Glossary.entries[i].canonical
    }
  }

  /// Matches behind a target: the popularity prior.
  func matches(of target: IndexTarget) -> Int {
    switch target {
    case .player(let i): players[i].matches
    case .team(let i): teams[i].matches
    case .venue(let i): venues[i].matches
    case .event(let i): events[i].matches
    case .glossary: 0
    }
  }
}
