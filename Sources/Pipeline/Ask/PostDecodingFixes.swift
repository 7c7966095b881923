import DSL
import Understanding

/// Deterministic corrections to the model's query where the question leaves no doubt: a format
/// or phase the question names overrides the model's; a default format fills a gap.
enum PostDecodingFixes {
  /// The corrected query and a note per change.
  static func apply(
    _ query: DSLQuery, hints: QuestionHints, defaultFormat: String?
  ) -> (DSLQuery, [String]) {
    var query = query
    var notes: [String] = []
    let formats = hints.formats.map(\.rawValue)
    let current = query.filters.firstIndex { $0.field == .format }
    if formats.count == 1, let format = formats.first {
      let filter = Filter(.format, .one(.word(format)))
      if let i = current, query.filters[i] != filter {
        notes.append(
          "format = \(format): the question says \(format), the model wrote \(query.filters[i].printed)"
        )
        query.filters[i] = filter
      } else if current == nil {
        notes.append("format = \(format): the question says \(format)")
        query.filters.insert(filter, at: firstFilterAfterSubject(query))
      }
    } else if current == nil, formats.isEmpty, let format = defaultFormat {
      notes.append("format = \(format): the default format")
      query.filters.insert(Filter(.format, .one(.word(format))), at: firstFilterAfterSubject(query))
    }
    if hints.phases.count == 1, let phase = hints.phases.first?.rawValue,
      let i = query.filters.firstIndex(where: { $0.field == .phase }),
      query.filters[i] != Filter(.phase, .one(.word(phase)))
    {
      notes.append(
        "phase = \(phase): the question says \(phase), the model wrote \(query.filters[i].printed)")
      query.filters[i] = Filter(.phase, .one(.word(phase)))
    }
    return (query, notes)
  }

  /// Where the corpus puts the format: after the player or team it is about.
  static func firstFilterAfterSubject(_ query: DSLQuery) -> Int {
    var i = 0
    while i < query.filters.count, [.player, .team].contains(query.filters[i].field) { i += 1 }
    return i
  }
}
