/// Splits text into the words that byte-level BPE merges within (merges never cross a word).
///
/// Each case is the regular expression named by the GGUF key `tokenizer.ggml.pre`, written out as
/// a hand-made scanner over Unicode scalar properties: exact for these patterns, and far faster
/// than a general regex engine. The alternatives are tried in the pattern's order at each
/// position, as a backtracking regex engine would.
public enum PreTokenizer: String, Sendable, CaseIterable {
  /// Qwen2's pattern:
  /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
  case qwen2
  /// SmolLM2's (StarCoder's) two passes: first every digit `\p{N}` on its own, then GPT-2's
  /// pattern `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` inside
  /// each piece, with no look-ahead across pieces.
  case smollm

  /// Word boundaries of `text`, as ranges of indices into `text`.
  func split(_ text: [Unicode.Scalar]) -> [Range<Int>] {
    let classes = text.map(ScalarClass.init)
    switch self {
    case .qwen2:
      return Self.splitQwen2(text, classes)
    case .smollm:
      var words: [Range<Int>] = []
      var start = 0
      for index in classes.indices where classes[index] == .number {
        if start < index { Self.splitGPT2(text, classes, start..<index, into: &words) }
        words.append(index..<index + 1)
        start = index + 1
      }
      if start < text.count { Self.splitGPT2(text, classes, start..<text.count, into: &words) }
      return words
    }
  }

  /// Length of an English contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`) at `i`, or 0.
  private static func contractionLength(
    _ text: [Unicode.Scalar], at i: Int, end: Int, caseInsensitive: Bool
  ) -> Int {
    guard text[i] == "'", i + 1 < end else { return 0 }
    func letter(_ k: Int) -> Unicode.Scalar? {
      guard k < end else { return nil }
      let scalar = text[k]
      if caseInsensitive, ("A"..."Z").contains(scalar) {
        return Unicode.Scalar(scalar.value + 32)
      }
      return scalar
    }
    switch letter(i + 1) {
    case "s", "t", "m", "d": return 2
    case "r": return letter(i + 2) == "e" ? 3 : 0
    case "v": return letter(i + 2) == "e" ? 3 : 0
    case "l": return letter(i + 2) == "l" ? 3 : 0
    default: return 0
    }
  }

  /// End of the run of `kind` starting at `i` (at most `end`).
  private static func runEnd(_ classes: [ScalarClass], from i: Int, end: Int, _ kind: ScalarClass)
    -> Int
  {
    var j = i
    while j < end, classes[j] == kind { j += 1 }
    return j
  }

  /// End of a whitespace match at `i` for `\s+(?!\S)|\s+`: all of the run when it reaches the end
  /// of the text or is one character long, else the run less its last character (which then
  /// starts the next word, e.g. the space of " word").
  private static func whitespaceEnd(_ classes: [ScalarClass], from i: Int, end: Int) -> Int {
    let j = runEnd(classes, from: i, end: end, .whitespace)
    if j == end || j - i == 1 { return j }
    return j - 1
  }

  private static func splitQwen2(_ text: [Unicode.Scalar], _ classes: [ScalarClass])
    -> [Range<Int>]
  {
    var words: [Range<Int>] = []
    let end = text.count
    var i = 0
    while i < end {
      let next = i + 1 < end ? classes[i + 1] : nil
      var j: Int
      let contraction = contractionLength(text, at: i, end: end, caseInsensitive: true)
      if contraction > 0 {
        j = i + contraction
      } else if classes[i] == .letter {
        j = runEnd(classes, from: i, end: end, .letter)
      } else if classes[i] != .number, !isNewline(text[i]), next == .letter {
        // [^\r\n\p{L}\p{N}]? followed by letters: a space, tab or punctuation mark leads a word.
        j = runEnd(classes, from: i + 1, end: end, .letter)
      } else if classes[i] == .number {
        j = i + 1
      } else if classes[i] == .other || (text[i] == " " && next == .other) {
        // " ?[^\s\p{L}\p{N}]+[\r\n]*": punctuation run, then any newlines.
        j = runEnd(classes, from: text[i] == " " ? i + 1 : i, end: end, .other)
        while j < end, isNewline(text[j]) { j += 1 }
      } else {
        // Whitespace. "\s*[\r\n]+": up to and including the run's last newline, if it has one.
        let runEnd = runEnd(classes, from: i, end: end, .whitespace)
        if let lastNewline = (i..<runEnd).last(where: { isNewline(text[$0]) }) {
          j = lastNewline + 1
        } else {
          j = whitespaceEnd(classes, from: i, end: end)
        }
      }
      words.append(i..<j)
      i = j
    }
    return words
  }

  private static func splitGPT2(
    _ text: [Unicode.Scalar], _ classes: [ScalarClass], _ range: Range<Int>,
    into words: inout [Range<Int>]
  ) {
    let end = range.upperBound
    var i = range.lowerBound
    while i < end {
      let next = i + 1 < end ? classes[i + 1] : nil
      let leadingSpace = text[i] == " " && next != nil && next != .whitespace
      var j: Int
      let contraction = contractionLength(text, at: i, end: end, caseInsensitive: false)
      if contraction > 0 {
        j = i + contraction
      } else if leadingSpace, let kind = next {
        // " ?\p{L}+", " ?\p{N}+" or " ?[^\s\p{L}\p{N}]+" with the space.
        j = runEnd(classes, from: i + 1, end: end, kind)
      } else if classes[i] != .whitespace {
        j = runEnd(classes, from: i, end: end, classes[i])
      } else {
        j = whitespaceEnd(classes, from: i, end: end)
      }
      words.append(i..<j)
      i = j
    }
  }

  private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\n" || scalar == "\r"
  }
}

/// The character classes the pre-tokenizer patterns use: `\p{L}`, `\p{N}`, `\s`, and the rest.
enum ScalarClass: UInt8 {
  case letter, number, whitespace, other

  init(_ scalar: Unicode.Scalar) {
    if scalar.isASCII {
      let value = scalar.value
      if (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) {
        self = .letter
      } else if (0x30...0x39).contains(value) {
        self = .number
      } else if value == 0x20 || (0x09...0x0D).contains(value) {
        self = .whitespace
      } else {
        self = .other
      }
      return
    }
    if scalar.properties.isWhitespace {
      self = .whitespace
      return
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      self = .letter
    case .decimalNumber, .letterNumber, .otherNumber:
      self = .number
    default:
      self = .other
    }
  }
}
