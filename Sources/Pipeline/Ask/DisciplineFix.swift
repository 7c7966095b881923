import DSL
import Understanding

/// Average and strike rate are batting and bowling measures alike, and the model mixes them up
/// ("Steve Smith Test average" came out as `bowling average`). The question decides: bowling
/// words (bowling, wickets, economy, conceded) mean bowling, batting words (batting, runs,
/// centuries) batting; with neither, the one player named decides by role (Smith bats, Bumrah
/// bowls; an all-rounder leaves the model's reading).
enum DisciplineFix {
  static let bowlingWords: Set<String> = [
    "bowling", "bowler", "bowlers", "bowled", "bowl", "conceded", "conceding", "wickets", "wicket",
    "economy", "spell", "spells", "takers", "taker",
  ]
  static let battingWords: Set<String> = [
    "batting", "batter", "batters", "batsman", "batsmen", "bat", "runs", "centuries", "century",
    "fifties", "fifty", "scorers", "scorer", "scored", "sixes", "fours",
  ]
  /// Measures both disciplines have under one word.
  static let sharedWords: Set<String> = ["average", "strike rate"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, players: NameIndex?,
    _ notes: inout [String]
  ) {
    switch query.head {
    case .stats(var stats):
      guard [.batting, .bowling].contains(stats.discipline),
        stats.measures.contains(where: { sharedWords.contains($0.word) }),
        let wanted = discipline(question, query, players), wanted != stats.discipline,
        let measures = swapped(stats.measures, to: wanted.context)
      else { return }
      notes.append("\(wanted.word) \(measures.map(\.word).joined(separator: ", ")): \(reason)")
      stats.discipline = wanted
      stats.measures = measures
      query.head = .stats(stats)
    case .ranking(var ranking):
      guard [.batters, .bowlers].contains(ranking.subject),
        sharedWords.contains(ranking.measure.word),
        let wanted = wordsDecide(QuestionWords(question)),
        wanted.context != ranking.subject.context,
        let measure = Measure.named(ranking.measure.word, in: wanted.context)
      else { return }
      ranking.subject = wanted == .batting ? .batters : .bowlers
      ranking.measure = measure
      notes.append("\(ranking.subject.word) by \(measure.word): \(reason)")
      query.head = .ranking(ranking)
    }
  }

  static let reason = "the question's words or the player named decide batting or bowling"

  /// The discipline the question's words name, or nil when they name both or neither.
  static func wordsDecide(_ words: QuestionWords) -> Discipline? {
    let bowling = words.contains(any: bowlingWords)
    let batting = words.contains(any: battingWords) && !words.words.contains("conceded")
    if bowling == batting { return nil }
    return bowling ? .bowling : .batting
  }

  static func discipline(_ question: UnderstoodQuestion, _ query: DSLQuery, _ players: NameIndex?)
    -> Discipline?
  {
    if let byWords = wordsDecide(QuestionWords(question)) { return byWords }
    let roles = Set(
      query.filters.filter { $0.field == .player }.flatMap(\.value.operands).compactMap {
        operand -> PlayerRole? in
        guard case .placeholder(let p) = operand,
          let name = question.values[p.description]
        else { return nil }
        return players?.player(named: name)?.role
      })
    switch roles {
    case [.batter]: return .batting
    case [.bowler]: return .bowling
    default: return nil
    }
  }

  /// The same measures in the other discipline, if each has a namesake there.
  static func swapped(_ measures: [Measure], to context: MeasureContext) -> [Measure]? {
    let other = measures.compactMap { Measure.named($0.word, in: context) }
    return other.count == measures.count ? other : nil
  }
}
