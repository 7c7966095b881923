/// One word of a question: its folded form for matching and where it sits in the original text.
public struct Token: Sendable, Equatable {
  /// Lowercased, diacritics removed, apostrophes dropped, possessive `'s` removed ("Kohli's" → "kohli").
  public let folded: String
  /// The word as typed, without a possessive suffix.
  public let original: String
  /// Character offsets of `original` in the question (half-open).
  public let start: Int
  public let end: Int
  /// "'s" when the word was possessive, so masking can keep it ("<player1>'s").
  public let suffix: String

  public var isCapitalized: Bool { original.first?.isUppercase ?? false }
  public var isAllCaps: Bool {
    original.contains(where: \.isLetter) && !original.contains(where: \.isLowercase)
  }
  public var isNumber: Bool { !folded.isEmpty && folded.allSatisfy(\.isASCIIDigit) }
  public var isAlphabetic: Bool { !folded.isEmpty && folded.allSatisfy(\.isLetter) }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
