/// A solved example shown to the model: a question and the query that answers it.
public struct FewShotExample: Sendable, Equatable, Codable {
  public var question: String
  public var dsl: String

  public init(question: String, dsl: String) {
    self.question = question
    self.dsl = dsl
  }
}

/// A prompt as text and as tokens, ready for the decoder.
public struct Prompt: Sendable, Equatable {
  public var text: String
  public var tokens: [Int]
  /// How many leading tokens are the fixed instruction header, the same for every question.
  public var headerTokenCount: Int
}

/// Lays out the prompt: the fixed instruction header first (so its KV cache is computed once and
/// reused for every question), then the examples as earlier user/assistant turns, then the
/// question. Prompt length dominates latency, so the header is short and the examples carry the
/// format. (All examples as "Q:/A:" lines in one user turn saves ~5 tokens an example but lost
/// a third of the right answers: docs/ask.md.)
public struct PromptBuilder: Sendable {
  public let instructions: String
  public let tokenizer: BPETokenizer
  /// The header's token count (the header ends with a special token, so its tokens are a prefix
  /// of every prompt's).
  private let headerTokenCount: Int

  public static let defaultInstructions =
    "Translate the cricket question into one cricq query. Reply with the query only."

  public init(tokenizer: BPETokenizer, instructions: String = PromptBuilder.defaultInstructions) {
    self.tokenizer = tokenizer
    self.instructions = instructions
    headerTokenCount = tokenizer.encode(ChatTemplate.turn(.system, instructions)).count
  }

  /// The instruction header: the system turn.
  public var header: String { ChatTemplate.turn(.system, instructions) }

  public func prompt(examples: [FewShotExample], question: String) -> Prompt {
    var text = header
    for example in examples {
      text += ChatTemplate.turn(.user, example.question)
      text += ChatTemplate.turn(.assistant, example.dsl)
    }
    text += ChatTemplate.turn(.user, question)
    text += ChatTemplate.assistantOpening
    return Prompt(text: text, tokens: tokenizer.encode(text), headerTokenCount: headerTokenCount)
  }
}
