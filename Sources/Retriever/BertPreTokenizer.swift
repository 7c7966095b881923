/// BERT's pre-tokeniser, matching `tokenizers`' `BertPreTokenizer`: split on whitespace, and
/// make every punctuation character a word of its own. Punctuation is ASCII punctuation
/// (which includes symbols such as `$`, `+`, `^`, `|`) or any Unicode P* category.
struct BertPreTokenizer: Sendable {
  func split(_ scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
    var words: [ArraySlice<Unicode.Scalar>] = []
    var start: Int? = nil
    for (index, scalar) in scalars.enumerated() {
      let isSpace = BertNormalizer.isWhitespace(scalar)
      let isPunctuation = !isSpace && Self.isPunctuation(scalar)
      if isSpace || isPunctuation {
        if let begin = start {
          words.append(scalars[begin..<index])
          start = nil
        }
        if isPunctuation { words.append(scalars[index...index]) }
      } else if start == nil {
        start = index
      }
    }
    if let begin = start { words.append(scalars[begin...]) }
    return words
  }

  static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let v = scalar.value
      return (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v)
        || (123...126).contains(v)
    }
    switch scalar.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return true
    default:
      return false
    }
  }
}
