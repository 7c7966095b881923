import Foundation
import Generator

/// Where a run's cell time went, summed over the cells computed (k = 0 once): what to cut next.
struct StudyCost {
  private(set) var cells = 0
  /// Feeding prompt tokens not in the KV cache, for decoding and for teacher forcing.
  private(set) var promptSeconds = 0.0
  private(set) var promptTokensFed = 0
  /// Greedy decoding after the prompt: verification passes, masks, choosing.
  private(set) var decodeSeconds = 0.0
  private(set) var decodeForwardCalls = 0
  private(set) var draftedTokens = 0
  private(set) var acceptedDraftTokens = 0
  /// Post-decoding fixes, binding and running the model's query.
  private(set) var judgeSeconds = 0.0
  /// Teacher forcing after its prompt: one batched pass and the full-vocabulary statistics.
  private(set) var teacherForcingSeconds = 0.0

  mutating func add(decoding: DecodeTiming?, judgeSeconds: Double, scoring: DecodeTiming) {
    cells += 1
    if let decoding {
      promptSeconds += decoding.promptSeconds
      promptTokensFed += decoding.promptTokensFed
      decodeSeconds += decoding.totalSeconds - decoding.promptSeconds
      decodeForwardCalls += decoding.generateForwardCalls
      draftedTokens += decoding.draftedTokens
      acceptedDraftTokens += decoding.acceptedDraftTokens
    }
    self.judgeSeconds += judgeSeconds
    promptSeconds += scoring.promptSeconds
    promptTokensFed += scoring.promptTokensFed
    teacherForcingSeconds += scoring.totalSeconds - scoring.promptSeconds
  }

  /// One line: seconds per computed cell in each phase, and the share of each.
  func summary(label: String) -> String {
    let n = Double(max(cells, 1))
    let total = promptSeconds + decodeSeconds + judgeSeconds + teacherForcingSeconds
    func part(_ name: String, _ seconds: Double) -> String {
      String(format: "%@ %.2f s (%.0f %%)", name, seconds / n, 100 * seconds / max(total, 1e-9))
    }
    return String(
      format: "[%@] per computed cell (%d): %@, %@, %@, %@; %.0f prompt tokens fed, "
        + "%.1f verification passes, %d of %d drafted tokens accepted",
      label, cells, part("prompt", promptSeconds), part("decode", decodeSeconds),
      part("judge", judgeSeconds), part("teacher forcing", teacherForcingSeconds),
      Double(promptTokensFed) / n, Double(decodeForwardCalls) / n, acceptedDraftTokens,
      draftedTokens)
  }
}
