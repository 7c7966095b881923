import DSL
import Understanding

/// "most Test runs at the MCG" is a career leaderboard; the model wrote whole-match records
/// (`top 10 matches by runs`: one batter's runs in one match). Match records are kept only
/// when the question speaks of one match ("in a match", "in a single Test", "match figures");
/// otherwise they become batters by the same measure, and match figures become the best
/// figures of an innings (`spells`, the corpus's "best bowling figures") when the question
/// says figures, else bowlers by wickets ("best ODI bowling figures against Australia").
enum MatchRecordFix {
  static let oneMatchWords: Set<String> = ["match", "game", "haul"]
  static let singleWords: Set<String> = ["a", "an", "one", "single", "same"]

  /// Words that ask for one innings' record ("highest scores", "in an innings", "knocks").
  static let oneInningsWords: Set<String> = [
    "innings", "inning", "knock", "knocks", "score", "scores", "individual", "single", "match",
    "game", "fastest", "quickest",
  ]

  /// "Most sixes in odis" came out as `top 10 innings by sixes` (one innings' sixes): with no
  /// word of one innings, runs, balls, fours and sixes are career totals.
  static func inningsAsTotals(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .ranking(var ranking) = query.head, ranking.subject == .innings,
      ["runs", "balls", "fours", "sixes"].contains(ranking.measure.word),
      !QuestionWords(question).contains(any: oneInningsWords),
      let measure = Measure.named(ranking.measure.word, in: RankSubject.batters.context)
    else { return }
    notes.append(
      "top batters by \(measure.word): the question asks for totals, not one innings'")
    ranking.subject = .batters
    ranking.measure = measure
    query.head = .ranking(ranking)
  }

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    inningsAsTotals(&query, question, &notes)
    guard case .ranking(var ranking) = query.head,
      [.matches, .matchFigures].contains(ranking.subject)
    else { return }
    let words = QuestionWords(question)
    guard !words.contains(any: oneMatchWords) else { return }
    let single = words.words.indices.contains { i in
      singleWords.contains(words.words[i]) && words.after(i).map(isMatchWord) == true
    }
    guard !single else { return }
    let subject: RankSubject =
      ranking.subject == .matches
      ? .batters
      : words.contains(any: ["figures", "figure", "spell", "spells"]) ? .spells : .bowlers
    guard let measure = Measure.named(ranking.measure.word, in: subject.context) else { return }
    notes.append(
      "top \(subject.word) by \(measure.word): the question asks for totals, not one match's")
    ranking.subject = subject
    ranking.measure = measure
    query.head = .ranking(ranking)
  }

  /// A format's name, one match of which is "a Test", "an ODI".
  static func isMatchWord(_ word: String) -> Bool {
    ["test", "odi", "t20i", "t20", "ipl", "innings"].contains(word)
  }
}
