import Foundation

/// A token the decoder might have chosen instead, with its probabilities.
public struct Alternative: Sendable, Equatable {
  public var token: Int
  public var text: String
  /// log₂ probability under the model's full distribution.
  public var rawLog2Prob: Double
  /// log₂ probability under the grammar-masked, renormalised distribution.
  public var maskedLog2Prob: Double
}

/// Facts about the next-token distribution at one position, before and after the grammar mask.
public struct StepDistribution: Sendable, Equatable {
  /// log₂ probability of the chosen (or gold) token under the full distribution.
  public var rawLog2Prob: Double
  /// log₂ probability under the masked distribution; -infinity when the grammar rejects it.
  public var maskedLog2Prob: Double
  /// Entropy in bits of the full distribution over the vocabulary.
  public var rawEntropyBits: Double
  /// Entropy in bits of the masked, renormalised distribution.
  public var maskedEntropyBits: Double
  /// Probability mass the full distribution puts on tokens the grammar allows (incl. stop).
  public var allowedMass: Double
  /// How many tokens the grammar allows here (ordinary tokens plus stop tokens).
  public var allowedCount: Int
  /// The most likely allowed tokens, best first.
  public var alternatives: [Alternative]

  public var rawProbability: Double { exp2(rawLog2Prob) }
  public var maskedProbability: Double { exp2(maskedLog2Prob) }
}

/// One generated token.
public struct TokenStep: Sendable, Equatable {
  public var token: Int
  /// The token's bytes as text (a token may hold part of a multi-byte character).
  public var text: String
  /// The distribution it was chosen from; nil when the grammar forced it and the model was not
  /// run for it ("jump forward"), or for the stop token when stopping was forced.
  public var distribution: StepDistribution?

  public var isForced: Bool { distribution == nil }
}

/// Where decode time went.
public struct DecodeTiming: Sendable, Equatable {
  /// Prompt tokens fed to the model (after the reused prefix).
  public var promptTokensFed = 0
  /// Prompt tokens taken from the cached prefix.
  public var promptTokensReused = 0
  public var forwardCalls = 0
  /// Forward calls after the prompt (each verifies a draft when decoding speculatively).
  public var generateForwardCalls = 0
  /// Draft tokens fed for verification, and how many of them greedy decoding then chose.
  public var draftedTokens = 0
  public var acceptedDraftTokens = 0
  public var promptSeconds = 0.0
  /// Forward passes after the prompt.
  public var generateForwardSeconds = 0.0
  /// Computing allowed sets (trie walks and cache look-ups) and forced runs.
  public var maskSeconds = 0.0
  /// Softmax, entropies and choosing among allowed tokens.
  public var scoringSeconds = 0.0
  public var totalSeconds = 0.0

  /// The mask's share of decode time after the prompt.
  public var maskShare: Double {
    let decode = generateForwardSeconds + maskSeconds + scoringSeconds
    return decode > 0 ? maskSeconds / decode : 0
  }
}

/// A complete, grammar-valid output.
public struct Generation: Sendable {
  /// The DSL text (without the stop token).
  public var text: String
  /// Every generated token, the final stop token included.
  public var steps: [TokenStep]
  /// Sum of log₂ probabilities of the model-chosen tokens under the full distribution (NaN
  /// unless `DecodingOptions.rawStatistics` or beam search).
  public var rawLog2Prob: Double
  /// Sum of log₂ probabilities under the masked distributions.
  public var maskedLog2Prob: Double
  /// The lowest masked probability of a model-chosen token (1 when every token was forced): the
  /// abstention signal (a low value predicts a wrong query).
  public var minProbability: Double
  /// Mean masked probability of model-chosen tokens.
  public var meanProbability: Double
  public var timing: DecodeTiming

  init(text: String, steps: [TokenStep], timing: DecodeTiming) {
    self.text = text
    self.steps = steps
    self.timing = timing
    let chosen = steps.compactMap(\.distribution)
    rawLog2Prob = chosen.reduce(0) { $0 + $1.rawLog2Prob }
    maskedLog2Prob = chosen.reduce(0) { $0 + $1.maskedLog2Prob }
    minProbability = chosen.map(\.maskedProbability).min() ?? 1
    meanProbability =
      chosen.isEmpty ? 1 : chosen.reduce(0) { $0 + $1.maskedProbability } / Double(chosen.count)
  }
}

/// How to decode.
public struct DecodingOptions: Sendable {
  public enum Strategy: Sendable, Equatable {
    case greedy
    /// Keeps the `width` best partial outputs by total log-probability under the model (full
    /// distribution). Runs the model for every token: `jumpForward` does not apply.
    case beam(width: Int)
  }

  public var strategy: Strategy = .greedy
  /// Most tokens to generate (stop token included) before giving up.
  public var maxTokens = 128
  /// Append tokens the grammar forces without running the model.
  public var jumpForward = true
  /// Greedy only: guess the next tokens (the grammar's forced tokens, continuations of the
  /// output found in `draft` or the prompt's examples) and check the guesses with one forward
  /// pass over all of them. The output and every step's figures are those of plain greedy.
  public var speculative = true
  /// Text the output probably resembles (the study passes the gold DSL), drafted first.
  public var draft: String?
  /// Record the raw (unmasked) figures of every step (`rawLog2Prob`, `rawEntropyBits`,
  /// `allowedMass`, alternatives' raw probabilities). They need the logits of the whole
  /// vocabulary; without them, greedy decoding computes only the allowed tokens' logits when
  /// few are allowed, and those figures are NaN. Beam search always records them.
  public var rawStatistics = false
  /// How many alternatives to record per step.
  public var alternatives = 3
  /// Asked before each token (and before and after the prompt pass): returning true ends the
  /// generation with `GenerationError.cancelled` (the REPL's Ctrl-C).
  public var shouldStop: (@Sendable () -> Bool)?

  public init(
    strategy: Strategy = .greedy, maxTokens: Int = 128, jumpForward: Bool = true,
    speculative: Bool = true, draft: String? = nil, rawStatistics: Bool = false,
    alternatives: Int = 3, shouldStop: (@Sendable () -> Bool)? = nil
  ) {
    self.strategy = strategy
    self.maxTokens = maxTokens
    self.jumpForward = jumpForward
    self.speculative = speculative
    self.draft = draft
    self.rawStatistics = rawStatistics
    self.alternatives = alternatives
    self.shouldStop = shouldStop
  }

  /// Throws `GenerationError.cancelled` when `shouldStop` says so.
  func checkStop() throws(GenerationError) {
    if shouldStop?() == true { throw .cancelled }
  }
}

/// Why no output was produced. The decoder never returns text the grammar rejects.
public enum GenerationError: Error, CustomStringConvertible, Equatable {
  /// The token budget ran out before the output was complete.
  case budgetExhausted(maxTokens: Int, partial: String)
  /// The grammar allows no token here and the text is not complete (a grammar that cannot be
  /// finished from this state).
  case deadEnd(partial: String)
  case promptTooLong(tokens: Int, capacity: Int)
  case invalidOptions(String)
  /// `DecodingOptions.shouldStop` asked to stop (the user pressed Ctrl-C).
  case cancelled

  public var description: String {
    switch self {
    case .budgetExhausted(let maxTokens, let partial):
      "no complete query within \(maxTokens) tokens; the model had written \"\(partial)\""
    case .deadEnd(let partial):
      "the grammar allows no continuation of \"\(partial)\", which is not a complete query"
    case .promptTooLong(let tokens, let capacity):
      "the prompt has \(tokens) tokens, but the model's cache holds \(capacity)"
    case .invalidOptions(let reason):
      reason
    case .cancelled:
      "cancelled"
    }
  }
}
