/// Whole-match records: one row per player per match, a batter's innings added up
/// (`top 5 matches by runs`) or a bowler's match figures (`top 5 match figures by wickets`).
enum MatchRecords {
  static func select(_ query: DSLQuery, _ ranking: Ranking, _ source: RowSource, _ sql: SQLBuilder)
    -> (String, [ResultColumn])
  {
    let better = ranking.direction == .top ? "DESC" : "ASC"
    let worse = better == "DESC" ? "ASC" : "DESC"
    // The filters are match-level or the player, so they pick innings before the adding up
    // (which then reads only the innings asked about).
    let filters = whereClause(query, source, sql)
    // A side's first innings is the match's 1st or 2nd, its second the 3rd or 4th (also after
    // a follow-on), so the two parts print in playing order.
    func byInnings(_ text: String) -> String {
      "COALESCE(MAX(CASE WHEN x.innings_number <= 2 THEN \(text) END), '-')"
        + " || COALESCE(' & ' || MAX(CASE WHEN x.innings_number > 2 THEN \(text) END), '')"
    }
    let perMatch =
      "x.match_id, x.player_id, MIN(x.team_id) AS team_id, MIN(x.opposition_id) AS opposition_id,"
      + " MIN(x.venue_id) AS venue_id, MIN(x.start_date) AS start_date, MIN(x.format) AS format"
    var columns: [(String, String, ColumnType)] = [
      ("player", "(SELECT unique_name FROM players WHERE id = x.player_id)", .text)
    ]
    let inner: String
    let order: [String]
    let qualifierColumn: [QualifierMeasure: String]
    if source == .matchBowling {
      inner =
        "SELECT \(perMatch), SUM(x.wickets) AS wickets, SUM(x.runs) AS runs,"
        + " SUM(x.legal_balls) AS balls,"
        + " \(byInnings("x.wickets || '/' || x.runs")) AS innings"
      columns += [
        ("figures", "CAST(x.wickets AS TEXT) || '/' || CAST(x.runs AS TEXT)", .text),
        ("innings", "x.innings", .text),
        ("overs", "(x.balls / 6) || '.' || (x.balls % 6)", .text),
      ]
      order = ["x.wickets \(better)", "x.runs \(worse)", "x.balls ASC"]
      qualifierColumn = [.balls: "x.balls", .wickets: "x.wickets"]
    } else {
      inner =
        "SELECT \(perMatch), SUM(x.runs) AS runs, SUM(x.balls) AS balls, SUM(x.fours) AS fours,"
        + " SUM(x.sixes) AS sixes,"
        + " \(byInnings("x.runs || CASE WHEN x.is_out = 1 THEN '' ELSE '*' END")) AS scores"
      let measure =
        switch ranking.measure {
        case .matchBalls: "balls"
        case .matchFours: "fours"
        case .matchSixes: "sixes"
        default: "runs"
        }
      columns.append((measure, "x.\(measure)", .integer))
      for name in ["runs", "scores", "balls", "fours", "sixes"] where name != measure {
        columns.append((name, "x.\(name)", name == "scores" ? .text : .integer))
      }
      order = ["x.\(measure) \(better)"] + (measure == "runs" ? ["x.balls \(worse)"] : [])
      qualifierColumn = [.runs: "x.runs", .balls: "x.balls"]
    }
    columns += [
      ("team", "(SELECT name FROM teams WHERE id = x.team_id)", .text),
      ("opposition", "(SELECT name FROM teams WHERE id = x.opposition_id)", .text),
      ("venue", "(SELECT name FROM venues WHERE id = x.venue_id)", .text),
      ("date", "x.start_date", .text),
      ("format", "x.format", .text),
    ]
    let qualifiers = query.qualifiers.compactMap { q -> String? in
      guard case .number(let n) = q.value, let column = qualifierColumn[q.measure] else {
        return nil
      }
      return "\(column) >= \(sql.bind(n))"
    }
    let limit: Int = {
      if case .number(let n) = ranking.count { return n }
      return 10
    }()
    let text =
      "SELECT " + columns.map { "\($0.1) AS \(quoted($0.0))" }.joined(separator: ", ")
      + " FROM (\(inner) FROM \(source.from)\(filters) GROUP BY x.match_id, x.player_id) x"
      + (qualifiers.isEmpty ? "" : " WHERE " + qualifiers.joined(separator: " AND "))
      + " ORDER BY " + (order + ["x.start_date ASC", "x.match_id ASC"]).joined(separator: ", ")
      + " LIMIT \(sql.bind(limit))"
    return (text, columns.map { ResultColumn($0.0, $0.2) })
  }
}
