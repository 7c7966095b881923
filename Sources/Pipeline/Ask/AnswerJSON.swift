import CricketDB
import DSL
import Foundation

extension Answer {
  /// The stable JSON object of `cricq --json` (schema in docs/ask.md).
  public var jsonObject: [String: Any] {
    var timingsObject: [String: Any] = [:]
    for (name, ms) in timings.stages { timingsObject[name] = (ms * 10).rounded() / 10 }
    return [
      "question": question,
      "normalized": understood.normalized,
      "masked": understood.masked,
      "bindings": understood.bindings.map {
        [
          "placeholder": $0.placeholder, "kind": $0.kind.rawValue, "value": $0.value,
          "score": $0.score,
        ]
      },
      "masked_dsl": maskedDSL ?? NSNull(),
      "dsl": dsl ?? NSNull(),
      "fixes": fixes,
      "sql": sql ?? NSNull(),
      "parameters": parameters,
      "columns": columns.map { ["name": $0.name, "type": $0.type.rawValue] },
      "rows": rows.map { $0.map(\.jsonValue) },
      "answer": sentence ?? NSNull(),
      "scope": scope ?? NSNull(),
      "confidence": confidence,
      "abstained": abstained,
      "abstention": abstention.map {
        [
          "kind": $0.kind.rawValue, "reason": $0.reason, "suggestions": $0.suggestions,
          "closest_questions": $0.closestQuestions,
        ] as [String: Any]
      } ?? NSNull(),
      "examples": examples.map {
        [
          "question": $0.question, "dsl": $0.dsl, "masked_question": $0.maskedQuestion,
          "masked_dsl": $0.maskedDSL, "similarity": ($0.similarity * 1000).rounded() / 1000,
        ]
      },
      "tokens": tokens.map {
        ["text": $0.text, "probability": $0.probability.map { $0 as Any } ?? NSNull()]
          as [String: Any]
      },
      "timings_ms": timingsObject,
    ]
  }

  /// `jsonObject` as text, keys sorted.
  public func json() -> String {
    let data =
      (try? JSONSerialization.data(
        withJSONObject: jsonObject, options: [.sortedKeys, .withoutEscapingSlashes]))
      ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
