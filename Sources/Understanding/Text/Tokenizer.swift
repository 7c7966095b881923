import Foundation

/// Splits text into words for matching. Letters and digits make words; an apostrophe inside a
/// word is kept ("O'Brien", "Lord's"); hyphens, dots, slashes and spaces separate words, so
/// "Fraser-McGurk" and "Fraser McGurk" tokenize alike. Aliases are tokenized the same way.
public enum Tokenizer {
  public static func tokenize(_ text: String) -> [Token] {
    var tokens: [Token] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      guard chars[i].isLetter || chars[i].isNumber else {
        i += 1
        continue
      }
      let start = i
      var j = i
      while j < chars.count {
        let c = chars[j]
        if c.isLetter || c.isNumber {
          j += 1
        } else if isApostrophe(c), j + 1 < chars.count, chars[j + 1].isLetter, j > start {
          j += 1
        } else {
          break
        }
      }
      var word = String(chars[start..<j])
      var suffix = ""
      if word.count > 3, word.last == "s" || word.last == "S",
        let mark = word.dropLast().last, isApostrophe(mark)
      {
        suffix = String(word.suffix(2))
        word = String(word.dropLast(2))
      }
      tokens.append(
        Token(
          folded: fold(word), original: word, start: start, end: start + word.count,
          suffix: suffix))
      i = j
    }
    return tokens
  }

  /// Folded forms of the words of `text`, joined by single spaces: the key aliases are stored under.
  public static func key(_ text: String) -> String {
    if let fast = asciiKey(text) { return fast }
    return tokenize(text).map(\.folded).joined(separator: " ")
  }

  /// `key` for plain ASCII text without building tokens (the index adds ~30,000 forms at
  /// start-up): the same rules — letters and digits make words, an apostrophe inside a word is
  /// dropped, a possessive "'s" ends a word longer than three characters and is dropped.
  static func asciiKey(_ text: String) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var word: [UInt8] = []
    var wordLength = 0  // characters typed, apostrophes included
    func isAlnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    func flush(_ lastApostropheAt: Int?) {
      guard !word.isEmpty else { return }
      // "Lord's": drop the final s when it follows an apostrophe and the word is long enough.
      if wordLength > 3, let at = lastApostropheAt, at == wordLength - 2, word.last == 115 { word.removeLast() }
      if !out.isEmpty { out.append(32) }
      out.append(contentsOf: word)
      word.removeAll(keepingCapacity: true)
      wordLength = 0
    }
    let bytes = Array(text.utf8)
    var lastApostrophe: Int?
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b >= 128 { return nil }
      if isAlnum(b) {
        word.append(b >= 65 && b <= 90 ? b + 32 : b)
        wordLength += 1
      } else if b == 39 || b == 96, !word.isEmpty, i + 1 < bytes.count, isLetter(bytes[i + 1]) {
        lastApostrophe = wordLength
        wordLength += 1
      } else {
        flush(lastApostrophe)
        lastApostrophe = nil
      }
      i += 1
    }
    flush(lastApostrophe)
    return String(decoding: out, as: UTF8.self)
  }

  /// Lowercase, strip diacritics ("Nortjé" → "nortje") and apostrophes ("O'Brien" → "obrien").
  public static func fold(_ word: String) -> String {
    let lowered = word.lowercased()
    let plain =
      lowered.allSatisfy(\.isASCII)
      ? lowered : lowered.folding(options: [.diacriticInsensitive], locale: nil)
    return String(plain.filter { !isApostrophe($0) })
  }

  static func isApostrophe(_ c: Character) -> Bool { c == "'" || c == "’" || c == "‘" || c == "`" }
}
