import DSL
import Foundation
import Understanding

/// One corpus pair prepared the way the product sees it: the question linked and masked, the
/// gold query masked with the same placeholders (what the model should write).
public struct StudyItem: Sendable {
  public var id: String
  public var question: String
  public var maskedQuestion: String
  /// The gold query as the corpus writes it (real names), canonical form.
  public var goldDSL: String
  /// The gold query with the linker's placeholders, canonical form.
  public var maskedGoldDSL: String
  public var bindings: [Binding]

  /// Placeholder → value, for binding the model's query before it runs.
  public var dslBindings: [Placeholder: Operand]

  /// Links `pair.question` and masks its gold query; throws when the gold query does not parse.
  public init(pair: CorpusPair, linker: QuestionLinker) throws {
    let understood = linker.understand(pair.question)
    let gold = try DSLParser.parse(pair.dsl)
    id = pair.id
    question = pair.question
    maskedQuestion = understood.masked
    goldDSL = gold.printed
    bindings = understood.bindings
    dslBindings = understood.dslBindings
    maskedGoldDSL = DSLMasking.mask(gold, bindings: understood.bindings).printed
  }
}
