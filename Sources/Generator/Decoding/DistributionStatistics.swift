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
    var maximum = -Float.infinity
    for index in indices where logits[Int(index)] > maximum { maximum = logits[Int(index)] }
    var sum = 0.0
    var weighted = 0.0
    let m = Double(maximum)
    for index in indices {
      let shifted = Double(logits[Int(index)]) - m
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

  /// The `count` tokens of `candidates` with the highest logits, best first (ties: lower id).
  static func best(_ count: Int, of candidates: [Int32], logits: [Float]) -> [Int32] {
    guard count > 0 else { return [] }
    var top: [Int32] = []
    for candidate in candidates {
      let value = logits[Int(candidate)]
      if top.count == count, value <= logits[Int(top[count - 1])] { continue }
      var position = top.count
      while position > 0, logits[Int(top[position - 1])] < value { position -= 1 }
      top.insert(candidate, at: position)
      if top.count > count { top.removeLast() }
    }
    return top
  }
}
