import DSL
import Understanding

/// The model sometimes writes a number no filter can take (`innings = 2012` for "Pakistan Test
/// wins in the UAE"): the query would not validate and the answerer would abstain. A number
/// outside the field's range that the question does not say is dropped.
enum ImpossibleNumberFix {
  static let ranges: [FilterField: ClosedRange<Int>] = [
    .innings: 1...4, .wicket: 1...10, .position: 1...11, .over: 1...50,
  ]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    let said = Set(QuestionWords(question).words)
    query.filters.removeAll { filter in
      guard let range = ranges[filter.field] else { return false }
      let numbers = filter.value.operands.compactMap { operand -> Int? in
        if case .number(let n) = operand { n } else { nil }
      }
      guard numbers.contains(where: { !range.contains($0) && !said.contains(String($0)) }) else {
        return false
      }
      notes.append("dropped \(filter.printed): no \(filter.field.word) has that number")
      return true
    }
  }
}
