/// One token of a gold output under teacher forcing.
public struct GoldStep: Sendable, Equatable {
  public var token: Int
  public var text: String
  /// The next-token distribution before this token, with the gold token as the chosen one:
  /// `rawProbability` is the mass on the gold token. After the grammar has rejected the gold text
  /// (`TeacherForcedScore.rejectedAt`), the masked figures are NaN / -infinity.
  public var distribution: StepDistribution
}

/// How the model scores a known-correct output, from one batched forward pass over it.
public struct TeacherForcedScore: Sendable {
  /// One per gold token, the final stop token included.
  public var steps: [GoldStep]
  /// Index of the first gold token the grammar rejects, if any (a gold query outside the
  /// grammar, or a tokenisation the grammar cannot follow).
  public var rejectedAt: Int?
  public var timing: DecodeTiming

  /// Total log₂ probability of the gold tokens under the full distributions.
  public var rawLog2Prob: Double { steps.reduce(0) { $0 + $1.distribution.rawLog2Prob } }
  /// Total under the masked distributions (-infinity when rejected).
  public var maskedLog2Prob: Double { steps.reduce(0) { $0 + $1.distribution.maskedLog2Prob } }
  public var meanRawEntropyBits: Double { mean(\.rawEntropyBits) }
  /// NaN when the grammar rejected the gold text.
  public var meanMaskedEntropyBits: Double { mean(\.maskedEntropyBits) }
  /// Mean probability mass on the gold token under the full distribution.
  public var meanGoldProbability: Double { mean(\.rawProbability) }

  private func mean(_ value: KeyPath<StepDistribution, Double>) -> Double {
    steps.isEmpty ? 0 : steps.reduce(0) { $0 + $1.distribution[keyPath: value] } / Double(steps.count)
  }
}
