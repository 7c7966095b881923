/// The table a query counts over, chosen from its head and filters.
enum RowSource: Hashable, Sendable {
  /// batting_innings: one row per batter per innings.
  case battingInnings
  /// deliveries seen from the batter (needed for `bowler`, `phase`, `over`).
  case battingBalls
  /// bowling_innings: one row per bowler per innings.
  case bowlingInnings
  /// deliveries seen from the bowler (needed for `batter`, `phase`, `over`, `position`,
  /// `dismissal`).
  case bowlingBalls
  case fielding
  /// batting and bowling innings side by side (joined per player or breakdown key).
  case allround
  /// each match twice, once from each side.
  case teamMatches
  case inningsRecords, spells, partnerships, teamInnings
  /// batting or bowling innings added up per player and match.
  case matchBatting, matchBowling

  static func choose(for query: DSLQuery) -> RowSource {
    let fields = Set(query.filters.map(\.field))
    switch query.context {
    case .batting:
      return fields.isDisjoint(with: [.bowler, .phase, .over]) ? .battingInnings : .battingBalls
    case .bowling:
      return fields.isDisjoint(with: [.batter, .phase, .over, .position, .dismissal])
        ? .bowlingInnings : .bowlingBalls
    case .fielding: return .fielding
    case .allround: return .allround
    case .team: return .teamMatches
    case .innings: return .inningsRecords
    case .spells: return .spells
    case .partnerships: return .partnerships
    case .teamInnings: return .teamInnings
    case .matches: return .matchBatting
    case .matchFigures: return .matchBowling
    }
  }

  /// `FROM ...` with the row alias `x` and the match joined as `m`.
  var from: String {
    switch self {
    case .battingInnings, .inningsRecords, .allround, .matchBatting:
      "batting_innings x JOIN matches m ON m.id = x.match_id"
    case .battingBalls, .bowlingBalls: "deliveries x JOIN matches m ON m.id = x.match_id"
    case .bowlingInnings, .spells, .matchBowling:
      "bowling_innings x JOIN matches m ON m.id = x.match_id"
    case .fielding: "fielding x JOIN matches m ON m.id = x.match_id"
    case .teamMatches:
      "(SELECT id AS match_id, team1_id AS team_id, team2_id AS opposition_id FROM matches"
        + " UNION ALL SELECT id, team2_id, team1_id FROM matches) x JOIN matches m ON m.id = x.match_id"
    case .partnerships: "partnerships x JOIN matches m ON m.id = x.match_id"
    case .teamInnings: "team_innings x JOIN matches m ON m.id = x.match_id"
    }
  }

  var isBallByBall: Bool { self == .battingBalls || self == .bowlingBalls }

  /// The column holding the subject player, if the rows are a player's.
  var playerColumn: String? {
    switch self {
    case .battingInnings, .inningsRecords, .bowlingInnings, .spells, .fielding, .allround,
      .matchBatting, .matchBowling:
      "x.player_id"
    case .battingBalls: "x.batter_id"
    case .bowlingBalls: "x.bowler_id"
    case .teamMatches, .partnerships, .teamInnings: nil
    }
  }

  /// The subject's side and the other side.
  var teamColumn: String {
    switch self {
    case .battingBalls: "x.batting_team_id"
    case .bowlingBalls: "x.bowling_team_id"
    default: "x.team_id"
    }
  }

  var oppositionColumn: String {
    switch self {
    case .battingBalls: "x.bowling_team_id"
    case .bowlingBalls: "x.batting_team_id"
    default: "x.opposition_id"
    }
  }

  /// A match-level column: the row's own copy where the table has one (so its indexes help),
  /// else the match's.
  func column(_ name: String) -> String {
    // Competitions are found through the matches' index (the row tables have none).
    if name == "event_name" || name == "competition" { return "m.\(name)" }
    return switch self {
    case .battingBalls, .bowlingBalls:
      ["format", "year", "match_id"].contains(name) ? "x.\(name)" : "m.\(name)"
    case .teamMatches: name == "match_id" ? "x.match_id" : "m.\(name)"
    default: "x.\(name)"
    }
  }

  var inningsNumberColumn: String? {
    self == .teamMatches ? nil : "x.innings_number"
  }
}

extension DSLQuery {
  /// The measure context: the ranked subject's or the stats discipline's.
  public var context: MeasureContext {
    switch head {
    case .ranking(let r): r.subject.context
    case .stats(let s): s.discipline.context
    }
  }

  /// Every measure the head names.
  public var measures: [Measure] {
    switch head {
    case .ranking(let r): [r.measure]
    case .stats(let s): s.measures
    }
  }
}
