import DSL
import Understanding

/// "Thala runs in IPL finals", "India's record in T20 World Cup semi finals": the stage the
/// question names. No placeholder forces it, and the model dropped it ("Dhoni runs in IPL
/// finals" came out as his whole IPL career). "final over", "final day" and the like are not a
/// stage; a stage the model wrote that the question contradicts is replaced.
enum StageFix {
  /// Words after "final" that make it something other than the match's stage.
  static let notAStage: Set<String> = [
    "over", "overs", "ball", "balls", "day", "session", "innings", "wicket", "wickets", "year",
    "spell", "stand", "partnership", "score", "total",
  ]

  static func asked(_ question: UnderstoodQuestion) -> String? {
    let words = QuestionWords(question).words
    for (i, word) in words.enumerated() where word == "final" || word == "finals" {
      if let next = words.dropFirst(i + 1).first, notAStage.contains(next) { continue }
      let semi = i > 0 && ["semi", "semis"].contains(words[i - 1])
      return semi ? "semi final" : "final"
    }
    if words.contains(where: { ["semis", "semifinal", "semifinals"].contains($0) }) {
      return "semi final"
    }
    return nil
  }

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard let stage = asked(question) else { return }
    let filter = Filter(.stage, .one(.word(stage)))
    if let i = query.filters.firstIndex(where: { $0.field == .stage }) {
      guard query.filters[i] != filter else { return }
      notes.append(
        "stage = \(stage): the question says \(stage), the model wrote \(query.filters[i].printed)")
      query.filters[i] = filter
    } else {
      notes.append("stage = \(stage): the question says \(stage)")
      query.filters.append(filter)
    }
  }
}
