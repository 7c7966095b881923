import Foundation

/// Log-softmax facts over a logit vector, computed in Double.
struct LogitStatistics {
  /// log(Σ exp(logit)) over the set, in nats.
  let logNormaliser: Double
  /// Entropy of the softmax over the set, in bits.
  let entropyBits: Double

  static let log2e = 1.4426950408889634

  /// Over every logit. In Float, four lanes at a time (the whole vocabulary, every step), with
  /// the sums in Double.
  init(_ logits: [Float]) {
    var maximum = -Float.infinity
    for value in logits where value > maximum { maximum = value }
    var sum = 0.0
    var weighted = 0.0
    logits.withUnsafeBufferPointer { buffer in
      var s = SIMD4<Float>(repeating: 0)
      var w = SIMD4<Float>(repeating: 0)
      var index = 0
      // Partial sums stay short (1,024 values) so Float rounding does not build up.
      while index < buffer.count {
        let end = min(buffer.count, index + 1024)
        while index + 4 <= end {
          let shifted = SIMD4(buffer[index] - maximum, buffer[index + 1] - maximum,
            buffer[index + 2] - maximum, buffer[index + 3] - maximum)
          let e = SIMD4(expf(shifted[0]), expf(shifted[1]), expf(shifted[2]), expf(shifted[3]))
          s += e
          w += e * shifted
          index += 4
        }
        while index < end {
          let shifted = buffer[index] - maximum
          let e = expf(shifted)
          s[0] += e
          w[0] += e * shifted
          index += 1
        }
        sum += Double(s.sum())
        weighted += Double(w.sum())
        s = .zero
        w = .zero
      }
    }
    self.init(maximum: Double(maximum), sum: sum, weighted: weighted)
  }

  /// Over the logits at `indices`.
  init(_ logits: [Float], indices: [Int32]) {
    self.init(values: indices.lazy.map { logits[Int($0)] })
  }

  /// Over `values`, in Double, in their order.
  init<Values: Collection<Float>>(values: Values) {
    var maximum = -Float.infinity
    for value in values where value > maximum { maximum = value }
    var sum = 0.0
    var weighted = 0.0
    let m = Double(maximum)
    for value in values {
      let shifted = Double(value) - m
      let e = exp(shifted)
      sum += e
      weighted += e * shifted
    }
    self.init(maximum: m, sum: sum, weighted: weighted)
  }

  /// With p = exp(shifted)/sum: H = log(sum) - Σ p·shifted (nats).
  private init(maximum: Double, sum: Double, weighted: Double) {
    guard sum > 0, maximum.isFinite else {
      logNormaliser = -.infinity
      entropyBits = 0
      return
    }
    logNormaliser = maximum + log(sum)
    entropyBits = max(0, (log(sum) - weighted / sum) * Self.log2e)
  }

  func log2Prob(_ logit: Float) -> Double {
    (Double(logit) - logNormaliser) * Self.log2e
  }
}

extension StepDistribution {
  /// The distribution facts for choosing `token` (which may be disallowed, as in teacher forcing)
  /// given `logits`, the allowed ordinary tokens and the stop tokens (when stopping is allowed).
  init(
    logits: [Float], token: Int, allowed: [Int32], raw: LogitStatistics, alternatives: Int,
    text: (Int) -> String
  ) {
    let masked = LogitStatistics(logits, indices: allowed)
    let isAllowed = allowed.contains(Int32(token))
    rawLog2Prob = raw.log2Prob(logits[token])
    maskedLog2Prob = isAllowed ? masked.log2Prob(logits[token]) : -.infinity
    rawEntropyBits = raw.entropyBits
    maskedEntropyBits = masked.entropyBits
    allowedMass = exp(masked.logNormaliser - raw.logNormaliser)
    allowedCount = allowed.count
    self.alternatives = StepDistribution.best(alternatives, of: allowed, logits: logits).map {
      Alternative(
        token: Int($0), text: text(Int($0)), rawLog2Prob: raw.log2Prob(logits[Int($0)]),
        maskedLog2Prob: masked.log2Prob(logits[Int($0)]))
    }
  }

  /// The facts for choosing `candidates[chosen]` from the logits of the candidates alone
  /// (`values[i]` is candidates[i]'s logit): the masked facts only, the raw ones (which need
  /// the whole vocabulary) are NaN.
  init(
    candidateLogits values: [Float], candidates: [Int32], chosen: Int, alternatives: Int,
    text: (Int) -> String
  ) {
    let masked = LogitStatistics(values: values)
    rawLog2Prob = .nan
    maskedLog2Prob = masked.log2Prob(values[chosen])
    rawEntropyBits = .nan
    maskedEntropyBits = masked.entropyBits
    allowedMass = .nan
    allowedCount = candidates.count
    self.alternatives = StepDistribution.bestPositions(alternatives, values: values).map {
      Alternative(
        token: Int(candidates[$0]), text: text(Int(candidates[$0])), rawLog2Prob: .nan,
        maskedLog2Prob: masked.log2Prob(values[$0]))
    }
  }

  /// The `count` tokens of `candidates` with the highest logits, best first (ties: the earlier
  /// candidate).
  static func best(_ count: Int, of candidates: [Int32], logits: [Float]) -> [Int32] {
    bestPositions(count, values: candidates.map { logits[Int($0)] }).map { candidates[$0] }
  }

  /// Positions of the `count` highest values, best first (ties: the earlier position).
  static func bestPositions(_ count: Int, values: [Float]) -> [Int] {
    guard count > 0 else { return [] }
    var top: [Int] = []
    for (position, value) in values.enumerated() {
      if top.count == count, value <= values[top[count - 1]] { continue }
      var slot = top.count
      while slot > 0, values[top[slot - 1]] < value { slot -= 1 }
      top.insert(position, at: slot)
      if top.count > count { top.removeLast() }
    }
    return top
  }
}
