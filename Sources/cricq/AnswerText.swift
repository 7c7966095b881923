import DSL
import Foundation
import Pipeline

/// The human-readable form of an `Answer`: the table, the one-line answer, the scope and the DSL
/// underneath; or why there is no answer and what to try instead.
enum AnswerText {
  /// Token probabilities below this are marked `!` in `--explain`.
  static let lowTokenProbability = 0.5

  static func render(_ answer: Answer, explain: Bool) -> String {
    var lines: [String] = []
    if explain { lines += explanation(answer) }
    if let abstention = answer.abstention {
      lines.append("Not answered: \(abstention.reason)")
      // Unreadable input is not echoed back (it may be control bytes or a whole document).
      if abstention.kind != .unreadable, answer.understood.normalized != answer.question {
        lines.append("Understood: \(answer.understood.normalized)")
      }
      if let dsl = answer.dsl ?? answer.maskedDSL { lines.append("Tentative query: \(dsl)") }
      if !abstention.closestQuestions.isEmpty {
        lines.append("Questions like these can be answered:")
        lines += abstention.closestQuestions.map { "  - \($0)" }
      }
      return lines.joined(separator: "\n")
    }
    if let result = answer.result { lines.append(result.table()) }
    lines.append("")
    if let sentence = answer.sentence { lines.append(sentence) }
    if let scope = answer.scope { lines.append(scope) }
    lines.append(String(format: "DSL: %@   (confidence %.2f)", answer.dsl ?? "", answer.confidence))
    lines += answer.fixes.map { "  fixed: \($0)" }
    return lines.joined(separator: "\n")
  }

  static func explanation(_ answer: Answer) -> [String] {
    var lines = ["Understood: \(answer.understood.masked)"]
    for b in answer.understood.bindings {
      lines.append(
        String(format: "  %@ = %@ (%@, %.2f)", b.placeholder, b.value, b.matchedBy, b.score))
    }
    lines.append("Examples:")
    for e in answer.examples {
      lines.append(
        String(format: "  %.3f  %@\n         %@", e.similarity, e.maskedQuestion, e.maskedDSL))
    }
    if let masked = answer.maskedDSL {
      lines.append("Generated: \(masked)")
      let tokens = answer.tokens.map { t -> String in
        guard let p = t.probability else { return "[\(t.text)]" }
        return String(format: "%@%@%.2f", t.text, p < lowTokenProbability ? "!" : "@", p)
      }
      lines.append("Tokens ([forced], text@probability, ! below \(lowTokenProbability)):")
      lines.append("  " + tokens.joined(separator: " "))
    }
    if let sql = answer.sql {
      lines.append("SQL: \(sql)")
      for (i, p) in answer.parameters.enumerated() { lines.append("  ?\(i + 1) = \(p)") }
    }
    lines.append(
      "Timings (ms): "
        + answer.timings.stages.map { String(format: "%@ %.1f", $0.0, $0.1) }.joined(
          separator: ", ")
        + "; prompt \(answer.timings.promptTokens) tokens (\(answer.timings.promptTokensReused) reused)"
    )
    lines.append("")
    return lines
  }
}
