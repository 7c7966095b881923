import DSL
import Understanding

/// Filters the question names in words, which no placeholder forces and the model dropped
/// (first 160 of corpus/test.jsonl): each is added only when the query has no filter of that
/// field (nor, for the over, a phase).
/// - a batting order the glossary found ("tailenders", "openers") → `position`
///   ("most ODI runs by tailenders" came out with no position);
/// - "the 20th over", "the first over", "the opening over" → `over = N` (N ≤ 50);
/// - "batting first", "bat first", "setting" → `batting = first`; "chasing", "chases",
///   "batting second" → `batting = second`;
/// - for players' stats and records (not team results, where "wins" is the measure): "won",
///   "wins", "winning" → `result = won`; "lost", "losses", "losing" → `result = lost`.
enum NamedFilterFix {
  static let positions: [BattingOrder: String] = [
    .openers: "opener", .topOrder: "top order", .middleOrder: "middle order", .lowerOrder: "tail",
  ]
  static let ordinals: [String: Int] = [
    "first": 1, "opening": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
  ]
  static let wonWords: Set<String> = ["won", "wins", "winning", "victories", "victory"]
  static let lostWords: Set<String> = ["lost", "losses", "losing", "defeats", "defeat"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    let words = QuestionWords(question)
    func add(_ field: FilterField, _ value: Operand, _ why: String) {
      guard !query.filters.contains(where: { $0.field == field }) else { return }
      let filter = Filter(field, .one(value))
      notes.append("\(filter.printed): the question says \(why)")
      query.filters.append(filter)
    }
    var individual = true
    if case .stats(let stats) = query.head { individual = stats.discipline != .team }
    if case .ranking(let ranking) = query.head {
      individual = ![.teams, .teamInnings, .partnerships].contains(ranking.subject)
    }
    if individual, question.hints.battingOrder.count == 1,
      let order = question.hints.battingOrder.first, let position = positions[order]
    {
      add(.position, .word(position), order.rawValue)
    }
    if let over = over(words), !query.filters.contains(where: { $0.field == .phase }) {
      add(.over, .number(over), "over \(over)")
    }
    let text = " " + words.words.joined(separator: " ") + " "
    if [" batting first ", " bat first ", " batted first ", " setting "].contains(where: {
      text.contains($0)
    }) {
      add(.batting, .word("first"), "batting first")
    } else if [" chasing ", " chases ", " chase ", " batting second ", " bat second "].contains(
      where: { text.contains($0) })
    {
      add(.batting, .word("second"), "batting second")
    }
    var teamResults = false
    if case .stats(let stats) = query.head { teamResults = stats.discipline == .team }
    if case .ranking(let ranking) = query.head { teamResults = ranking.subject == .teams }
    let won = words.contains(any: wonWords)
    let lost = words.contains(any: lostWords)
    // "won the toss" is the toss, not the result.
    if !teamResults, won != lost, !words.contains(any: ["toss"]) {
      add(.result, .word(won ? "won" : "lost"), won ? "won" : "lost")
    }
  }

  /// "20th over", "the opening over": the over's number, when the word before "over" is an
  /// ordinal of at most 50.
  static func over(_ words: QuestionWords) -> Int? {
    for (i, word) in words.words.enumerated() where word == "over" && i > 0 {
      let before = words.words[i - 1]
      if let n = ordinals[before] { return n }
      let digits = before.prefix { $0.isNumber }
      let suffix = before.dropFirst(digits.count)
      if let n = Int(digits), ["st", "nd", "rd", "th"].contains(suffix), (1...50).contains(n) {
        return n
      }
    }
    return nil
  }
}
