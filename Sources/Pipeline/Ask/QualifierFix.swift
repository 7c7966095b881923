import DSL
import Understanding

/// "best IPL averages for openers (min 1500 runs)": the number is a `min` qualifier. The model
/// put it in a filter (`innings = <num1>`), which then failed as no innings 1500. A number
/// after "min", "minimum" or "at least" with a countable word next to it (runs, balls, innings,
/// matches, wickets) is moved from any filter to `min <word> <numN>` of a leaderboard; "min 30
/// overs" (written `over in <num1>..25000`) becomes `min balls 180`.
enum QualifierFix {
  static let minimumWords: Set<String> = ["min", "minimum", "least", "atleast"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .ranking = query.head else { return }
    let words = QuestionWords(question)
    for binding in question.bindings where binding.kind == .num {
      guard let at = words.positions(of: binding.placeholder).first,
        let placeholder = query.placeholders.first(where: { $0.description == binding.placeholder }
        ),
        let filter = query.filters.firstIndex(where: {
          $0.value.operands.contains(.placeholder(placeholder))
        })
      else { continue }
      let before = words.words[max(0, at - 2)..<at]
      let next = [words.after(at), words.before(at)].compactMap { $0 }
      guard before.contains(where: minimumWords.contains) else { continue }
      let qualifier: Qualifier
      if let measure = next.compactMap(QualifierMeasure.init(rawValue:)).first {
        qualifier = Qualifier(measure: measure, value: .placeholder(placeholder))
      } else if next.first == "overs", let overs = Int(binding.value) {
        // "min 30 overs": six legal balls an over.
        qualifier = Qualifier(measure: .balls, value: .number(overs * 6))
      } else {
        continue
      }
      guard !query.qualifiers.contains(where: { $0.measure == qualifier.measure }) else {
        continue
      }
      notes.append(
        "min \(qualifier.measure.rawValue) \(qualifier.value.printed): the question sets a "
          + "minimum, the model wrote "
          + query.filters[filter].printed)
      query.filters.remove(at: filter)
      query.qualifiers.append(qualifier)
    }
  }
}
