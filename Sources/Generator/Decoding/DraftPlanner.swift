import Foundation

/// How much of a draft to verify, from what drafts have cost and earned so far.
///
/// A forward pass over T tokens is modelled as costing `a + b·T` seconds (least squares over
/// recent passes). Each guessed token is accepted with the rate seen so far for its source, and
/// only if every token before it was (forced tokens are always right). Feeding draft token i
/// saves a pass (a) if it is an accepted guess, and wastes b if it is rejected: the prefix with
/// the largest expected saving is fed. With per-token kernels a pass costs about T single-token
/// passes (b ≫ a) and drafts stay short or empty; when batches become cheap (b ≪ a) they grow
/// by themselves.
final class DraftPlanner {
  /// Where a draft token came from.
  enum Source: Int, CaseIterable {
    /// The grammar allows only this token.
    case forced
    /// The caller's draft.
    case supplied
    /// Prompt lookup.
    case prompt
  }

  /// Recent passes: (tokens fed, seconds).
  private var passes: [(tokens: Int, seconds: Double)] = []
  static let passesKept = 64
  /// Accepted and offered guesses per source, starting from one of each (a rate of 1/2).
  private var accepted = [1.0, 1.0, 1.0]
  private var offered = [2.0, 2.0, 2.0]

  func record(tokens: Int, seconds: Double) {
    passes.append((tokens, seconds))
    if passes.count > Self.passesKept { passes.removeFirst() }
  }

  func record(_ source: Source, accepted wasAccepted: Bool) {
    guard source != .forced else { return }
    offered[source.rawValue] += 1
    if wasAccepted { accepted[source.rawValue] += 1 }
  }

  /// The survival rate of a guess from `source`.
  func acceptance(_ source: Source) -> Double {
    source == .forced ? 1 : accepted[source.rawValue] / offered[source.rawValue]
  }

  /// (a, b) of the pass cost a + b·T: least squares over the recent passes, with the fixed part
  /// at least 0 and the per-token part at least 0. Nil until the passes have two different T.
  func costModel() -> (fixed: Double, perToken: Double)? {
    guard passes.count >= 2 else { return nil }
    let n = Double(passes.count)
    let meanT = passes.map { Double($0.tokens) }.reduce(0, +) / n
    let meanS = passes.map(\.seconds).reduce(0, +) / n
    var covariance = 0.0
    var variance = 0.0
    for pass in passes {
      covariance += (Double(pass.tokens) - meanT) * (pass.seconds - meanS)
      variance += (Double(pass.tokens) - meanT) * (Double(pass.tokens) - meanT)
    }
    guard variance > 0 else { return nil }
    let slope = max(0, covariance / variance)
    return (max(0, meanS - slope * meanT), slope)
  }

  /// How many of `draft`'s tokens to feed.
  func length(of draft: [Source]) -> Int {
    guard !draft.isEmpty else { return 0 }
    // Without a cost model, feed nothing: plain passes (of 1 to a few tokens, with the forced
    // ones) are what the model is fitted to.
    guard let (a, b) = costModel() else { return 0 }
    var best = 0
    var bestSaving = 0.0
    var saving = 0.0
    var survival = 1.0
    for (index, source) in draft.enumerated() {
      survival *= acceptance(source)
      saving += (source == .forced ? 0 : a * survival) - b * (1 - survival)
      if saving > bestSaving {
        best = index + 1
        bestSaving = saving
      }
    }
    return best
  }
}
