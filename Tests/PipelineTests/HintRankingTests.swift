import Testing

@testable import Pipeline
@testable import Understanding

@Suite struct HintRankingTests {
  func example(_ dsl: String, _ similarity: Double) -> RetrievedExample {
    RetrievedExample(
      question: dsl, maskedQuestion: dsl, dsl: dsl, maskedDSL: dsl, similarity: similarity)
  }

  var candidates: [RetrievedExample] {
    [
      example("top 5 batters by sixes where team = <team1> and format = IPL", 0.706),
      example("top 10 batters by sixes where format = IPL and year = <year1>", 0.698),
      example("top 10 batters by sixes where bowler = <player1>", 0.687),
      example("top <num1> batters by sixes where year = <year1> and position = opener", 0.650),
    ]
  }

  @Test func aNamedPhraseLiftsTheExampleThatHasIt() {
    var hints = QuestionHints()
    hints.battingOrder = [.openers]
    let ranked = HintRanking.rerank(candidates, hints: hints, k: 3)
    #expect(ranked.count == 3)
    #expect(ranked.contains { $0.maskedDSL.contains("position = opener") })
    let plain = HintRanking.rerank(candidates, hints: QuestionHints(), k: 3)
    #expect(!plain.contains { $0.maskedDSL.contains("position = opener") })
  }

  @Test func withoutPhrasesAnUnaskedFilterIsPushedDownAndTheRestKeepTheirOrder() {
    let ranked = HintRanking.rerank(candidates, hints: QuestionHints(), k: 4)
    #expect(ranked.map(\.similarity) == [0.706, 0.698, 0.687, 0.650])
    var hints = QuestionHints()
    hints.phases = [.death]
    let phase = HintRanking.rerank(
      [example("bowling economy where phase = powerplay", 0.80), example("bowling economy", 0.78)],
      hints: hints, k: 2)
    #expect(phase.first?.maskedDSL == "bowling economy")
  }

  @Test func measuresMatchWholeWordsOnly() {
    let wanted: Set<String> = ["runs"]
    #expect(HintRanking.score(example("top 10 batters by runs", 0.5), wanted: wanted) > 0.5)
    #expect(
      HintRanking.score(example("top 10 bowlers by runs conceded", 0.5), wanted: wanted) > 0.5)
    #expect(HintRanking.score(example("top 10 batters by sixes", 0.5), wanted: wanted) == 0.5)
  }
}
