/// Where a filter's columns are, for the main rows (`x` + match `m`) or for the appearances
/// (`match_players mp` + match `m2`) that the `matches` measure counts.
struct FilterTarget {
  var column: (String) -> String
  var match: String
  var team: String
  var opposition: String
  var source: RowSource?

  static func rows(_ source: RowSource) -> FilterTarget {
    FilterTarget(
      column: source.column, match: "m", team: source.teamColumn,
      opposition: source.oppositionColumn, source: source)
  }

  static var appearances: FilterTarget {
    FilterTarget(
      column: { name in
        ["format", "year", "start_date", "venue_id", "country", "event_name", "match_id"].contains(
          name)
          ? "mp.\(name)" : "m2.\(name)"
      },
      match: "m2", team: "mp.team_id", opposition: "mp.opposition_id", source: nil)
  }
}

enum FilterSQL {
  /// The comparison that keeps rows of the named players: `= (SELECT id ...)` for one name (a
  /// unique name is at most one id), `IN (SELECT id ...)` for several. SQLite's planner reads
  /// `IN (subquery)` as a long list and prefers the `deliveries(format, year)` index, scanning
  /// every ball of the format; `=` lets it use the player's own index.
  static func players(_ operands: [Operand], _ sql: SQLBuilder) -> String {
    let names = operands.compactMap { op -> String? in
      if case .name(let n) = op { return n }
      return nil
    }
    if names.count == 1 {
      return "= (SELECT id FROM players WHERE unique_name = \(sql.bind(names[0])))"
    }
    return "IN (SELECT id FROM players WHERE unique_name IN ("
      + names.map { sql.bind($0) }.joined(separator: ", ") + "))"
  }

  /// Team ids sharing a franchise with any of the named teams (so renames are one team).
  static func teams(_ operands: [Operand], _ sql: SQLBuilder) -> String {
    let names = operands.compactMap { op -> String? in
      if case .name(let n) = op { return n }
      return nil
    }
    return "(SELECT id FROM teams WHERE franchise IN (SELECT franchise FROM teams WHERE name IN ("
      + names.map { sql.bind($0) }.joined(separator: ", ") + ")))"
  }

  /// The home country of a team: the country's own name; India for IPL franchises.
  static func home(_ team: String) -> String {
    "(SELECT CASE WHEN h.team_type = 'club' THEN 'India' ELSE h.franchise END FROM teams h WHERE h.id = \(team))"
  }

  static func value(_ operand: Operand, _ sql: SQLBuilder) -> String {
    switch operand {
    case .number(let n): sql.bind(n)
    case .name(let s), .word(let s), .date(let s): sql.bind(s)
    case .season: sql.bind(seasonLabel(operand))
    case .placeholder(let p): sql.bind(p.description)  // unreachable after checkRules
    }
  }

  static func seasonLabel(_ operand: Operand) -> String {
    switch operand {
    case .number(let n): String(n)
    case .season(let start, let end):
      seasonLabel(start) + "/" + (end < 10 ? "0\(end)" : String(end))
    default: operand.printed
    }
  }

  static func compare(_ column: String, _ value: FilterValue, _ sql: SQLBuilder) -> String {
    switch value {
    case .one(let a): "\(column) = \(FilterSQL.value(a, sql))"
    case .list(let xs):
      "\(column) IN (" + xs.map { FilterSQL.value($0, sql) }.joined(separator: ", ") + ")"
    case .range(let a, let b):
      "\(column) BETWEEN \(FilterSQL.value(a, sql)) AND \(FilterSQL.value(b, sql))"
    }
  }

  /// The condition for one filter, or nil when the filter does not restrict rows here (a
  /// `dismissal` filter on ball-by-ball rows changes which wickets count instead).
  static func condition(_ filter: Filter, _ t: FilterTarget, _ sql: SQLBuilder) -> String? {
    let value = filter.value
    let first = value.operands.first ?? .number(0)
    let word: String = {
      if case .word(let w) = first { return w }
      return ""
    }()
    switch filter.field {
    case .format: return compare(t.column("format"), value, sql)
    case .player:
      let ids = players(value.operands, sql)
      if t.source == .partnerships { return "(x.batter1_id \(ids) OR x.batter2_id \(ids))" }
      guard let column = t.source?.playerColumn else { return nil }
      return "\(column) \(ids)"
    case .bowler: return "x.bowler_id \(players(value.operands, sql))"
    case .batter: return "x.batter_id \(players(value.operands, sql))"
    case .team: return "\(t.team) IN \(teams(value.operands, sql))"
    case .opposition: return "\(t.opposition) IN \(teams(value.operands, sql))"
    case .venue:
      return
        "\(t.column("venue_id")) IN (SELECT id FROM venues WHERE name = \(FilterSQL.value(first, sql)))"
    case .country: return compare(t.column("country"), value, sql)
    case .location:
      let country = t.column("country")
      switch word {
      case "home": return "\(country) = \(home(t.team))"
      // Not also the subject's own country: IPL sides share India, so no IPL match is away.
      case "away":
        return "(\(country) = \(home(t.opposition)) AND \(country) <> \(home(t.team)))"
      default: return "(\(country) <> \(home(t.team)) AND \(country) <> \(home(t.opposition)))"
      }
    case .year: return compare(t.column("year"), value, sql)
    case .since: return "\(t.column("year")) >= \(FilterSQL.value(first, sql))"
    case .before: return "\(t.column("year")) < \(FilterSQL.value(first, sql))"
    case .season: return "\(t.column("season")) = \(sql.bind(seasonLabel(first)))"
    case .date: return compare(t.column("start_date"), value, sql)
    // Competitions group Cricsheet's event names ("World Cup" 2019, "ICC World Cup" 2003-07).
    case .event: return compare(t.column("competition"), value, sql)
    case .stage:
      return "\(t.match).event_stage = \(sql.bind(word == "final" ? "Final" : "Semi Final"))"
    case .result:
      switch word {
      case "won": return "\(t.match).winner_id = \(t.team)"
      case "lost": return "\(t.match).loser_id = \(t.team)"
      case "drawn": return "\(t.match).result = 'draw'"
      case "tied": return "\(t.match).result = 'tie'"
      default: return "\(t.match).result = 'no result'"
      }
    case .toss:
      return word == "won"
        ? "\(t.match).toss_winner_id = \(t.team)"
        : "\(t.match).toss_winner_id <> \(t.team)"
    case .batting:
      let first =
        "(SELECT i.batting_team_id FROM innings i WHERE i.match_id = \(t.match).id AND i.number = 1)"
      return word == "first" ? "\(t.team) = \(first)" : "\(t.team) <> \(first)"
    case .position:
      let column = t.source?.isBallByBall == true ? "x.batter_position" : "x.position"
      switch first {
      case .number(let n): return "\(column) = \(sql.bind(n))"
      default:
        let (low, high) =
          switch word {
          case "opener": (1, 2)
          case "top order": (1, 3)
          case "middle order": (4, 7)
          default: (8, 11)
          }
        return "\(column) BETWEEN \(sql.bind(low)) AND \(sql.bind(high))"
      }
    case .innings: return compare("x.innings_number", value, sql)
    case .dismissal:
      if t.source?.isBallByBall == true { return nil }
      return "x.how_out = \(sql.bind(word))"
    case .phase:
      // The same overs as the `phase` column (docs/schema.md), written on the stored 0-based
      // `over`: the generated column is computed for every row read, this comparison is cheaper.
      let (t20, odi) =
        switch word {
        case "powerplay": ("x.over < 6", "x.over < 10")
        case "middle": ("x.over BETWEEN 6 AND 14", "x.over BETWEEN 10 AND 39")
        default: ("x.over >= 15", "x.over >= 40")
        }
      return "((x.format IN ('T20I', 'IPL') AND \(t20)) OR (x.format = 'ODI' AND \(odi)))"
    case .over: return compare("x.over_number", value, sql)
    case .wicket: return compare("x.wicket", value, sql)
    }
  }
}
