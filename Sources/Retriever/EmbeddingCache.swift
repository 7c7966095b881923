import Foundation

// The on-disk cache of an index's embeddings, one file per index name:
//   1. 8 bytes  magic "CRQEMB01"
//   2. 8 bytes  key: FNV-1a 64 over the model identity and every embedded text (little-endian)
//   3. 8 bytes  row count, 8 bytes dimension (little-endian)
//   4. count × dimension little-endian Float32, row-major
// A file whose key, sizes or length disagree is ignored and rewritten. Writes are atomic
// (a temporary file renamed over the old), so a crash never leaves half a file.

/// Loads and stores embedding matrices keyed by what they were computed from.
struct EmbeddingCache {
  let url: URL
  static let magic = Array("CRQEMB01".utf8)
  static let headerSize = 32

  /// The stored matrix if it was built for `key` with this `dimension`, else nil.
  func load(key: UInt64, count: Int, dimension: Int) -> EmbeddingMatrix? {
    guard let data = try? Data(contentsOf: url, options: .alwaysMapped),
      data.count == Self.headerSize + count * dimension * 4
    else { return nil }
    return data.withUnsafeBytes { raw -> EmbeddingMatrix? in
      guard Array(raw[0..<8]) == Self.magic,
        raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian == key,
        raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian == UInt64(count),
        raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian == UInt64(dimension)
      else { return nil }
      var values = [Float](repeating: 0, count: count * dimension)
      values.withUnsafeMutableBytes { out in
        out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[Self.headerSize...]))
      }
      return EmbeddingMatrix(dimension: dimension, values: values)
    }
  }

  func store(_ matrix: EmbeddingMatrix, key: UInt64) throws {
    var data = Data(Self.magic)
    for field in [key, UInt64(matrix.count), UInt64(matrix.dimension)] {
      withUnsafeBytes(of: field.littleEndian) { data.append(contentsOf: $0) }
    }
    matrix.values.withUnsafeBytes { data.append(contentsOf: $0) }
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
  }

  /// FNV-1a 64 over a sequence of byte strings, each prefixed by its length so that
  /// ["ab", "c"] and ["a", "bc"] differ. Not cryptographic; it only detects change.
  static func key(_ parts: [String]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    for part in parts {
      let bytes = Array(part.utf8)
      withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { $0.forEach(mix) }
      bytes.forEach(mix)
    }
    return hash
  }
}
