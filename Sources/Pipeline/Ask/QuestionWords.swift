import Foundation
import Understanding

/// The masked question as lowercase words (placeholders kept whole: `<team1>`), for the
/// post-decoding fixes that read what the question says around a name.
struct QuestionWords {
  let words: [String]

  init(_ question: UnderstoodQuestion) {
    words = question.masked.lowercased()
      .split { !($0.isLetter || $0.isNumber || "<>'%".contains($0)) }
      .map { String($0).replacingOccurrences(of: "'s", with: "") }
  }

  func contains(any set: Set<String>) -> Bool { words.contains(where: set.contains) }

  /// Indices of `placeholder` in the question.
  func positions(of placeholder: String) -> [Int] {
    words.indices.filter { words[$0] == placeholder }
  }

  /// The word before index `i`, skipping "the".
  func before(_ i: Int) -> String? {
    var j = i - 1
    if j >= 0, words[j] == "the" { j -= 1 }
    return j >= 0 ? words[j] : nil
  }

  func after(_ i: Int) -> String? { i + 1 < words.count ? words[i + 1] : nil }
}
