import DSL
/// A mean with its 95 % percentile-bootstrap interval.
public struct Estimate: Sendable, Equatable {
  public var mean: Double
  public var low: Double
  public var high: Double
  public var count: Int
}

public enum Bootstrap {
  /// The mean of `values` and a 95 % percentile interval from `resamples` resamples with
  /// replacement, drawn from a generator seeded with `seed` (deterministic for a seed).
  public static func meanInterval(
    _ values: [Double], resamples: Int = 2000, seed: UInt64 = 1
  ) -> Estimate {
    guard !values.isEmpty else { return Estimate(mean: .nan, low: .nan, high: .nan, count: 0) }
    let n = values.count
    let mean = values.reduce(0, +) / Double(n)
    var rng = SeededGenerator(seed: seed)
    var means = [Double]()
    means.reserveCapacity(resamples)
    for _ in 0..<resamples {
      var sum = 0.0
      for _ in 0..<n { sum += values[Int.random(in: 0..<n, using: &rng)] }
      means.append(sum / Double(n))
    }
    means.sort()
    let low = means[Int(Double(resamples) * 0.025)]
    let high = means[min(resamples - 1, Int(Double(resamples) * 0.975))]
    return Estimate(mean: mean, low: low, high: high, count: n)
  }
}
