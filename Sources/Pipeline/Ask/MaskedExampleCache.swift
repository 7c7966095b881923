import Foundation
import Retriever

// The on-disk cache of the masked example pool (`$CRICQ_HOME/retriever/ask-examples.masked`):
//   1. 8 bytes  magic "CRQMSK01"
//   2. 8 bytes  key (little-endian `ContentKey` over the program, the linker's inputs and the
//      pair files; see `ExamplePool`)
//   3. 8 bytes  example count (little-endian)
//   4. per example, id, question, masked question, DSL, masked DSL: each a little-endian UInt32
//      byte length and that many UTF-8 bytes
// A file whose magic, key or length disagree is ignored and rewritten. Writes are atomic.

/// Loads and stores the masked examples, so that loading skips linking ~1,200 questions.
struct MaskedExampleCache {
  let url: URL
  static let magic = Array("CRQMSK01".utf8)

  /// The stored examples if they were built for `key`, else nil.
  func load(key: UInt64) -> [MaskedExample]? {
    guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
    return data.withUnsafeBytes { raw -> [MaskedExample]? in
      var offset = 0
      func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        guard offset + MemoryLayout<T>.size <= raw.count else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
      }
      func string() -> String? {
        guard let length = integer(UInt32.self).map(Int.init), offset + length <= raw.count
        else { return nil }
        defer { offset += length }
        return String(decoding: raw[offset..<offset + length], as: UTF8.self)
      }
      guard raw.count >= 24, Array(raw[0..<8]) == Self.magic else { return nil }
      offset = 8
      guard integer(UInt64.self) == key, let count = integer(UInt64.self) else { return nil }
      var examples: [MaskedExample] = []
      examples.reserveCapacity(Int(min(count, 1 << 20)))
      for _ in 0..<count {
        guard let id = string(), let question = string(), let maskedQuestion = string(),
          let dsl = string(), let maskedDSL = string()
        else { return nil }
        examples.append(
          MaskedExample(
            id: id, question: question, maskedQuestion: maskedQuestion, dsl: dsl,
            maskedDSL: maskedDSL))
      }
      return offset == raw.count ? examples : nil
    }
  }

  func store(_ examples: [MaskedExample], key: UInt64) throws {
    var data = Data(Self.magic)
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
    append(key)
    append(UInt64(examples.count))
    for e in examples {
      for text in [e.id, e.question, e.maskedQuestion, e.dsl, e.maskedDSL] {
        append(UInt32(text.utf8.count))
        data.append(contentsOf: text.utf8)
      }
    }
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
  }
}
