/// All-rounders: batting and bowling aggregated separately under the same filters, then joined on
/// the player (or the breakdown key). Only players who both batted and bowled appear.
///
///   SELECT ... FROM (batting per key) b JOIN (bowling per key) w ON w.k = b.k
enum Allround {
  static func select(_ query: DSLQuery, _ sql: SQLBuilder) -> (String, [ResultColumn]) {
    let ranking: Ranking? = {
      if case .ranking(let r) = query.head { return r }
      return nil
    }()
    let key: Aggregates.Key? =
      ranking != nil ? .player : query.breakdown.map(Aggregates.Key.breakdown)
    let byPlayer: Bool = {
      switch key {
      case .player, .breakdown(.player): return true
      default: return false
      }
    }()
    let onePlayer = query.filters.contains { f in
      if f.field == .player, case .one = f.value { return true }
      return false
    }

    func groupValue(_ source: RowSource) -> String {
      guard let key else { return "0" }
      return byPlayer ? "x.player_id" : key.shown(source)
    }
    // Appearances in the XI need a single player per group to count for.
    let matches =
      byPlayer || onePlayer
      ? Aggregates.matches(query, .battingInnings, key: key ?? .player, sql).shown
      : "COUNT(DISTINCT x.match_id)"
    let batting =
      "SELECT \(groupValue(.battingInnings)) AS k, \(matches) AS matches, SUM(x.runs) AS runs,"
      + " SUM(x.is_out) AS outs, SUM(x.runs >= 100) AS hundreds, SUM(x.runs BETWEEN 50 AND 99) AS fifties"
      + " FROM \(RowSource.battingInnings.from)\(whereClause(query, .battingInnings, sql)) GROUP BY k"
    let bowling =
      "SELECT \(groupValue(.bowlingInnings)) AS k, SUM(x.wickets) AS wickets, SUM(x.runs) AS conceded,"
      + " SUM(x.wickets >= 5) AS fivefors"
      + " FROM \(RowSource.bowlingInnings.from)\(whereClause(query, .bowlingInnings, sql)) GROUP BY k"

    func measure(_ m: Measure) -> MeasureSQL {
      switch m {
      case .allroundMatches: MeasureSQL("b.matches", .integer)
      case .allroundRuns: MeasureSQL("b.runs", .integer)
      case .allroundBattingAverage:
        MeasureSQL(
          "ROUND(1.0 * b.runs / NULLIF(b.outs, 0), 2)",
          sortKey: "(1.0 * b.runs / NULLIF(b.outs, 0))",
          .real)
      case .allroundHundreds: MeasureSQL("b.hundreds", .integer)
      case .allroundFifties: MeasureSQL("b.fifties", .integer)
      case .allroundWickets: MeasureSQL("w.wickets", .integer)
      case .allroundBowlingAverage:
        MeasureSQL(
          "ROUND(1.0 * w.conceded / NULLIF(w.wickets, 0), 2)",
          sortKey: "(1.0 * w.conceded / NULLIF(w.wickets, 0))", .real)
      case .allroundFiveWicketHauls: MeasureSQL("w.fivefors", .integer)
      default: MeasureSQL("NULL", .integer)
      }
    }

    let from = " FROM (\(batting)) b JOIN (\(bowling)) w ON w.k = b.k"
    var label: String? = nil
    var display: String? = nil
    if let key {
      label = key.label(.battingInnings)
      display = byPlayer ? "(SELECT unique_name FROM players WHERE id = b.k)" : "b.k"
    }
    var shown: [(String, MeasureSQL)]
    var tail: String
    if let ranking {
      let ranked = measure(ranking.measure)
      shown = [(ranking.measure.word, ranked)]
      for extra in Aggregates.supporting(.allround) where extra != ranking.measure {
        shown.append((extra.word, measure(extra)))
      }
      var conditions = ["\(ranked.sortKey) IS NOT NULL"]
      for q in query.qualifiers {
        guard case .number(let n) = q.value else { continue }
        let column =
          switch q.measure {
          case .wickets: "w.wickets"
          case .matches: "b.matches"
          default: "b.runs"
          }
        conditions.append("\(column) >= \(sql.bind(n))")
      }
      let descending = ranking.measure.info.higherIsBetter == (ranking.direction == .top)
      let limit: Int = {
        if case .number(let n) = ranking.count { return n }
        return 10
      }()
      tail =
        " WHERE " + conditions.joined(separator: " AND ")
        + " ORDER BY \(ranked.sortKey) \(descending ? "DESC" : "ASC"), 1 ASC LIMIT \(sql.bind(limit))"
    } else {
      shown = query.measures.map { ($0.word, measure($0)) }
      let order: String =
        switch key {
        case .breakdown(.format):
          "CASE b.k WHEN 'Test' THEN 1 WHEN 'ODI' THEN 2 WHEN 'T20I' THEN 3 ELSE 4 END"
        default: "1"
        }
      tail = key == nil ? "" : " ORDER BY \(order)"
    }
    var columns: [ResultColumn] = []
    var select: [String] = []
    if let label, let display, let key {
      columns.append(ResultColumn(label, byPlayer ? .text : key.type))
      select.append("\(display) AS \(quoted(label))")
    }
    columns += shown.map { ResultColumn($0.0, $0.1.type) }
    select += shown.map { "\($0.1.shown) AS \(quoted($0.0))" }
    return ("SELECT " + select.joined(separator: ", ") + from + tail, columns)
  }
}
