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
    tokenize(text).map(\.folded).joined(separator: " ")
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
