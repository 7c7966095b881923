import CricketDB
import DSL
import Foundation

/// One question to evaluate: its gold DSL, or nil when the right behaviour is to abstain.
public struct EvalItem: Sendable, Decodable {
  public var id: String
  public var question: String
  public var dsl: String?

  /// Reads JSON Lines of `{"id", "question", "dsl"}`; `"dsl": null` marks an unanswerable question.
  public static func load(_ url: URL) throws -> [EvalItem] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(separator: "\n").enumerated().compactMap { number, line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { return nil }
      do {
        return try JSONDecoder().decode(EvalItem.self, from: Data(trimmed.utf8))
      } catch {
        throw EvalFileError(
          description:
            "\(url.lastPathComponent):\(number + 1): expected {\"id\", \"question\", \"dsl\"} (\(error))"
        )
      }
    }
  }
}

public struct EvalFileError: Error, CustomStringConvertible {
  public let description: String
}

/// What happened to one question.
public struct EvalOutcome: Sendable {
  public var item: EvalItem
  public var answer: Answer
  /// The answer holds the gold query's rows (`containsGold`; false for unanswerable questions).
  public var rowsMatch: Bool
  /// The bound DSL is the gold DSL's canonical text.
  public var exactMatch: Bool
  /// Abstained for a reason other than confidence (scope, names, no query).
  public var abstainedRegardless: Bool

  /// Whether the question is answered (not abstained) at `threshold`.
  public func answered(at threshold: Double) -> Bool {
    !abstainedRegardless && answer.confidence >= threshold
  }
}

/// Abstention quality at one confidence threshold.
public struct ThresholdRow: Sendable {
  public var threshold: Double
  public var answered: Int
  public var answeredRight: Int
  public var abstained: Int
  /// Abstentions on questions that would have been answered wrongly (or are unanswerable).
  public var abstainedRightly: Int
  /// Questions that would have been answered wrongly (or are unanswerable).
  public var wouldBeWrong: Int

  public var precision: Double { abstained == 0 ? 1 : Double(abstainedRightly) / Double(abstained) }
  public var recall: Double {
    wouldBeWrong == 0 ? 1 : Double(abstainedRightly) / Double(wouldBeWrong)
  }
  /// Right answers minus twice the wrong ones: a wrong answer given confidently costs more
  /// than an abstention.
  public var utility: Int { answeredRight - 2 * (answered - answeredRight) }
}

public enum AskEvaluation {
  /// Answers every item with no confidence threshold (so thresholds can be compared after).
  public static func run(
    _ items: [EvalItem], answerer: QuestionAnswerer, options: AskOptions,
    progress: (EvalOutcome) -> Void = { _ in }
  ) -> [EvalOutcome] {
    var options = options
    options.threshold = 0
    return items.map { item in
      let answer = answerer.answer(item.question, options: options)
      var rowsMatch = false
      var exact = false
      if let gold = item.dsl, let goldAnswer = try? answerer.run(dsl: gold),
        let result = answer.result
      {
        rowsMatch = containsGold(result, goldAnswer.result)
        exact = answer.dsl == goldAnswer.query.printed
      }
      let outcome = EvalOutcome(
        item: item, answer: answer, rowsMatch: rowsMatch, exactMatch: exact,
        abstainedRegardless: answer.abstained)
      progress(outcome)
      return outcome
    }
  }

  /// The answer holds the gold rows: the same rows in the same order, with every gold column
  /// present by name and equal (extra columns, "runs, average" for "runs", are allowed).
  public static func containsGold(_ answer: QueryResult, _ gold: QueryResult) -> Bool {
    guard answer.rows.count == gold.rows.count else { return false }
    var positions: [Int] = []
    for column in gold.columns {
      guard let i = answer.columns.firstIndex(where: { $0.name == column.name }) else {
        return false
      }
      positions.append(i)
    }
    return zip(answer.rows, gold.rows).allSatisfy { a, g in positions.map { a[$0] } == g }
  }

  public static let thresholds = [
    0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
  ]

  public static func table(_ outcomes: [EvalOutcome]) -> [ThresholdRow] {
    thresholds.map { t in
      var row = ThresholdRow(
        threshold: t, answered: 0, answeredRight: 0, abstained: 0, abstainedRightly: 0,
        wouldBeWrong: 0)
      for o in outcomes {
        // Would the answer, given, be wrong?
        let wrongIfAnswered = o.item.dsl == nil || !o.rowsMatch
        if wrongIfAnswered { row.wouldBeWrong += 1 }
        if o.answered(at: t) {
          row.answered += 1
          if o.rowsMatch { row.answeredRight += 1 }
        } else {
          row.abstained += 1
          if wrongIfAnswered { row.abstainedRightly += 1 }
        }
      }
      return row
    }
  }

  /// The threshold with the best utility (the lowest of equals).
  public static func chosenThreshold(_ rows: [ThresholdRow]) -> ThresholdRow? {
    rows.max { a, b in
      a.utility < b.utility || (a.utility == b.utility && a.threshold > b.threshold)
    }
  }
}
