import Foundation

/// Compiles a bound, rule-checked query into one parameterised SQL statement over the schema in
/// docs/schema.md. Values are only ever bound; the SQL text is made of fixed fragments.
public enum DSLCompiler {
  public static func compile(_ query: DSLQuery) throws(DSLError) -> CompiledQuery {
    try query.checkRules()
    let sql = SQLBuilder()
    let source = RowSource.choose(for: query)
    let (text, columns): (String, [ResultColumn])
    switch (query.head, source) {
    case (_, .allround):
      (text, columns) = Allround.select(query, sql)
    case (.ranking(let r), .inningsRecords), (.ranking(let r), .spells),
      (.ranking(let r), .partnerships), (.ranking(let r), .teamInnings):
      (text, columns) = Records.select(query, r, source, sql)
    case (.ranking(let r), .matchBatting), (.ranking(let r), .matchBowling):
      (text, columns) = MatchRecords.select(query, r, source, sql)
    default:
      (text, columns) = Aggregates.select(query, source, sql)
    }
    return CompiledQuery(
      sql: withoutUnusedMatchJoin(text), parameters: sql.parameters, columns: columns)
  }

  /// Drops the join to `matches` when nothing reads `m.`: one primary-key lookup per row saved.
  static func withoutUnusedMatchJoin(_ text: String) -> String {
    let join = " JOIN matches m ON m.id = x.match_id"
    let without = text.replacingOccurrences(of: join, with: "")
    let bytes = Array(without.utf8)
    for i in bytes.indices.dropLast()
    where bytes[i] == UInt8(ascii: "m") && bytes[i + 1] == UInt8(ascii: ".") {
      if i == 0
        || !(isLetter(bytes[i - 1]) || isDigit(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "_"))
      {
        return text
      }
    }
    return without
  }
}

extension DSLQuery {
  /// `DSLCompiler.compile(self)`.
  public func compiled() throws(DSLError) -> CompiledQuery { try DSLCompiler.compile(self) }

  /// Whether each group of rows is one player's: grouped by player, or one `player` named. Only
  /// then can `matches` count one player's appearances (a correlated count over several players
  /// would read whichever player's row SQLite picked).
  func onePlayerPerGroup(_ key: Aggregates.Key?) -> Bool {
    switch key {
    case .player, .breakdown(.player): return true
    default:
      return filters.contains { f in
        guard f.field == .player, case .one = f.value else { return false }
        return true
      }
    }
  }
}

/// Conditions shared by every shape.
func whereClause(_ query: DSLQuery, _ source: RowSource, _ sql: SQLBuilder, extra: [String] = [])
  -> String
{
  var conditions =
    query.filters.compactMap { FilterSQL.condition($0, .rows(source), sql) } + extra
  if source == .fielding { conditions.append(playedTheMatch) }
  return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
}

/// Fielding counts only in matches the player played: catches and run outs as a substitute
/// fielder are not his (Statsguru's convention; 1,318 catches in the data are substitutes').
/// A concussion replacement is in the XI, so his count.
let playedTheMatch =
  "EXISTS (SELECT 1 FROM match_players p"
  + " WHERE p.match_id = x.match_id AND p.player_id = x.player_id)"

func quoted(_ name: String) -> String {
  "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Leaderboards of players or teams, and stats (one row, or one per breakdown key).
enum Aggregates {
  static func select(_ query: DSLQuery, _ source: RowSource, _ sql: SQLBuilder)
    -> (String, [ResultColumn])
  {
    let wicketKind = query.filters.first { $0.field == .dismissal }.flatMap { f -> String? in
      guard source.isBallByBall, case .one(.word(let w)) = f.value else { return nil }
      return sql.bind(w)
    }
    func measure(_ m: Measure, key: Key?) -> MeasureSQL {
      if [.battingMatches, .bowlingMatches, .fieldingMatches].contains(m) {
        return matches(query, source, key: key, sql)
      }
      return MeasureSQL.aggregate(
        m, source, wicketKind: wicketKind,
        againstBowler: query.filters.contains { $0.field == .bowler })
        ?? MeasureSQL("NULL", .integer)
    }
    // Wickets counted ball by ball only change on balls with a wicket: read those balls alone
    // (about 2% of them) through the dismissals table.
    let wicketsOnly =
      source.isBallByBall && query.qualifiers.isEmpty
      && query.measures.allSatisfy { $0 == .wickets || $0 == .battingDismissals }
    let conditions = whereClause(
      query, source, sql, extra: wicketsOnly ? ["x.id IN (SELECT delivery_id FROM dismissals)"] : []
    )
    switch query.head {
    case .ranking(let ranking):
      let key: Key = source == .teamMatches ? .team : .player
      let ranked = measure(ranking.measure, key: key)
      var shown: [(String, MeasureSQL)] = [(ranking.measure.word, ranked)]
      for extra in wicketsOnly ? [] : supporting(query.context) where extra != ranking.measure {
        shown.append((extra.word, measure(extra, key: key)))
      }
      let descending = ranking.measure.info.higherIsBetter == (ranking.direction == .top)
      var having = ["\(ranked.sortKey) IS NOT NULL"]
      for q in query.qualifiers {
        guard case .number(let n) = q.value else { continue }
        having.append("\(qualifierSQL(q.measure, query, source, key: key, sql)) >= \(sql.bind(n))")
      }
      let limit: Int = {
        if case .number(let n) = ranking.count { return n }
        return 10
      }()
      let name = key.label(source)
      let text =
        "SELECT \(key.shown(source)) AS \(quoted(name)), "
        + shown.map { "\($0.1.shown) AS \(quoted($0.0))" }.joined(separator: ", ")
        + " FROM \(source.from)\(conditions) GROUP BY \(key.group(source))"
        + " HAVING " + having.joined(separator: " AND ")
        + " ORDER BY \(ranked.sortKey) \(descending ? "DESC" : "ASC"), 1 ASC LIMIT \(sql.bind(limit))"
      let columns =
        [ResultColumn(name, .text)] + shown.map { ResultColumn($0.0, $0.1.type) }
      return (text, columns)
    case .stats(let stats):
      let key = query.breakdown.map(Key.breakdown)
      let shown = stats.measures.map { ($0.word, measure($0, key: key)) }
      var text = "SELECT "
      var columns: [ResultColumn] = []
      if let key {
        text += "\(key.shown(source)) AS \(quoted(key.label(source))), "
        columns.append(ResultColumn(key.label(source), key.type))
      }
      text += shown.map { "\($0.1.shown) AS \(quoted($0.0))" }.joined(separator: ", ")
      text += " FROM \(source.from)\(conditions)"
      if let key {
        text += " GROUP BY \(key.group(source)) ORDER BY \(key.order(source))"
      }
      columns += shown.map { ResultColumn($0.0, $0.1.type) }
      return (text, columns)
    }
  }

  /// Columns shown beside the ranked measure, for context.
  static func supporting(_ context: MeasureContext) -> [Measure] {
    switch context {
    case .batting: [.battingInnings, .battingRuns, .battingAverage, .battingStrikeRate]
    case .bowling: [.bowlingInnings, .wickets, .bowlingAverage, .economy]
    case .fielding: [.catches, .stumpings, .runOuts]
    case .allround:
      [.allroundRuns, .allroundBattingAverage, .allroundWickets, .allroundBowlingAverage]
    case .team: [.teamMatches, .wins, .losses]
    default: []
    }
  }

  static func qualifierSQL(
    _ q: QualifierMeasure, _ query: DSLQuery, _ source: RowSource, key: Key, _ sql: SQLBuilder
  ) -> String {
    let measure: Measure? =
      switch (q, query.context) {
      case (.runs, .batting): .battingRuns
      case (.balls, .batting): .battingBalls
      case (.innings, .batting): .battingInnings
      case (.balls, .bowling): .bowlingBalls
      case (.innings, .bowling): .bowlingInnings
      case (.wickets, .bowling): .wickets
      case (.matches, .team): .teamMatches
      default: nil
      }
    if let measure, let m = MeasureSQL.aggregate(measure, source, wicketKind: nil) {
      return m.sortKey.hasPrefix("SUM(") ? "COALESCE(\(m.sortKey), 0)" : m.sortKey
    }
    return matches(query, source, key: key, sql).sortKey
  }

  /// Appearances in the XI under the match-level filters, or, when a filter selects less than
  /// whole matches or a group holds more than one player, the matches in which the rows occur.
  static func matches(_ query: DSLQuery, _ source: RowSource, key: Key?, _ sql: SQLBuilder)
    -> MeasureSQL
  {
    guard let player = source.playerColumn, query.onePlayerPerGroup(key),
      query.filters.allSatisfy({ FilterRules.matchLevel.contains($0.field) || $0.field == .player })
    else {
      return MeasureSQL("COUNT(DISTINCT x.match_id)", .integer)
    }
    var conditions = ["mp.player_id = \(player)"]
    conditions += query.filters.filter { $0.field != .player }.compactMap {
      FilterSQL.condition($0, .appearances, sql)
    }
    if let key, let correlation = key.correlation(source) { conditions.append(correlation) }
    let count =
      "(SELECT COUNT(*) FROM match_players mp JOIN matches m2 ON m2.id = mp.match_id WHERE "
      + conditions.joined(separator: " AND ") + ")"
    // One player's stats have no GROUP BY: asked alone, the count was repeated on a row per
    // innings ("batting matches where player = ..." gave 173 rows of 173). Adding 0 · COUNT(*)
    // makes the select an aggregate, so it is one row; the uncorrelated count keeps its value
    // even when no innings match (MAX of it would be NULL there).
    return MeasureSQL(key == nil ? "(\(count) + 0 * COUNT(*))" : count, .integer)
  }

  /// What rows are grouped by.
  enum Key {
    case player, team
    case breakdown(Breakdown)

    func label(_ source: RowSource) -> String {
      switch self {
      case .player: "player"
      case .team: "team"
      case .breakdown(let b): b.rawValue
      }
    }

    var type: ColumnType {
      switch self {
      case .breakdown(.year): .integer
      default: .text
      }
    }

    func group(_ source: RowSource) -> String {
      switch self {
      // `+` keeps SQLite from walking the whole player index in order to group: a plain scan
      // and a temporary b-tree are about twice as fast on this data.
      case .player, .breakdown(.player): "+" + (source.playerColumn ?? "NULL")
      default: shown(source)
      }
    }

    func shown(_ source: RowSource) -> String {
      switch self {
      case .player, .breakdown(.player):
        "(SELECT unique_name FROM players WHERE id = \(source.playerColumn ?? "NULL"))"
      case .team, .breakdown(.team): "(SELECT franchise FROM teams WHERE id = \(source.teamColumn))"
      case .breakdown(.opposition):
        "(SELECT franchise FROM teams WHERE id = \(source.oppositionColumn))"
      case .breakdown(.venue): "(SELECT name FROM venues WHERE id = \(source.column("venue_id")))"
      case .breakdown(let b): source.column(b.rawValue)
      }
    }

    func order(_ source: RowSource) -> String {
      switch self {
      case .breakdown(.format):
        "CASE \(source.column("format")) WHEN 'Test' THEN 1 WHEN 'ODI' THEN 2 WHEN 'T20I' THEN 3 ELSE 4 END"
      default: "1"
      }
    }

    /// The condition tying an appearance (`mp`, `m2`) to the outer group.
    func correlation(_ source: RowSource) -> String? {
      switch self {
      case .player, .team, .breakdown(.player): nil
      case .breakdown(.team):
        "(SELECT franchise FROM teams WHERE id = mp.team_id) = \(shown(source))"
      case .breakdown(.opposition):
        "(SELECT franchise FROM teams WHERE id = mp.opposition_id) = \(shown(source))"
      case .breakdown(.venue): "mp.venue_id = \(source.column("venue_id"))"
      case .breakdown(.season): "m2.season = \(source.column("season"))"
      case .breakdown(let b): "mp.\(b.rawValue) = \(source.column(b.rawValue))"
      }
    }
  }
}
