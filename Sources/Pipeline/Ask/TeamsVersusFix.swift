import DSL
import Understanding

/// "RR vs MI wins": one side's record against the other, `team = A and opposition = B` (the
/// corpus's head-to-head). The model wrote `team in (A, B) ... per team`, which counts each
/// side's wins against everybody. Only for team stats: players in "MI vs CSK" matches are
/// `team in (A, B) and opposition in (A, B)`, which has an opposition and is left alone.
enum TeamsVersusFix {
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .stats(let stats) = query.head, stats.discipline == .team,
      !query.filters.contains(where: { $0.field == .opposition }),
      let i = query.filters.firstIndex(where: { $0.field == .team }),
      case .list(let sides) = query.filters[i].value, sides.count == 2,
      case .placeholder(let first) = sides[0], case .placeholder(let second) = sides[1]
    else { return }
    let words = QuestionWords(question)
    guard let firstAt = words.positions(of: first.description).first,
      let secondAt = words.positions(of: second.description).first, firstAt < secondAt,
      words.before(secondAt).map(MissingPlaceholderFix.versusWords.contains) == true
    else { return }
    query.filters[i] = Filter(.team, .one(.placeholder(first)))
    query.filters.append(Filter(.opposition, .one(.placeholder(second))))
    if query.breakdown == .team { query.breakdown = nil }
    notes.append("team = \(first), opposition = \(second): \(first) vs \(second) is a head-to-head")
  }
}
