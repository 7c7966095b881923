import Foundation

/// Entropy and divergence in bits over small discrete distributions.
public enum InformationMeasures {
  /// Shannon entropy in bits of a distribution given by probabilities (zeros allowed).
  public static func entropyBits(_ p: [Double]) -> Double {
    var h = 0.0
    for x in p where x > 0 { h -= x * log2(x) }
    return h
  }

  /// KL(p ‖ q) in bits. Infinite when q is zero where p is not.
  public static func klBits(_ p: [Double], _ q: [Double]) -> Double {
    precondition(p.count == q.count, "distributions over different supports")
    var d = 0.0
    for (a, b) in zip(p, q) where a > 0 {
      if b <= 0 { return .infinity }
      d += a * log2(a / b)
    }
    return d
  }

  /// Probabilities from natural-log scores, normalised over the given candidates only.
  public static func softmax(logScores: [Double]) -> [Double] {
    guard let top = logScores.max(), top.isFinite else {
      return Array(repeating: 1 / Double(max(logScores.count, 1)), count: logScores.count)
    }
    let e = logScores.map { exp($0 - top) }
    let sum = e.reduce(0, +)
    return e.map { $0 / sum }
  }
}
