/// One lexeme of a query.
struct Token: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case word, number, string, placeholder, date, symbol, end
  }

  var kind: Kind
  /// The text as written; for strings, the contents without the quotes.
  let text: String
  /// `text` in lower case (for words), for keyword comparisons.
  let lower: String
  /// Byte offset of the token's first byte in the query.
  var offset: Int

  init(kind: Kind, text: String, offset: Int) {
    self.kind = kind
    self.text = text
    self.lower = kind == .word ? text.lowercased() : text
    self.offset = offset
  }
}

/// Splits a query into tokens. Words are ASCII letters then letters or digits (`T20I`); numbers
/// are digits; dates are `YYYY-MM-DD`; strings are double-quoted with no `"` or control character
/// inside and valid UTF-8; placeholders are `<kindN>`; symbols are `= , ( ) % / ..`.
struct Lexer {
  let bytes: [UInt8]
  let source: String

  init(_ source: String) {
    self.source = source
    self.bytes = Array(source.utf8)
  }

  func tokens() throws(DSLError) -> [Token] {
    var result: [Token] = []
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
        i += 1
        continue
      }
      let start = i
      if isLetter(b) {
        i += 1
        while i < n, isLetter(bytes[i]) || isDigit(bytes[i]) { i += 1 }
        result.append(Token(kind: .word, text: text(start, i), offset: start))
      } else if isDigit(b) {
        while i < n, isDigit(bytes[i]) { i += 1 }
        if i - start == 4, matchesDateTail(at: i) {
          i += 6
          result.append(Token(kind: .date, text: text(start, i), offset: start))
        } else {
          result.append(Token(kind: .number, text: text(start, i), offset: start))
        }
      } else if b == UInt8(ascii: "\"") {
        i += 1
        while i < n, bytes[i] != UInt8(ascii: "\"") {
          if bytes[i] < 0x20 || bytes[i] == 0x7F {
            throw error(at: i, found: nil, "a name cannot contain control characters or line breaks")
          }
          i += 1
        }
        guard i < n else {
          throw error(at: start, found: text(start, n), "a quoted name must end with `\"`")
        }
        guard let contents = String(validating: bytes[(start + 1)..<i], as: UTF8.self) else {
          throw error(at: start, found: nil, "a quoted name must be valid UTF-8")
        }
        i += 1
        result.append(Token(kind: .string, text: contents, offset: start))
      } else if b == UInt8(ascii: "<") {
        i += 1
        while i < n, isLetter(bytes[i]) || isDigit(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: ">") else {
          throw error(
            at: start, found: text(start, i),
            "a placeholder is written `<kindN>` with kind one of "
              + PlaceholderKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        i += 1
        result.append(Token(kind: .placeholder, text: text(start, i), offset: start))
      } else if b == UInt8(ascii: "."), i + 1 < n, bytes[i + 1] == UInt8(ascii: ".") {
        i += 2
        result.append(Token(kind: .symbol, text: "..", offset: start))
      } else if "=,()%/".utf8.contains(b) {
        i += 1
        result.append(Token(kind: .symbol, text: text(start, i), offset: start))
      } else {
        var end = i + 1
        while end < n, bytes[end] & 0xC0 == 0x80 { end += 1 }
        throw error(
          at: start, found: text(start, end),
          "expected a word, a number, a quoted name, a <placeholder> or one of = , ( ) % / ..")
      }
    }
    result.append(Token(kind: .end, text: "", offset: n))
    return result
  }

  /// `-MM-DD` after four digits.
  private func matchesDateTail(at i: Int) -> Bool {
    guard i + 6 <= bytes.count else { return false }
    return bytes[i] == UInt8(ascii: "-") && isDigit(bytes[i + 1]) && isDigit(bytes[i + 2])
      && bytes[i + 3] == UInt8(ascii: "-") && isDigit(bytes[i + 4]) && isDigit(bytes[i + 5])
      && (i + 6 == bytes.count || !isDigit(bytes[i + 6]))
  }

  private func text(_ from: Int, _ to: Int) -> String {
    String(decoding: bytes[from..<to], as: UTF8.self)
  }

  func error(at offset: Int, found: String?, _ reason: String, suggestion: String? = nil)
    -> DSLError
  {
    let (line, column) = position(of: offset)
    return DSLError(
      .syntax, line: line, column: column, found: found, reason: reason, suggestion: suggestion)
  }

  /// 1-based line and column (in characters) of a byte offset.
  func position(of offset: Int) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count
    return (line, column + 1)
  }
}

@inline(__always) func isLetter(_ b: UInt8) -> Bool {
  (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
