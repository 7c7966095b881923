import DSL
import Understanding

/// "Smudge Test hundreds since 2020", "most sixes in the IPL since 2020": the model wrote one
/// year (`year = <year1>`) where the question's years are open-ended. The linker's hints say
/// which end is open: from the year on is `since`, up to the year before it is `before`.
enum OpenYearRangeFix {
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    let hints = question.hints
    guard (hints.fromYear == nil) != (hints.toYear == nil) else { return }
    for (i, filter) in query.filters.enumerated() where filter.field == .year {
      guard case .one(.placeholder(let p)) = filter.value, p.kind == .year,
        let typed = question.values[p.description].flatMap(Int.init)
      else { continue }
      let fixed: Filter? =
        switch (hints.fromYear, hints.toYear) {
        case (let from?, nil) where from == typed: Filter(.since, filter.value)
        case (let from?, nil) where from == typed + 1: Filter(.since, .one(.number(from)))
        case (nil, let to?) where to == typed - 1: Filter(.before, filter.value)
        case (nil, let to?) where to == typed: Filter(.before, .one(.number(to + 1)))  // "until"
        default: nil
        }
      guard let fixed else { continue }
      notes.append("\(fixed.printed): the question's years are open-ended, the model wrote one year")
      query.filters[i] = fixed
      return
    }
  }
}
