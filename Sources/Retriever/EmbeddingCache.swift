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

  /// The key over a sequence of texts (`ContentKey`).
  static func key(_ parts: [String]) -> UInt64 { ContentKey(parts).value }
}
