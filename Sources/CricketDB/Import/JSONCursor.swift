import Foundation

/// A forward-only JSON reader over UTF-8 bytes, for decoding Cricsheet files without building
/// a tree. The decoder walks the document with `beginObject`/`nextKey` and
/// `beginArray`/`nextElement`, reads scalars with typed readers, and `skipValue()`s what it does
/// not need. Keys are compared as bytes, so reading a key allocates nothing.
///
/// Every read is bounded by the buffer; errors give the byte offset and what was expected.
/// Leniency: a missing comma between members or elements is not reported.
struct JSONCursor {
  private let bytes: UnsafeBufferPointer<UInt8>
  private(set) var position = 0
  let name: String

  init(_ bytes: UnsafeBufferPointer<UInt8>, name: String) {
    self.bytes = bytes
    self.name = name
    // A UTF-8 byte-order mark is allowed before the document.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
  }

  /// A key inside the buffer (valid while the buffer is).
  struct Key {
    let start: UnsafePointer<UInt8>
    let count: Int

    static func ~= (pattern: StaticString, key: Key) -> Bool {
      guard pattern.utf8CodeUnitCount == key.count else { return false }
      return memcmp(pattern.utf8Start, key.start, key.count) == 0
    }

    var string: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }
  }

  func error(_ expected: String) -> ImportError {
    let found: String
    if position >= bytes.count {
      found = "the end of the file (truncated?)"
    } else {
      let byte = bytes[position]
      found = byte >= 0x20 && byte < 0x7f ? "'\(Character(UnicodeScalar(byte)))'" : "byte \(byte)"
    }
    return .badJSON(name, "invalid JSON at byte \(position): expected \(expected), found \(found)")
  }

  @inline(__always)
  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  @inline(__always)
  private mutating func peek() -> UInt8? {
    skipWhitespace()
    return position < bytes.count ? bytes[position] : nil
  }

  mutating func beginObject() throws {
    guard peek() == UInt8(ascii: "{") else { throw error("an object '{'") }
    position += 1
  }

  /// The next member's key (the cursor then sits on its value), or nil after the closing '}'.
  mutating func nextKey() throws -> Key? {
    var byte = peek()
    if byte == UInt8(ascii: ",") {
      position += 1
      byte = peek()
    }
    if byte == UInt8(ascii: "}") {
      position += 1
      return nil
    }
    guard byte == UInt8(ascii: "\"") else { throw error("a key or '}'") }
    position += 1
    let start = position
    while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
      // Cricsheet keys never contain escapes; a key that does is read verbatim (never matches).
      if bytes[position] == UInt8(ascii: "\\") { position += 1 }
      position += 1
    }
    guard position < bytes.count else { throw error("the end of a key") }
    let key = Key(start: bytes.baseAddress! + start, count: position - start)
    position += 1
    guard peek() == UInt8(ascii: ":") else { throw error("':' after a key") }
    position += 1
    return key
  }

  mutating func beginArray() throws {
    guard peek() == UInt8(ascii: "[") else { throw error("an array '['") }
    position += 1
  }

  /// True when another element follows (the cursor sits on it), false after the closing ']'.
  mutating func nextElement() throws -> Bool {
    var byte = peek()
    if byte == UInt8(ascii: ",") {
      position += 1
      byte = peek()
    }
    if byte == UInt8(ascii: "]") {
      position += 1
      return false
    }
    guard byte != nil else { throw error("an element or ']'") }
    return true
  }

  mutating func isNull() -> Bool {
    guard peek() == UInt8(ascii: "n") else { return false }
    return position + 4 <= bytes.count && bytes[position + 1] == UInt8(ascii: "u")
  }

  mutating func readString() throws -> String {
    guard peek() == UInt8(ascii: "\"") else { throw error("a string") }
    position += 1
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1
        return text
      }
      if byte == UInt8(ascii: "\\") {
        position = start
        return try readEscapedString()
      }
      position += 1
    }
    throw error("the end of a string")
  }

  /// The slow path for strings with escapes; `position` is just after the opening quote.
  private mutating func readEscapedString() throws -> String {
    var utf8: [UInt8] = []
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { throw error("an escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "u"):
          var scalar = try readHex4()
          if (0xD800..<0xDC00).contains(scalar), position + 6 <= bytes.count,
            bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
          {
            position += 2
            let low = try readHex4()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
          }
          let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          utf8.append(contentsOf: Array(String(character).utf8))
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        default:
          position -= 1
          throw error("a valid escape character")
        }
      default:
        utf8.append(byte)
      }
    }
    throw error("the end of a string")
  }

  private mutating func readHex4() throws -> UInt32 {
    guard position + 4 <= bytes.count else { throw error("four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("a hex digit")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  /// An integer (a number with no fraction or exponent).
  mutating func readInt() throws -> Int {
    guard var byte = peek() else { throw error("a number") }
    var negative = false
    if byte == UInt8(ascii: "-") {
      negative = true
      position += 1
      guard position < bytes.count else { throw error("a digit") }
      byte = bytes[position]
    }
    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw error("a whole number") }
    var value = 0
    var digits = 0
    while position < bytes.count {
      let b = bytes[position]
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { break }
      digits += 1
      guard digits <= 18 else { throw error("a number of at most 18 digits") }
      value = value * 10 + Int(b - UInt8(ascii: "0"))
      position += 1
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] | 0x20 == UInt8(ascii: "e") {
      throw error("a whole number")
    }
    return negative ? -value : value
  }

  /// Any JSON number.
  mutating func readDouble() throws -> Double {
    guard peek() != nil else { throw error("a number") }
    let start = position
    while position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
        UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        position += 1
      default:
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else {
          position = start
          throw error("a number")
        }
        return value
      }
    }
    throw error("the end of a number")
  }

  mutating func readBool() throws -> Bool {
    skipWhitespace()
    if matchLiteral("true") { return true }
    if matchLiteral("false") { return false }
    throw error("true or false")
  }

  /// A string, or a number written as text (Cricsheet's `season` is either).
  mutating func readStringOrNumber() throws -> String {
    if peek() == UInt8(ascii: "\"") { return try readString() }
    let value = try readDouble()
    return value.rounded() == value ? String(Int(value)) : String(value)
  }

  private mutating func matchLiteral(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count,
      memcmp(literal.utf8Start, bytes.baseAddress! + position, count) == 0
    else { return false }
    position += count
    return true
  }

  /// Skips one value of any kind, checking its structure.
  mutating func skipValue() throws {
    guard let byte = peek() else { throw error("a value") }
    switch byte {
    case UInt8(ascii: "{"):
      try beginObject()
      while try nextKey() != nil { try skipValue() }
    case UInt8(ascii: "["):
      try beginArray()
      while try nextElement() { try skipValue() }
    case UInt8(ascii: "\""):
      position += 1
      while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
        if bytes[position] == UInt8(ascii: "\\") { position += 1 }
        position += 1
      }
      guard position < bytes.count else { throw error("the end of a string") }
      position += 1
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      _ = try readBool()
    case UInt8(ascii: "n"):
      guard matchLiteral("null") else { throw error("null") }
    default:
      _ = try readDouble()
    }
  }

  /// Checks that only whitespace follows the document.
  mutating func end() throws {
    if peek() != nil { throw error("the end of the document") }
  }
}