import DSL
import Understanding

/// "5 fastest IPL hundreds": the fewest balls to reach 100 (or 50) in an innings. The model
/// wrote `top 5 batters by runs`; "fastest" or "quickest" with hundreds or fifties named
/// makes the leaderboard one of innings by `fastest hundred` / `fastest fifty`.
enum FastestFix {
  static let words: Set<String> = ["fastest", "quickest"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    let measures = question.hints.measures
    guard case .ranking(var ranking) = query.head,
      QuestionWords(question).contains(any: words),
      measures.contains("centuries") != measures.contains("fifties")
    else { return }
    let measure: Measure = measures.contains("centuries") ? .fastestHundred : .fastestFifty
    guard ranking.measure != measure else { return }
    ranking.subject = .innings
    ranking.measure = measure
    query.head = .ranking(ranking)
    query.qualifiers = []
    notes.append("innings by \(measure.word): the question asks for the fastest")
  }
}
