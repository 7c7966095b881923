/// GPT-2's reversible byte ↔ unicode mapping used by byte-level BPE vocabularies.
///
/// Printable Latin-1 bytes (`!`…`~`, `¡`…`¬`, `®`…`ÿ`) stand for themselves; the other 68 bytes
/// are given the code points 256, 257, … in byte order, so every byte has a visible character and
/// a vocabulary entry such as "Ġthe" means the bytes " the".
enum ByteLevel {
  /// The character standing for each byte value.
  static let scalarForByte: [Unicode.Scalar] = {
    var table = [Unicode.Scalar](repeating: " ", count: 256)
    var next: UInt32 = 256
    for byte in 0..<256 {
      let printable = (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
      if printable {
        table[byte] = Unicode.Scalar(UInt32(byte))!
      } else {
        table[byte] = Unicode.Scalar(next)!
        next += 1
      }
    }
    return table
  }()

  /// The byte each mapped character stands for, indexed by code point (all are below 324).
  static let byteForScalar: [Int16] = {
    var table = [Int16](repeating: -1, count: 324)
    for (byte, scalar) in scalarForByte.enumerated() {
      table[Int(scalar.value)] = Int16(byte)
    }
    return table
  }()

  /// The bytes a vocabulary entry stands for, from its UTF-8, or nil if it has a character
  /// outside the mapping (the alphabet is U+0021…U+0143: one or two UTF-8 bytes each).
  static func bytes<C: Collection<UInt8>>(ofMappedUTF8 utf8: C) -> [UInt8]? {
    var result: [UInt8] = []
    return decode(mappedUTF8: utf8, into: &result) ? result : nil
  }

  /// Decodes into `result` (replacing its contents); false on a character outside the mapping.
  static func decode<C: Collection<UInt8>>(mappedUTF8 utf8: C, into result: inout [UInt8]) -> Bool {
    result.removeAll(keepingCapacity: true)
    var iterator = utf8.makeIterator()
    while let lead = iterator.next() {
      var value: Int
      if lead < 0x80 {
        value = Int(lead)
      } else if lead & 0xE0 == 0xC0, let trail = iterator.next(), trail & 0xC0 == 0x80 {
        value = Int(lead & 0x1F) << 6 | Int(trail & 0x3F)
      } else {
        return false
      }
      guard value < byteForScalar.count, byteForScalar[value] >= 0 else { return false }
      result.append(UInt8(byteForScalar[value]))
    }
    return true
  }
}
