import CricketDB
import DSL
import Understanding

/// Everything `QuestionAnswerer.answer` learned about one question, answered or not.
public struct Answer: Sendable {
  public var question: String
  public var understood: UnderstoodQuestion
  /// The retrieved examples, most similar first.
  public var examples: [RetrievedExample]
  /// The model's DSL with placeholders, and with the linked values bound in.
  public var maskedDSL: String?
  public var dsl: String?
  /// Deterministic corrections applied after decoding ("format = ODI: the question says ODI").
  public var fixes: [String]
  public var sql: String?
  public var parameters: [String]
  /// The rows, when the query ran.
  public var result: QueryResult?
  /// "CH Gayle has the most sixes …: 56".
  public var sentence: String?
  /// Which matches the answer covers, defaults included ("all formats: Test, ODI, T20I, IPL").
  public var scope: String?
  /// The lowest probability the model gave a token it chose (masked), 0–1.
  public var confidence: Double
  public var tokens: [TokenConfidence]
  public var abstention: Abstention?
  public var timings: StageTimings

  public var abstained: Bool { abstention != nil }
  public var columns: [ResultColumn] { result?.columns ?? [] }
  public var rows: [[SQLValue]] { result?.rows ?? [] }
}

/// An example shown to the model.
public struct RetrievedExample: Sendable, Equatable {
  public var question: String
  public var maskedQuestion: String
  public var dsl: String
  public var maskedDSL: String
  public var similarity: Double
}

/// One generated token and how sure the model was of it.
public struct TokenConfidence: Sendable, Equatable {
  public var text: String
  /// Masked probability of the chosen token; nil when the grammar forced it.
  public var probability: Double?
}

/// Why no answer is given, and what to do about it.
public struct Abstention: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// A name matched several people, teams or grounds equally well.
    case ambiguous
    /// A capitalised word matched nothing ("did you mean").
    case unknownName = "unknown_name"
    /// Not a question cricq can read: empty, too long, not text, another script.
    case unreadable
    /// Outside the data: women's cricket, years before 2001, opinions.
    case outOfScope = "out_of_scope"
    /// No query that fits the question could be written.
    case noQuery = "no_query"
    /// A query was written but the model was unsure of it.
    case lowConfidence = "low_confidence"
    /// The query gives a different measure from the one the question names.
    case wrongMeasure = "wrong_measure"
    /// The query did not validate or run.
    case invalidQuery = "invalid_query"
  }

  public var kind: Kind
  public var reason: String
  /// Names to choose from (ambiguity) or near names (unknown name).
  public var suggestions: [String]
  /// The closest solved questions, to rephrase after.
  public var closestQuestions: [String]
}

/// Milliseconds per stage.
public struct StageTimings: Sendable, Equatable {
  public var link = 0.0
  public var retrieve = 0.0
  public var prompt = 0.0
  public var prefill = 0.0
  public var decode = 0.0
  public var execute = 0.0
  public var total = 0.0
  public var promptTokens = 0
  public var promptTokensReused = 0
  public var generatedTokens = 0

  public init() {}

  /// Stage name → milliseconds, in pipeline order.
  public var stages: [(String, Double)] {
    [
      ("link", link), ("retrieve", retrieve), ("prompt", prompt), ("prefill", prefill),
      ("decode", decode), ("execute", execute), ("total", total),
    ]
  }
}
