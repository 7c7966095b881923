import DSL
import Understanding

/// Deterministic corrections to the model's query where the question leaves no doubt: a format
/// or phase the question names overrides the model's; a default format fills a gap; a measure
/// written twice is written once; `team = A and team = B` is a head-to-head (`opposition = B`);
/// `year = A and year = B` is the range `year in A..B`.
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
    mergeRepeats(&query, &notes)
    return (query, notes)
  }

  static func mergeRepeats(_ query: inout DSLQuery, _ notes: inout [String]) {
    if case .stats(var stats) = query.head {
      var seen = Set<Measure>()
      let unique = stats.measures.filter { seen.insert($0).inserted }
      if unique.count < stats.measures.count {
        notes.append("each measure once: the model repeated one")
        stats.measures = unique
        query.head = .stats(stats)
      }
    }
    let teams = query.filters.indices.filter { query.filters[$0].field == .team }
    if teams.count == 2, !query.filters.contains(where: { $0.field == .opposition }),
      case .one(let other) = query.filters[teams[1]].value
    {
      notes.append("opposition = \(other.printed): two teams named are a head-to-head")
      query.filters[teams[1]] = Filter(.opposition, .one(other))
    }
    let years = query.filters.indices.filter { query.filters[$0].field == .year }
    if years.count == 2, case .one(let a) = query.filters[years[0]].value,
      case .one(let b) = query.filters[years[1]].value
    {
      notes.append("year in \(a.printed)..\(b.printed): two years are a range")
      query.filters[years[0]] = Filter(.year, .range(a, b))
      query.filters.remove(at: years[1])
    }
  }

  /// Where the corpus puts the format: after the player or team it is about.
  static func firstFilterAfterSubject(_ query: DSLQuery) -> Int {
    var i = 0
    while i < query.filters.count, [.player, .team].contains(query.filters[i].field) { i += 1 }
    return i
  }
}
