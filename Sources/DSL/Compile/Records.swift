/// Single-innings records: one row per batter innings, bowler spell, partnership or team
/// innings, ordered by the measure with a fixed tie-break, then the earlier date.
enum Records {
  static func select(_ query: DSLQuery, _ ranking: Ranking, _ source: RowSource, _ sql: SQLBuilder)
    -> (String, [ResultColumn])
  {
    let top = ranking.direction == .top
    let better = ranking.measure.info.higherIsBetter == top ? "DESC" : "ASC"
    let worse = better == "DESC" ? "ASC" : "DESC"
    let name = { (column: String) in "(SELECT unique_name FROM players WHERE id = \(column))" }
    let teamName = { (column: String) in "(SELECT name FROM teams WHERE id = \(column))" }
    let context: [(String, String, ColumnType)] = [
      ("team", teamName("x.team_id"), .text),
      ("opposition", teamName("x.opposition_id"), .text),
      ("venue", "(SELECT name FROM venues WHERE id = x.venue_id)", .text),
      ("date", "x.start_date", .text),
      ("format", "x.format", .text),
    ]
    var columns: [(String, String, ColumnType)]
    var order: [String]
    var extra: [String] = []
    var qualifierColumn: [QualifierMeasure: String] = [:]
    switch source {
    case .inningsRecords:
      let strikeRate = "(100.0 * x.runs / NULLIF(x.balls, 0))"
      let measureColumn: (String, String, ColumnType) =
        switch ranking.measure {
        case .inningsBalls: ("balls", "x.balls", .integer)
        case .inningsFours: ("fours", "x.fours", .integer)
        case .inningsSixes: ("sixes", "x.sixes", .integer)
        case .inningsStrikeRate: ("strike rate", "ROUND(\(strikeRate), 2)", .real)
        case .fastestFifty: ("balls to 50", "x.balls_to_50", .integer)
        case .fastestHundred: ("balls to 100", "x.balls_to_100", .integer)
        default: ("runs", "x.runs", .integer)
        }
      let sortKey =
        switch ranking.measure {
        case .inningsStrikeRate: strikeRate
        default: measureColumn.1
        }
      columns = [("player", name("x.player_id"), .text), measureColumn]
      for column in [
        ("runs", "x.runs", ColumnType.integer), ("balls", "x.balls", .integer),
        ("fours", "x.fours", .integer), ("sixes", "x.sixes", .integer),
        ("how out", "x.how_out", .text),
      ] where column.0 != measureColumn.0 {
        columns.append(column)
      }
      order = ["\(sortKey) \(better)"]
      if ranking.measure == .inningsRuns { order.append("x.balls \(top ? "ASC" : "DESC")") }
      extra.append("\(sortKey) IS NOT NULL")
      qualifierColumn = [.runs: "x.runs", .balls: "x.balls"]
    case .spells:
      let economy = "(6.0 * x.runs / NULLIF(x.legal_balls, 0))"
      columns = [
        ("player", name("x.player_id"), .text),
        ("figures", "CAST(x.wickets AS TEXT) || '/' || CAST(x.runs AS TEXT)", .text),
        ("overs", "(x.legal_balls / 6) || '.' || (x.legal_balls % 6)", .text),
        ("economy", "ROUND(\(economy), 2)", .real),
        ("dots", "x.dots", .integer),
      ]
      switch ranking.measure {
      case .spellRunsConceded: order = ["x.runs \(better)", "x.wickets ASC"]
      case .spellEconomy: order = ["\(economy) \(better)", "x.wickets DESC"]
      case .spellDots: order = ["x.dots \(better)", "x.runs ASC"]
      default: order = ["x.wickets \(better)", "x.runs \(worse)"]
      }
      order.append("x.legal_balls ASC")
      extra.append("x.legal_balls > 0")
      qualifierColumn = [.balls: "x.legal_balls", .wickets: "x.wickets"]
    case .partnerships:
      columns = [
        ("batters", name("x.batter1_id") + " || ' & ' || " + name("x.batter2_id"), .text),
        ("runs", "x.runs", .integer),
        ("balls", "x.balls", .integer),
        ("wicket", "x.wicket", .integer),
        ("unbroken", "x.unbroken", .integer),
      ]
      if ranking.measure == .partnershipBalls { columns.swapAt(1, 2) }
      order = [ranking.measure == .partnershipBalls ? "x.balls \(better)" : "x.runs \(better)"]
      qualifierColumn = [.runs: "x.runs", .balls: "x.balls"]
    default:  // team innings
      columns = [
        ("team", teamName("x.team_id"), .text),
        ("total", "x.runs", .integer),
        (
          "score",
          "CAST(x.runs AS TEXT) || CASE WHEN x.all_out = 1 THEN '' ELSE '/' || x.wickets END"
            + " || CASE WHEN x.declared = 1 THEN 'd' ELSE '' END", .text
        ),
        ("overs", "(x.legal_balls / 6) || '.' || (x.legal_balls % 6)", .text),
      ]
      order = ["x.runs \(better)", "x.legal_balls ASC"]
      // The lowest totals are those of completed innings: the side was bowled out.
      if !top { extra.append("x.all_out = 1") }
      extra.append("x.forfeited = 0")
      qualifierColumn = [.runs: "x.runs", .balls: "x.legal_balls"]
      columns += context.dropFirst().map { $0 }
      return finish(query, ranking, source, columns, order, extra, qualifierColumn, sql)
    }
    columns += context
    return finish(query, ranking, source, columns, order, extra, qualifierColumn, sql)
  }

  static func finish(
    _ query: DSLQuery, _ ranking: Ranking, _ source: RowSource,
    _ columns: [(String, String, ColumnType)], _ order: [String], _ extra: [String],
    _ qualifierColumn: [QualifierMeasure: String], _ sql: SQLBuilder
  ) -> (String, [ResultColumn]) {
    var conditions = extra
    if let q = query.qualifier, case .number(let n) = q.value, let column = qualifierColumn[q.measure] {
      conditions.append("\(column) >= \(sql.bind(n))")
    }
    let filters = whereClause(query, source, sql, extra: conditions)
    let limit: Int = {
      if case .number(let n) = ranking.count { return n }
      return 10
    }()
    // Rank row ids first, then compute the display columns (names, grounds) for the few
    // rows kept: sorting with them would look them up for every candidate row.
    let ordering = (order + ["x.start_date ASC", "x.rowid ASC"]).joined(separator: ", ")
    let text =
      "SELECT " + columns.map { "\($0.1) AS \(quoted($0.0))" }.joined(separator: ", ")
      + " FROM \(source.from) WHERE x.rowid IN (SELECT x.rowid FROM \(source.from)\(filters)"
      + " ORDER BY \(ordering) LIMIT \(sql.bind(limit))) ORDER BY \(ordering)"
    return (text, columns.map { ResultColumn($0.0, $0.2) })
  }
}
