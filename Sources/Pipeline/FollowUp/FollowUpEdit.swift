import DSL

/// One change a follow-up asks for, read from its words before it is applied to the previous
/// query.
enum FollowUpEdit: Equatable {
  /// `format = F`; nil removes the format filter ("in all formats").
  case format(Format?)
  /// Replaces every time filter (year, since, before, season, date); empty removes them.
  case time([Filter])
  /// The player the query is about.
  case player(String)
  /// The player faced: `bowler` for batting questions, `batter` for bowling ones.
  case opponentPlayer(String)
  /// A team; the role comes from the word before it ("for", "against", "in"), nil when bare.
  case team(String, TeamRole?)
  case venue(String)
  case event(String)
  /// A closed-list filter (stage, phase, position, location) replacing one of its field.
  case filter(Filter)
  /// A measure word of the DSL ("sixes", "economy").
  case measure(String)
  /// `top N` / `bottom N`.
  case count(RankDirection, Int)
  case breakdown(Breakdown)
  /// "instead": new measures replace the old ones rather than joining them.
  case instead
}

/// The part a team plays in a query.
enum TeamRole: Equatable {
  case team, opposition, country
}
