import Foundation

/// BERT's text normaliser, matching the `tokenizers` package's `BertNormalizer` with
/// clean_text, handle_chinese_chars, strip_accents and lowercase all on, in that order:
/// 1. clean: drop NUL, U+FFFD and other-category characters (Cc, Cf, Cs, Co, Cn) except tab,
///    newline and carriage return; turn every whitespace character into a space;
/// 2. put a space either side of each CJK ideograph, so each becomes its own word;
/// 3. strip accents: canonical decomposition (NFD), then drop non-spacing marks (Mn);
/// 4. lower-case each scalar by its full, context-free mapping (as Rust's `char::to_lowercase`).
/// Works on Unicode scalars throughout, because the reference counts and compares `char`s.
struct BertNormalizer: Sendable {
  func normalize(_ text: String) -> [Unicode.Scalar] {
    var cleaned: [Unicode.Scalar] = []
    cleaned.reserveCapacity(text.unicodeScalars.count + 8)
    var isASCII = true
    for scalar in text.unicodeScalars {
      if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
      if Self.isWhitespace(scalar) {
        cleaned.append(" ")
      } else if Self.isChineseCharacter(scalar) {
        cleaned.append(" ")
        cleaned.append(scalar)
        cleaned.append(" ")
        isASCII = false
      } else {
        cleaned.append(scalar)
        if !scalar.isASCII { isASCII = false }
      }
    }
    if isASCII {
      return cleaned.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
    }
    var decomposed = String(String.UnicodeScalarView(cleaned)).decomposedStringWithCanonicalMapping
      .unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
    var lowered: [Unicode.Scalar] = []
    lowered.reserveCapacity(decomposed.count)
    for scalar in decomposed {
      if scalar.isASCII {
        lowered.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
      } else {
        lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      }
    }
    decomposed.removeAll()
    return lowered
  }

  /// Whitespace as BERT counts it: tab, newline, carriage return, and Unicode White_Space.
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
  }

  /// Other-category characters (control, format, surrogate, private use, unassigned), except
  /// tab, newline and carriage return, which are whitespace.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
    if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned: return true
    default: return false
    }
  }

  /// The CJK Unified Ideographs blocks BERT splits on (not Hangul, Hiragana or Katakana).
  static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
      0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
      return true
    default:
      return false
    }
  }
}
