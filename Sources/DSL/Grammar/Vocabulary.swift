/// The closed word lists of the DSL, defined once: the parser, the printer, the prefix automaton
/// and the documentation all read them from here.

/// What a `top N ...` list ranks: players, teams, or single-innings records.
public enum RankSubject: String, CaseIterable, Hashable, Sendable {
  case batters, bowlers, fielders, allrounders, teams
  case innings, spells, partnerships
  case teamInnings = "team innings"
  /// Whole-match records: a batter's runs over both innings, a bowler's match figures.
  case matches
  case matchFigures = "match figures"

  public var word: String { rawValue }

  public var context: MeasureContext {
    switch self {
    case .batters: .batting
    case .bowlers: .bowling
    case .fielders: .fielding
    case .allrounders: .allround
    case .teams: .team
    case .innings: .innings
    case .spells: .spells
    case .partnerships: .partnerships
    case .teamInnings: .teamInnings
    case .matches: .matches
    case .matchFigures: .matchFigures
    }
  }
}

/// The first word of a stats query (`batting runs, average where ...`).
public enum Discipline: String, CaseIterable, Hashable, Sendable {
  case batting, bowling, fielding, allround, team

  public var word: String { rawValue }

  public var context: MeasureContext {
    switch self {
    case .batting: .batting
    case .bowling: .bowling
    case .fielding: .fielding
    case .allround: .allround
    case .team: .team
    }
  }
}

/// `top` lists the best in the measure's natural direction; `bottom` the worst.
public enum RankDirection: String, CaseIterable, Hashable, Sendable {
  case top, bottom
}

/// Match formats. IPL is a competition, but people ask for it as if it were a format.
public enum Format: String, CaseIterable, Hashable, Sendable {
  case test = "Test"
  case odi = "ODI"
  case t20i = "T20I"
  case ipl = "IPL"
}

/// The measures a `min` qualifier can count.
public enum QualifierMeasure: String, CaseIterable, Hashable, Sendable {
  case runs, balls, innings, matches, wickets
}

/// How a stats query is broken down into rows (`per year`).
public enum Breakdown: String, CaseIterable, Hashable, Sendable {
  case year, season, format, player, team, opposition, venue, country
}

/// Kinds of entity a quoted name can denote. Countries (host countries) are written like teams.
public enum EntityKind: String, CaseIterable, Hashable, Sendable {
  case player, team, venue, event
}
