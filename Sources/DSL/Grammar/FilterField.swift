/// The kind of value a filter takes.
public enum ValueSlot: Hashable, Sendable {
  /// A quoted canonical name (`"V Kohli"`) or a placeholder of the kind (`<player1>`).
  case entity(EntityKind)
  /// A whole number or `<numN>`.
  case number
  /// A four-digit year or `<yearN>`.
  case year
  /// A calendar date, `2019-06-30`.
  case date
  /// A year, or a split season `2019/20` (Cricsheet's season names).
  case season
  /// One word from a closed list.
  case words([String])
  /// One word from a closed list, or a whole number (`position = opener`, `position = 3`).
  case wordsOrNumber([String])
}

/// The ways a filter is written after its field name.
public enum FilterForm: String, Hashable, Sendable {
  /// `field = value`
  case equals
  /// `field in (value, value, ...)`
  case list
  /// `field in low..high`
  case range
  /// `field value` (`since 2015`)
  case bare
}

/// The filters of a `where` clause.
public enum FilterField: String, CaseIterable, Hashable, Sendable {
  case format, player, batter, bowler, team, opposition, venue, country, location
  case year, since, before, season, date, event, stage
  case position, innings, result, toss, batting, phase, over, dismissal, wicket

  public var word: String { rawValue }

  public var slot: ValueSlot {
    switch self {
    case .format: .words(Format.allCases.map(\.rawValue))
    case .player, .batter, .bowler: .entity(.player)
    case .team, .opposition, .country: .entity(.team)
    case .venue: .entity(.venue)
    case .event: .entity(.event)
    case .location: .words(["home", "away", "neutral"])
    case .year, .since, .before: .year
    case .season: .season
    case .date: .date
    case .stage: .words(["final", "semi final"])
    case .position: .wordsOrNumber(["opener", "top order", "middle order", "tail"])
    case .innings, .wicket: .number
    case .result: .words(["won", "lost", "drawn", "tied", "no result"])
    case .toss: .words(["won", "lost"])
    case .batting: .words(["first", "second"])
    case .phase: .words(["powerplay", "middle", "death"])
    case .over: .number
    case .dismissal:
      .words(["bowled", "caught", "caught and bowled", "lbw", "stumped", "run out", "hit wicket"])
    }
  }

  /// The forms the field accepts, the first being the most common.
  public var forms: [FilterForm] {
    switch self {
    // `opposition in (...)` with `team in (...)` selects matches between a set of sides
    // ("most runs in England v Australia Tests": both lists hold England and Australia).
    case .player, .team, .opposition: [.equals, .list]
    case .year, .over: [.equals, .range]
    case .date: [.range]
    case .since, .before: [.bare]
    default: [.equals]
    }
  }
}
