import Foundation

/// One cell of the study: one question, one k, one selection, one model. A row of results.csv.
public struct StudyRow: Sendable, Equatable {
  public struct Key: Hashable, Sendable {
    public var model: String
    public var selection: String
    public var k: Int
    public var questionID: String
  }

  /// Teacher-forced figures over the tokens of one role (NaN when the gold query has none).
  public struct RoleFigures: Sendable, Equatable {
    public var tokens = 0
    public var rawEntropy = Double.nan
    public var maskedEntropy = Double.nan
    public var goldLog2Prob = Double.nan
  }

  public var key: Key
  /// Ids of the examples in prompt order.
  public var exampleIDs: [String]
  public var promptTokens: Int
  /// What the model wrote (placeholders kept), or empty when decoding failed.
  public var generated: String
  /// Why the answer could not be compared, empty when it ran: a decoding, validation or
  /// execution error.
  public var failure: String
  /// Rows equal the gold query's rows.
  public var executionCorrect: Bool
  /// Canonical text equal to the gold query's (after binding placeholders).
  public var exactMatch: Bool
  public var generateSeconds: Double
  public var scoreSeconds: Double
  /// Gold tokens, stop token included.
  public var goldTokens: Int
  /// Whether the per-question grammar accepts the masked gold query (else masked figures are
  /// NaN: the gold needs a name the linker did not find).
  public var goldInGrammar: Bool
  public var rawEntropy: Double
  public var maskedEntropy: Double
  public var goldLog2Prob: Double
  public var goldProbability: Double
  public var roles: [TokenRole: RoleFigures]

  public var goldLog2ProbPerToken: Double { goldLog2Prob / Double(max(goldTokens, 1)) }

  public static var header: [String] {
    [
      "model", "selection", "k", "question_id", "examples", "prompt_tokens", "generated",
      "failure", "exec_correct", "exact_match", "generate_s", "score_s", "gold_tokens",
      "gold_in_grammar", "raw_entropy_bits", "masked_entropy_bits", "gold_log2prob",
      "gold_log2prob_per_token", "gold_prob",
    ]
      + TokenRole.allCases.flatMap {
        [
          "\($0.rawValue)_tokens", "\($0.rawValue)_raw_entropy", "\($0.rawValue)_masked_entropy",
          "\($0.rawValue)_gold_log2prob",
        ]
      }
  }

  public var fields: [String] {
    func number(_ x: Double) -> String { x.isFinite ? String(format: "%.5g", x) : "" }
    var out = [
      key.model, key.selection, String(key.k), key.questionID, exampleIDs.joined(separator: " "),
      String(promptTokens), generated, failure, executionCorrect ? "1" : "0",
      exactMatch ? "1" : "0", String(format: "%.3f", generateSeconds),
      String(format: "%.3f", scoreSeconds), String(goldTokens), goldInGrammar ? "1" : "0",
      number(rawEntropy), number(maskedEntropy), number(goldLog2Prob),
      number(goldLog2ProbPerToken), number(goldProbability),
    ]
    for role in TokenRole.allCases {
      let r = roles[role] ?? RoleFigures()
      out += [
        String(r.tokens), number(r.rawEntropy), number(r.maskedEntropy), number(r.goldLog2Prob),
      ]
    }
    return out
  }

  public struct ParseError: Error, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "results.csv line \(line): \(reason)" }
  }

  /// A row back from its fields (the order of `header`).
  public init(fields: [String], line: Int) throws {
    guard fields.count == Self.header.count else {
      throw ParseError(
        line: line, reason: "expected \(Self.header.count) fields, found \(fields.count)")
    }
    func int(_ i: Int) throws -> Int {
      guard let v = Int(fields[i]) else {
        throw ParseError(
          line: line, reason: "\(Self.header[i]) should be a whole number, found '\(fields[i])'")
      }
      return v
    }
    func double(_ i: Int) throws -> Double {
      if fields[i].isEmpty { return .nan }
      guard let v = Double(fields[i]) else {
        throw ParseError(
          line: line, reason: "\(Self.header[i]) should be a number, found '\(fields[i])'")
      }
      return v
    }
    key = Key(model: fields[0], selection: fields[1], k: try int(2), questionID: fields[3])
    exampleIDs = fields[4].split(separator: " ").map(String.init)
    promptTokens = try int(5)
    generated = fields[6]
    failure = fields[7]
    executionCorrect = try int(8) == 1
    exactMatch = try int(9) == 1
    generateSeconds = try double(10)
    scoreSeconds = try double(11)
    goldTokens = try int(12)
    goldInGrammar = try int(13) == 1
    rawEntropy = try double(14)
    maskedEntropy = try double(15)
    goldLog2Prob = try double(16)
    goldProbability = try double(18)
    roles = [:]
    var i = 19
    for role in TokenRole.allCases {
      roles[role] = RoleFigures(
        tokens: try int(i), rawEntropy: try double(i + 1), maskedEntropy: try double(i + 2),
        goldLog2Prob: try double(i + 3))
      i += 4
    }
  }

  public init(
    key: Key, exampleIDs: [String], promptTokens: Int, generated: String, failure: String,
    executionCorrect: Bool, exactMatch: Bool, generateSeconds: Double, scoreSeconds: Double,
    goldTokens: Int, goldInGrammar: Bool, rawEntropy: Double, maskedEntropy: Double,
    goldLog2Prob: Double, goldProbability: Double, roles: [TokenRole: RoleFigures]
  ) {
    self.key = key
    self.exampleIDs = exampleIDs
    self.promptTokens = promptTokens
    self.generated = generated
    self.failure = failure
    self.executionCorrect = executionCorrect
    self.exactMatch = exactMatch
    self.generateSeconds = generateSeconds
    self.scoreSeconds = scoreSeconds
    self.goldTokens = goldTokens
    self.goldInGrammar = goldInGrammar
    self.rawEntropy = rawEntropy
    self.maskedEntropy = maskedEntropy
    self.goldLog2Prob = goldLog2Prob
    self.goldProbability = goldProbability
    self.roles = roles
  }
}
