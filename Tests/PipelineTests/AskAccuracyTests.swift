import DSL
import Testing

@testable import Pipeline

/// Fan questions last session answered wrongly, end to end on the real model and database:
/// each answer must hold the gold query's rows. Release build: a few seconds a question.
@Suite(.serialized) struct AskAccuracyTests {
  let answerer: QuestionAnswerer

  init() throws { answerer = try QuestionAnswerer() }

  func expectGoldRows(_ question: String, _ gold: String) throws {
    try answerer.expectGoldRows(question, gold)
  }

  @Test func steveSmithsAverageIsHisBattingAverage() throws {
    try expectGoldRows(
      "Steve Smith Test average", #"batting average where player = "SPD Smith" and format = Test"#)
  }

  @Test func twoBattersWithVsAreCompared() throws {
    try expectGoldRows(
      "Kane Williamson vs Joe Root Test runs",
      #"batting runs where player in ("KS Williamson", "JE Root") and format = Test per player"#)
  }

  @Test func aQuestionWithoutANumberListsTen() throws {
    try expectGoldRows(
      "most Test wickets at Lord's",
      #"top 10 bowlers by wickets where format = Test and venue = "Lord's""#)
  }

  @Test func theAshesAreEnglandAgainstAustralia() throws {
    try expectGoldRows(
      "Lyon Ashes wickets",
      #"bowling wickets where player = "NM Lyon" and format = Test and opposition = "England""#)
  }

  /// Refused, whichever slot the model put the number in (`top` or `position`): the reason
  /// names it. `AccuracyFixesTests.aHugeTopIsRefused` pins the `top` refusal's text.
  @Test func aHugeTopIsRefused() {
    let answer = answerer.answer("top 100000000 run scorers in ODIs")
    #expect(answer.abstention?.kind == .invalidQuery)
    #expect(answer.abstention?.reason.contains("100000000") == true)
  }
}
