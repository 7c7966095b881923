import CricketDB
import DSL
import Understanding

@testable import Pipeline

/// What the post-decoding fix suites share: the real linker and database, and the model's
/// masked query run through every fix, as text and as rows.
protocol PostDecodingFixture {
  var linker: QuestionLinker { get }
  var executor: DSLExecutor { get }
  var iplTeams: Set<String> { get }
}

extension PostDecodingFixture {
  /// The model's masked query after every post-decoding fix.
  func fixed(_ question: String, _ modelDSL: String) throws -> String {
    let (query, _) = PostDecodingFixes.apply(
      try DSLParser.parse(modelDSL), question: linker.understand(question), defaultFormat: nil,
      iplTeams: iplTeams, players: linker.index)
    return query.printed
  }

  /// Rows of the fixed query, bound with the question's values.
  func rows(_ question: String, _ modelDSL: String) throws -> [[SQLValue]] {
    try fixedAnswer(question, modelDSL).result.rows
  }

  func goldRows(_ dsl: String) throws -> [[SQLValue]] { try executor.answer(dsl).result.rows }

  /// The fixed query's rows hold the gold's (`AskEvaluation.containsGold`, as `cricq eval`).
  func answersLikeGold(_ question: String, _ modelDSL: String, gold: String) throws -> Bool {
    AskEvaluation.containsGold(
      try fixedAnswer(question, modelDSL).result, try executor.answer(gold).result)
  }

  private func fixedAnswer(_ question: String, _ modelDSL: String) throws -> DSLAnswer {
    try executor.answer(
      try fixed(question, modelDSL), bindings: linker.understand(question).dslBindings)
  }
}
