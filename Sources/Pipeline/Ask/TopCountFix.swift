import DSL
import Understanding

/// How many rows a `top N` / `bottom N` lists. When the question gives no number, the corpus's
/// answer is a top 10 ("most Test wickets at Lord's"), but the model copies 5 or 1 from its
/// examples. A number over `maximumCount` is refused rather than run.
enum TopCountFix {
  static let defaultCount = 10
  static let maximumCount = 100

  /// Number words that give a count ("the five best spells"); "five" before "wicket" or "for"
  /// names a haul, not a count.
  static let countWords: Set<String> = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "dozen",
  ]
  static let haulWords: Set<String> = [
    "wicket", "wickets", "wkt", "wkts", "for", "fer", "fers", "fors", "day", "over", "overs",
  ]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .ranking(var ranking) = query.head, case .number(let n) = ranking.count,
      n != defaultCount, !question.bindings.contains(where: { $0.kind == .num }),
      !namesCount(question)
    else { return }
    notes.append("top \(defaultCount): the question gives no number, the model wrote \(n)")
    ranking.count = .number(defaultCount)
    query.head = .ranking(ranking)
  }

  /// Whether the question gives a count in words or unlinked digits.
  static func namesCount(_ question: UnderstoodQuestion) -> Bool {
    let words = question.question.lowercased().split { !($0.isLetter || $0.isNumber) }
      .map(String.init)
    return words.indices.contains { i in
      let next = i + 1 < words.count ? words[i + 1] : ""
      if countWords.contains(words[i]) { return !haulWords.contains(next) }
      // Digits that are not a year or a haul ("5 wicket takers" after the linker kept "5").
      guard words[i].allSatisfy(\.isNumber), !haulWords.contains(next) else { return false }
      return !question.bindings.contains { $0.kind == .year && $0.span.text.contains(words[i]) }
    }
  }

  /// Why a bound query lists too many rows to be a sensible answer, or nil.
  static func refusal(_ query: DSLQuery) -> String? {
    guard case .ranking(let ranking) = query.head, case .number(let n) = ranking.count,
      n > maximumCount
    else { return nil }
    let word = ranking.direction == .top ? "top" : "bottom"
    return "`\(word)` lists at most \(maximumCount) rows, but the question asks for \(n)"
  }
}
