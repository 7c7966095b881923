import Foundation

/// The type rules of the DSL that need no database: which filters fit which subject, which
/// measures need whole innings, value ranges. `compile` assumes a query that passed them.
extension DSLQuery {
  /// Throws the first rule the query breaks.
  public func checkRules() throws(DSLError) {
    if let p = placeholders.first {
      throw invalid("the placeholder \(p) has no value: bind it before validating")
    }
    let context = self.context
    var seen = Set<FilterField>()
    for filter in filters {
      guard seen.insert(filter.field).inserted else {
        throw invalid(
          "`\(filter.field.word)` is given twice; give it once (use `in` for several values)")
      }
      guard FilterRules.allowed(in: context).contains(filter.field) else {
        throw invalid(
          "`\(filter.field.word)` does not apply to \(context.rawValue) queries"
            + FilterRules.hint(filter.field, context))
      }
      try checkValue(filter)
    }
    if case .stats(let stats) = head {
      var measures = Set<Measure>()
      for m in stats.measures where !measures.insert(m).inserted {
        throw invalid("`\(m.word)` is listed twice")
      }
    }
    let source = RowSource.choose(for: self)
    if source.isBallByBall {
      let ballFilters = filters.map(\.field).filter {
        [.bowler, .batter, .phase, .over, .position, .dismissal].contains($0)
      }
      for measure in measures where FilterRules.wholeInningsOnly.contains(measure) {
        throw invalid(
          "`\(measure.word)` counts whole innings, so it cannot be combined with `"
            + (ballFilters.first?.word ?? "phase") + "`, which selects single balls")
      }
    }
    if case .ranking(let ranking) = head, case .number(let n) = ranking.count,
      !(1...1000).contains(n)
    {
      throw invalid("`\(ranking.direction.rawValue)` takes a number from 1 to 1000, but found \(n)")
    }
    var qualified = Set<QualifierMeasure>()
    for qualifier in qualifiers {
      guard qualified.insert(qualifier.measure).inserted else {
        throw invalid("`min \(qualifier.measure.rawValue)` is given twice")
      }
      guard FilterRules.qualifiers(in: context).contains(qualifier.measure) else {
        let allowed = FilterRules.qualifiers(in: context).map { "`min \($0.rawValue)`" }
        throw invalid(
          "`min \(qualifier.measure.rawValue)` does not apply to \(context.rawValue) lists; use "
            + list(allowed, conjunction: "or"))
      }
    }
    if case .stats = head, breakdown == .player, source.playerColumn == nil {
      throw invalid("`per player` needs batting, bowling or fielding measures")
    }
    let formats = filters.first { $0.field == .format }.flatMap { f -> String? in
      if case .one(.word(let w)) = f.value { return w }
      return nil
    }
    if formats == "Test", filters.contains(where: { $0.field == .phase }) {
      throw invalid("`phase` applies to limited-overs formats (ODI, T20I, IPL), not Tests")
    }
  }

  /// Overs a format's innings can have: 20 in T20s, 50 in ODIs; Test innings have no limit
  /// (the longest in the data ran to 249 overs).
  private var overLimits: ClosedRange<Int> {
    let format = filters.first { $0.field == .format }.flatMap { f -> String? in
      if case .one(.word(let w)) = f.value { return w }
      return nil
    }
    return switch format {
    case "T20I", "IPL": 1...20
    case "ODI": 1...50
    default: 1...300
    }
  }

  private func checkValue(_ filter: Filter) throws(DSLError) {
    let field = filter.field
    func number(_ operand: Operand) -> Int? {
      if case .number(let n) = operand { return n }
      return nil
    }
    let limits: ClosedRange<Int>? =
      switch field {
      case .position: 1...11
      case .innings: 1...4
      case .wicket: 1...10
      case .over: overLimits
      case .year, .since, .before, .season: 1800...2100
      default: nil
      }
    for operand in filter.value.operands {
      if let limits, let n = number(operand) ?? seasonStart(operand), !limits.contains(n) {
        throw invalid(
          "`\(field.word)` takes a number from \(limits.lowerBound) to \(limits.upperBound), but found \(n)"
        )
      }
      if case .date(let d) = operand, !isCalendarDate(d) {
        throw invalid("`\(d)` is not a calendar date (YYYY-MM-DD)")
      }
      if case .name(let name) = operand {
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
          throw invalid("`\(field.word)` needs a name, but found an empty string")
        }
      }
      if case .season(_, let end) = operand, let start = seasonStart(operand),
        (start + 1) % 100 != end
      {
        throw invalid("a split season runs over two years, like 2019/20, but found \(start)/\(end)")
      }
    }
    if case .range(let a, let b) = filter.value {
      let low = number(a) ?? 0
      let high = number(b) ?? 0
      if case .date(let x) = a, case .date(let y) = b, x > y {
        throw invalid("the range of `\(field.word)` runs backwards: \(x)..\(y)")
      }
      if low > high {
        throw invalid("the range of `\(field.word)` runs backwards: \(low)..\(high)")
      }
    }
  }

  private func seasonStart(_ operand: Operand) -> Int? {
    if case .season(.number(let n), _) = operand { return n }
    return nil
  }

  private func invalid(_ reason: String) -> DSLError {
    DSLError(.validation, column: 0, found: nil, reason: reason)
  }
}

func isCalendarDate(_ text: String) -> Bool {
  let parts = text.split(separator: "-").compactMap { Int($0) }
  guard parts.count == 3, (1...12).contains(parts[1]), parts[2] >= 1 else { return false }
  let (y, mo) = (parts[0], parts[1])
  let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
  let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
  return parts[2] <= days
}

/// Which filters and qualifiers fit which subject.
enum FilterRules {
  static let matchLevel: Set<FilterField> = [
    .format, .team, .opposition, .venue, .country, .location, .year, .since, .before, .season,
    .date, .event, .stage, .result, .toss, .batting,
  ]

  static func allowed(in context: MeasureContext) -> Set<FilterField> {
    switch context {
    case .batting:
      matchLevel.union([.player, .bowler, .position, .innings, .dismissal, .phase, .over])
    case .bowling:
      matchLevel.union([.player, .batter, .position, .innings, .dismissal, .phase, .over])
    case .fielding: matchLevel.union([.player, .innings])
    case .allround: matchLevel.union([.player])
    case .team: matchLevel
    case .innings: matchLevel.union([.player, .position, .innings, .dismissal])
    case .spells: matchLevel.union([.player, .innings])
    case .partnerships: matchLevel.union([.player, .innings, .wicket])
    case .teamInnings: matchLevel.union([.innings])
    case .matches, .matchFigures: matchLevel.union([.player])
    }
  }

  static func hint(_ field: FilterField, _ context: MeasureContext) -> String {
    switch field {
    case .bowler: " (`bowler` is for batting queries: a batter against a bowler)"
    case .batter: " (`batter` is for bowling queries: a bowler against a batter)"
    case .wicket: " (`wicket` picks partnerships: `top 5 partnerships by runs where wicket = 1`)"
    case .player where context == .team || context == .teamInnings:
      " (use `team`, or a batting or bowling query for a player)"
    case .phase, .over: " (phases and overs need batting or bowling measures)"
    default: ""
    }
  }

  /// Measures that need whole innings and so cannot be counted from single balls.
  static let wholeInningsOnly: Set<Measure> = [
    .notOuts, .highestScore, .hundreds, .fifties, .ducks, .maidens, .bestFigures,
    .fourWicketHauls, .fiveWicketHauls,
  ]

  static func qualifiers(in context: MeasureContext) -> [QualifierMeasure] {
    switch context {
    case .batting: [.runs, .balls, .innings, .matches]
    case .bowling: [.balls, .innings, .matches, .wickets]
    case .fielding, .team: [.matches]
    case .allround: [.runs, .wickets, .matches]
    case .innings: [.runs, .balls]
    case .spells: [.balls, .wickets]
    case .partnerships: [.runs, .balls]
    case .teamInnings: [.runs, .balls]
    case .matches: [.runs, .balls]
    case .matchFigures: [.balls, .wickets]
    }
  }
}
