import DSL
import Understanding

/// "most balls faced in a single ODI innings": a record of one innings, not a career total.
/// The model wrote `top 10 batters by balls`; "a / an / one / single ... innings" (or "spell"
/// for bowlers) within three words makes batters innings and bowlers spells, when the measure
/// exists for one innings (balls, runs, sixes; wickets, economy).
enum OneInningsFix {
  static let singleWords: Set<String> = ["a", "an", "one", "single"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .ranking(var ranking) = query.head,
      [.batters, .bowlers].contains(ranking.subject)
    else { return }
    let words = QuestionWords(question).words
    let unit: Set<String> =
      ranking.subject == .batters ? ["innings", "knock"] : ["innings", "spell"]
    let single = words.indices.contains { i in
      singleWords.contains(words[i])
        && words[(i + 1)..<min(i + 4, words.count)].contains {
          unit.contains($0)
        }
    }
    let subject: RankSubject = ranking.subject == .batters ? .innings : .spells
    guard single, let measure = Measure.named(ranking.measure.word, in: subject.context) else {
      return
    }
    notes.append("top \(subject.word) by \(measure.word): the question asks for one innings")
    ranking.subject = subject
    ranking.measure = measure
    query.head = .ranking(ranking)
    query.qualifiers = []
  }
}
