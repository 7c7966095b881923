import DSL
import Understanding

/// `since` is inclusive and `before` exclusive, but fans write "after 2014" (from 2015) and "up
/// to 2015" / "until 2015" (to 2015 inclusive). The linker reads those bounds into the hints and
/// binds the year as typed, so the model's `since <year1>` would start a year early and
/// `before <year1>` stop one early: the bound the hints give wins.
enum YearBoundsFix {
  static func apply(_ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String])
  {
    let values = question.values
    for (i, filter) in query.filters.enumerated() {
      guard case .one(.placeholder(let p)) = filter.value, p.kind == .year,
        let typed = values[p.description].flatMap(Int.init)
      else { continue }
      var bound: Int?
      if filter.field == .since, let from = question.hints.fromYear, from == typed + 1 {
        bound = from
      } else if filter.field == .before, let to = question.hints.toYear, to == typed {
        bound = to + 1
      }
      guard let bound else { continue }
      let fixed = Filter(filter.field, .one(.number(bound)))
      notes.append("\(fixed.printed): the question's years end there, the model wrote \(filter.printed)")
      query.filters[i] = fixed
    }
  }
}
