import Testing

@testable import Pipeline

extension QuestionAnswerer {
  /// Answers `question` end to end and expects the gold query's columns and rows in the answer
  /// (extra measures are fine), as `cricq eval` judges.
  func expectGoldRows(_ question: String, _ gold: String) throws {
    let answer = answer(question)
    #expect(!answer.abstained, "\(question): \(String(describing: answer.abstention))")
    let result = try #require(answer.result, "\(question): no rows")
    #expect(
      AskEvaluation.containsGold(result, try run(dsl: gold).result),
      "\(question): \(answer.dsl ?? "-") \(answer.fixes)")
  }
}
