import DSL
import Foundation
import Understanding

/// One question prepared the way the product sees it (`QuestionAnswerer`): linked and masked,
/// with the gold query masked by the same placeholders (what the model should write).
public struct StudyItem: Sendable {
  public var id: String
  public var question: String
  public var understood: UnderstoodQuestion
  /// The gold query as the corpus writes it (real names), canonical form.
  public var goldDSL: String
  /// The gold query with the linker's placeholders, canonical form (`ExamplePool.mask`).
  public var maskedGoldDSL: String

  /// Placeholder → value, for binding the model's query before it runs.
  public var dslBindings: [Placeholder: Operand] { understood.dslBindings }
  /// The question's placeholders, sorted: the key of its grammar (`PlaceholderConstraint`).
  public var placeholders: [String] { understood.bindings.map(\.placeholder).sorted() }

  /// Links `pair.question` and masks its gold query; throws when the gold query does not parse.
  public init(pair: CorpusPair, linker: QuestionLinker) throws {
    let understood = linker.understand(pair.question)
    let gold = try DSLParser.parse(pair.dsl)
    id = pair.id
    question = pair.question
    self.understood = understood
    goldDSL = gold.printed
    maskedGoldDSL = ExamplePool.mask(dsl: pair.dsl, with: understood) ?? gold.printed
  }
}
