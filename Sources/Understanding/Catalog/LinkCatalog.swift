/// The cricket formats the data covers; the order is the column order of per-format counts.
public enum CricketFormat: String, Sendable, Codable, CaseIterable {
  case test = "Test"
  case odi = "ODI"
  case t20i = "T20I"
  case ipl = "IPL"
}

/// What the linker knows about one player: enough to score a candidate against a question.
public struct PlayerRecord: Sendable, Equatable {
  /// Cricsheet's name, the database's canonical spelling ("V Kohli").
  public var name: String
  /// Matches played per format, in `CricketFormat.allCases` order.
  public var matchesByFormat: [Int]
  public var firstYear: Int
  public var lastYear: Int
  /// Teams played for, most matches first.
  public var teams: [String]
  /// First and last year played in each format (`CricketFormat.allCases` order), nil if never.
  public var yearsByFormat: [ClosedRange<Int>?]
  /// Career runs and wickets over all formats: whether a bowling or batting question fits.
  public var runs: Int
  public var wickets: Int

  public init(
    name: String, matchesByFormat: [Int], firstYear: Int, lastYear: Int, teams: [String],
    yearsByFormat: [ClosedRange<Int>?] = [], runs: Int = 0, wickets: Int = 0
  ) {
    self.runs = runs
    self.wickets = wickets
    self.name = name
    self.matchesByFormat = matchesByFormat
    self.firstYear = firstYear
    self.lastYear = lastYear
    self.teams = teams
    self.yearsByFormat = yearsByFormat
  }

  /// Years played in a format; the whole career when per-format years are unknown.
  public func years(in format: CricketFormat) -> ClosedRange<Int>? {
    let i = CricketFormat.allCases.firstIndex(of: format) ?? 0
    if yearsByFormat.isEmpty { return matches(in: format) > 0 ? firstYear...lastYear : nil }
    return i < yearsByFormat.count ? yearsByFormat[i] : nil
  }

  public var matches: Int { matchesByFormat.reduce(0, +) }

  public func matches(in format: CricketFormat) -> Int {
    let i = CricketFormat.allCases.firstIndex(of: format) ?? 0
    return i < matchesByFormat.count ? matchesByFormat[i] : 0
  }
}

public struct NamedRecord: Sendable, Equatable {
  public var name: String
  /// Matches the name appears in; a popularity prior between same-named candidates.
  public var matches: Int
  /// Formats the team/event appears in (empty when unknown).
  public var formats: Set<CricketFormat>
  /// For venues: the city Cricsheet gives (may be empty).
  public var city: String

  public init(name: String, matches: Int, formats: Set<CricketFormat> = [], city: String = "") {
    self.name = name
    self.matches = matches
    self.formats = formats
    self.city = city
  }
}

/// Every name the linker can resolve to, as the database spells it, with popularity counts.
public struct LinkCatalog: Sendable {
  public var players: [PlayerRecord]
  public var teams: [NamedRecord]
  public var venues: [NamedRecord]
  public var events: [NamedRecord]
  /// The last match date in the data (ISO, "2026-03-20"): "this year" and "last year" are relative to it.
  public var lastDate: String
  /// Aliases the database holds (its alias tables); merged with the alias files by the linker.
  public var aliases = LinkAliases()

  public init(
    players: [PlayerRecord], teams: [NamedRecord], venues: [NamedRecord], events: [NamedRecord],
    lastDate: String
  ) {
    self.players = players
    self.teams = teams
    self.venues = venues
    self.events = events
    self.lastDate = lastDate
  }

  public var lastYear: Int { Int(lastDate.prefix(4)) ?? 2026 }
}
