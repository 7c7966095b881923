import DSL
import Understanding

/// Filters no word of the question asks for, which the model copied from its examples: "Lyon
/// Ashes wickets" came out with `position = 1`, "kohli odi runs in chases" with `result = won`.
/// - `position` is dropped unless the question names a batting order ("openers"), a position
///   ("number 3", "batting at 4") or the position's number;
/// - `result` is dropped unless the question says won, lost, drawn, tied or the like;
/// - `batting = first|second` unless the question speaks of batting first, chasing or
///   defending ("RCB vs CSK wins" came out with `batting = second`, copied from "wins chasing");
/// - `toss` unless the question says toss;
/// - `stage` unless the question says final, semi or knockout ("most ODI runs by tailenders"
///   came out with `stage = final`);
/// - `innings = N` unless the question says innings or first/second/third/fourth ("India Test
///   wins by year" came out with `innings = 1`, which team stats cannot take).
enum UnaskedFilterFix {
  static let positionWords: Set<String> = [
    "position", "positions", "number", "no", "batting", "opener", "openers", "opening",
  ]
  static let resultWords: Set<String> = [
    "won", "win", "wins", "winning", "victory", "victories", "successful", "lost", "lose",
    "loss", "losses", "losing", "defeat", "defeats", "drawn", "draw", "draws", "tied", "tie",
    "ties", "result", "results", "cause",
  ]

  static let battingWords: Set<String> = [
    "batting", "bat", "bats", "batted", "chase", "chases", "chasing", "chased", "defending",
    "defend", "defended", "first", "second", "target", "targets", "setting",
  ]
  static let tossWords: Set<String> = ["toss", "tosses"]
  static let stageWords: Set<String> = [
    "final", "finals", "semi", "semis", "semifinal", "semifinals", "knockout", "knockouts",
  ]
  static let inningsWords: Set<String> = [
    "innings", "inning", "inns", "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
    "last", "final",
  ]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    let words = QuestionWords(question)
    let positionAsked =
      !question.hints.battingOrder.isEmpty || words.contains(any: positionWords)
    query.filters.removeAll { filter in
      let unasked: Bool
      switch filter.field {
      case .position:
        unasked =
          !positionAsked
          && !filter.value.operands.contains { operand in
            switch operand {
            case .placeholder: true
            case .number(let n): words.words.contains(String(n))
            default: false
            }
          }
      case .result: unasked = !words.contains(any: resultWords)
      case .batting: unasked = !words.contains(any: battingWords)
      case .toss: unasked = !words.contains(any: tossWords)
      case .stage: unasked = !words.contains(any: stageWords)
      case .innings:
        unasked =
          !words.contains(any: inningsWords)
          && !filter.value.operands.contains { if case .placeholder = $0 { true } else { false } }
      default: unasked = false
      }
      if unasked { notes.append("dropped \(filter.printed): the question does not ask for it") }
      return unasked
    }
  }
}
