import Foundation

/// Input no question can come from, refused before any linking or model run: empty, too long,
/// not text (control or undecodable bytes), or written in a script other than Latin.
enum InputCheck {
  /// Longer than any fan's or journalist's question; a paste of a document is refused.
  static let maximumCharacters = 300

  /// Why the input is not a question cricq can read, or nil.
  static func reason(_ question: String) -> String? {
    let text = question.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty {
      return "the question is empty; ask for a statistic, e.g. \"most sixes by an opener in 2019\""
    }
    if text.count > maximumCharacters {
      return "the question is \(text.count) characters long; cricq reads questions of at most "
        + "\(maximumCharacters) characters"
    }
    let scalars = text.unicodeScalars
    let notText = scalars.filter { scalar in
      scalar == "\u{FFFD}"
        || (scalar.properties.generalCategory == .control && !"\t\n\r".unicodeScalars.contains(scalar))
        || [.privateUse, .unassigned, .surrogate].contains(scalar.properties.generalCategory)
    }.count
    if notText > 0 {
      return "the question holds \(notText) characters that are not text (control or "
        + "undecodable bytes); type it as plain text"
    }
    let letters = scalars.filter(\.properties.isAlphabetic)
    let latin = letters.filter(isLatin).count
    if !letters.isEmpty, latin * 2 < letters.count {
      return "cricq reads questions in English; this one is written in another script"
    }
    return nil
  }

  /// Basic Latin through Latin Extended-B, and Latin Extended Additional: the letters of English
  /// and of players' names such as "Muralitharan" or "Méndez".
  static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x250 || (0x1E00...0x1EFF).contains(scalar.value)
  }
}
