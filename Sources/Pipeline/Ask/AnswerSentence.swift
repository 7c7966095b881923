import CricketDB
import DSL

/// The one-line answer and the scope statement, written from the bound query and its rows.
enum AnswerSentence {
  /// "Top batter by sixes in ODIs in 2019 as an opener: CH Gayle, 56".
  static func sentence(_ query: DSLQuery, _ result: QueryResult) -> String {
    let context = phrase(query.filters.filter { !subjectFields.contains($0.field) })
    guard let first = result.rows.first else {
      return "No records match" + (context.isEmpty ? "" : context) + "."
    }
    let cells = first.map(QueryResult.cell)
    switch query.head {
    case .ranking(let r):
      let value = result.columns.firstIndex { $0.name == r.measure.word }.map { cells[$0] } ?? ""
      let word = r.direction == .top ? "Top" : "Bottom"
      let subject =
        r.subject.word.hasSuffix("s") ? String(r.subject.word.dropLast()) : r.subject.word
      return "\(word) \(subject) by \(r.measure.word)\(context): \(cells[0])"
        + (value.isEmpty || value == cells[0] ? "" : ", \(value)")
    case .stats(let s):
      let who = subjectName(query)
      if result.rows.count > 1, let breakdown = query.breakdown {
        return (who.map { "\($0): " } ?? "") + s.measures.map(\.word).joined(separator: ", ")
          + context + " per \(breakdown.rawValue) (\(result.rows.count) rows)"
      }
      let pairs = s.measures.compactMap { m -> String? in
        guard let i = result.columns.firstIndex(where: { $0.name == m.word }) else { return nil }
        return "\(m.word) \(cells[i])"
      }
      return (who.map { "\($0): " } ?? "") + pairs.joined(separator: ", ") + context
    }
  }

  /// Which matches the answer covers, defaults stated: "Covers play by CH Gayle in the IPL in
  /// 2012". With no year filter it says which seasons the data holds for the formats covered
  /// (`yearSpans`, read from the database).
  static func scope(_ query: DSLQuery, yearSpans: [(format: String, years: ClosedRange<Int>)])
    -> String
  {
    let fields = Set(query.filters.map(\.field))
    let formats = query.filters.first { $0.field == .format }.map { $0.value.operands.map(text) }
    let spans = yearSpans.filter { formats?.contains($0.format) ?? true }
    var parts: [String] = []
    if formats == nil {
      parts.append("all formats (men's Tests, ODIs, T20 internationals and the IPL)")
    }
    if fields.isDisjoint(with: [.year, .since, .before, .season, .date]), !spans.isEmpty {
      let seasons = spans.map { span in
        let name = formatName(span.format)
        return spans.count == 1
          ? "\(span.years.lowerBound)–\(span.years.upperBound)"
          : "\(name) \(span.years.lowerBound)–\(span.years.upperBound)"
      }
      parts.append("every season in the data (\(seasons.joined(separator: ", ")))")
    }
    let stated = phrase(query.filters)
    let covered = stated.isEmpty ? " " : " play" + stated + (parts.isEmpty ? "" : "; ")
    return "Covers" + covered + parts.joined(separator: ", ")
      + ". Source: Cricsheet ball-by-ball data."
  }

  /// Fields that name the subject ("V Kohli: runs …"), not the context.
  static let subjectFields: Set<FilterField> = [.player]

  static func subjectName(_ query: DSLQuery) -> String? {
    for filter in query.filters where filter.field == .player || filter.field == .team {
      if query.breakdown == .player || query.breakdown == .team { return nil }
      let names = filter.value.operands.map(text)
      return names.joined(separator: " and ")
    }
    return nil
  }

  /// " in ODIs in 2019 as an opener against Australia".
  static func phrase(_ filters: [Filter]) -> String {
    filters.map { " " + words($0) }.joined()
  }

  static func words(_ filter: Filter) -> String {
    let values = filter.value.operands.map(text)
    let value = values.joined(separator: ", ")
    if case .range(let a, let b) = filter.value {
      return filter.field == .year
        ? "in \(text(a))–\(text(b))" : "\(filter.field.word) \(text(a))–\(text(b))"
    }
    switch filter.field {
    case .format: return "in " + formatName(value)
    case .year: return "in \(value)"
    case .since: return "since \(value)"
    case .before: return "before \(value)"
    case .season: return "in the \(value) season"
    case .venue: return "at \(value)"
    case .opposition: return "against \(value)"
    case .team: return "for \(value)"
    case .country: return "in \(value)"
    case .event: return "in the \(value)"
    case .player: return "by \(value)"
    case .bowler: return "facing \(value)"
    case .batter: return "bowling to \(value)"
    case .position: return value == "opener" ? "as an opener" : "batting \(value)"
    case .phase: return value == "middle" ? "in the middle overs" : "in the \(value) overs"
    default: return filter.printed
    }
  }

  static func formatName(_ format: String) -> String {
    switch format {
    case "Test": "Tests"
    case "ODI": "ODIs"
    case "T20I": "T20 internationals"
    case "IPL": "the IPL"
    default: format
    }
  }

  static func text(_ operand: Operand) -> String {
    if case .name(let s) = operand { return s }
    return operand.printed
  }
}
