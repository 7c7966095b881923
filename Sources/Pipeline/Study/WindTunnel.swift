import DSL
import Foundation
import Generator

/// The study's wind tunnel: a task whose Bayes-optimal answer is known exactly.
///
/// Each trial draws a one-to-one code (measure → nonsense word) and k examples "most <measure>
/// in <year>" → `top 5 players by <word> where year = <year>`; the question asks for a measure.
/// The exact posterior over the code words is `WindTunnelPosterior.exact`; the model's is its
/// probability of each word after `top 5 players by`, normalised over the words.
public struct WindTunnel {
  public static let measures = [
    "runs", "wickets", "sixes", "fours", "hundreds", "fifties", "ducks", "catches",
  ]
  public static let words = ["zorp", "blick", "fep", "dax", "wug", "tupa", "mib", "kesh"]
  static let instructions =
    "Translate the cricket question into one query. Every measure is written with its own code "
    + "word; the examples show the code."

  /// One trial at one k.
  public struct Measurement: Sendable {
    public var trial: Int
    public var k: Int
    /// Whether an example showed the queried measure's word.
    public var shown: Bool
    public var exactEntropy: Double
    public var modelEntropy: Double
    public var klBits: Double
    /// The model's total probability on the candidate words (before normalising over them).
    public var candidateMass: Double
    /// When the measure was not shown: the model's (normalised) probability on words the
    /// examples used for other measures, which the exact posterior rules out (copying).
    public var usedWordMass: Double
  }

  public let generator: DSLGenerator

  public init(generator: DSLGenerator) { self.generator = generator }

  /// `trials` trials at every k in `ks`, reproducible for `seed`.
  public func run(
    ks: [Int], trials: Int, seed: UInt64, progress: (Int) -> Void = { _ in }
  ) throws -> [Measurement] {
    let tokenizer = generator.tokenizer
    let session = try generator.model.makeSession(capacity: 2048)
    var held: [Int] = []
    let candidates = Self.words.map { tokenizer.encodeOrdinary(" " + $0) }
    var out: [Measurement] = []
    for trial in 0..<trials {
      var rng = SeededGenerator(seed: seed &+ UInt64(trial) &* 0x9E37_79B9)
      let code = Dictionary(
        uniqueKeysWithValues: zip(Self.measures, Self.words.shuffled(using: &rng)))
      let largest = ks.max() ?? 0
      let shownMeasures = (0..<largest).map { _ in Self.measures.randomElement(using: &rng)! }
      let years = (0...largest).map { _ in Int.random(in: 2005...2024, using: &rng) }
      let queried = Self.measures.randomElement(using: &rng)!
      for k in ks.sorted() {
        var text = ChatTemplate.turn(.system, Self.instructions)
        for i in 0..<k {
          text += ChatTemplate.turn(.user, "most \(shownMeasures[i]) in \(years[i])")
          text += ChatTemplate.turn(
            .assistant, "top 5 players by \(code[shownMeasures[i]]!) where year = \(years[i])")
        }
        text += ChatTemplate.turn(.user, "most \(queried) in \(years[largest])")
        text += ChatTemplate.assistantOpening + "top 5 players by"
        let tokens = tokenizer.encode(text)
        // Reuse the cached prefix (the examples shared with the previous k).
        var shared = 0
        while shared < min(held.count, tokens.count - 1), held[shared] == tokens[shared] {
          shared += 1
        }
        session.truncate(to: shared)
        let last = try session.feed(Array(tokens[shared...]))
        held = tokens
        var scores: [Double] = []
        for candidate in candidates {
          var logProb = Self.logProbability(of: candidate[0], logits: last)
          if candidate.count > 1 {
            let after = try session.feedAll(Array(candidate.dropLast()))
            session.truncate(to: tokens.count)
            for (i, logits) in after.enumerated() {
              logProb += Self.logProbability(of: candidate[i + 1], logits: logits)
            }
          }
          scores.append(logProb)
        }
        let shown = Array(zip(shownMeasures.prefix(k), shownMeasures.prefix(k).map { code[$0]! }))
        let exact = WindTunnelPosterior.exact(
          words: Self.words, shown: shown.map { (measure: $0.0, word: $0.1) }, queried: queried)
        let model = InformationMeasures.softmax(logScores: scores)
        let isShown = shownMeasures.prefix(k).contains(queried)
        let usedWords = Set(shown.map(\.1))
        let usedMass = zip(Self.words, model).filter { usedWords.contains($0.0) }.map(\.1)
          .reduce(0, +)
        out.append(
          Measurement(
            trial: trial, k: k, shown: isShown,
            exactEntropy: InformationMeasures.entropyBits(exact),
            modelEntropy: InformationMeasures.entropyBits(model),
            klBits: InformationMeasures.klBits(exact, model),
            candidateMass: scores.map { exp($0) }.reduce(0, +),
            usedWordMass: isShown ? .nan : usedMass))
      }
      progress(trial + 1)
    }
    return out
  }

  /// Natural-log probability of `token` under the softmax of `logits` (the whole vocabulary).
  static func logProbability(of token: Int, logits: [Float]) -> Double {
    let top = Double(logits.max() ?? 0)
    var sum = 0.0
    for value in logits { sum += exp(Double(value) - top) }
    return Double(logits[token]) - top - log(sum)
  }
}
