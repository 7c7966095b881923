// A GGUF v3 model file, mapped read-only. The layout, all little-endian:
//
//  1. magic: 4 bytes "GGUF" (uint32 0x46554747).
//  2. version: uint32, 3 (2 is read too: same layout).
//  3. tensor_count: uint64.
//  4. metadata_kv_count: uint64.
//  5. metadata_kv_count entries of:
//     a. key: string = uint64 byte length + UTF-8 bytes (no terminator);
//     b. value_type: uint32 (GGUFValueType: 0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 f32,
//        7 bool (1 byte), 8 string, 9 array, 10 u64, 11 i64, 12 f64);
//     c. the value; an array is element_type uint32 + count uint64 + count values
//        (arrays of arrays are allowed).
//  6. tensor_count tensor infos of:
//     a. name: string;
//     b. n_dims: uint32 (≤ 4);
//     c. ne: n_dims × uint64, ne[0] varies fastest (a row of a matrix has ne[0] elements);
//     d. type: uint32 (GGMLType);
//     e. offset: uint64, from the start of the data section, a multiple of the alignment.
//  7. padding to `general.alignment` (uint32 metadata, default 32).
//  8. the data section: each tensor's bytes at its offset.
//
// Tensors are not copied: `GGUFTensor.data` points into the mapping, which lives as long as the
// `GGUFFile` (keep the file alive while any tensor pointer is in use).

import Foundation

public final class GGUFFile: @unchecked Sendable {
  // @unchecked Sendable: the mapping is read-only and never changes after init.

  /// File version (2 or 3).
  public let version: Int
  /// Metadata in file order of keys.
  public let metadata: [String: GGUFValue]
  /// Metadata keys in file order.
  public let metadataKeys: [String]
  /// Tensor infos in file order.
  public let tensors: [GGUFTensor]
  /// Byte alignment of tensor data (`general.alignment`, default 32).
  public let alignment: Int
  /// Offset of the data section from the start of the file.
  public let dataOffset: Int
  /// Total size of the file in bytes.
  public let byteCount: Int

  private let mapping: MappedFile
  private let tensorIndex: [String: Int]

  public init(url: URL) throws {
    let mapping = try MappedFile(url: url)
    self.mapping = mapping
    byteCount = mapping.count
    var cursor = ByteCursor(base: mapping.base, count: mapping.count)

    let magic = try cursor.read(UInt32.self, "magic")
    guard magic == 0x4655_4747 else {
      throw GGUFError.invalid(
        "expected magic \"GGUF\" (0x46554747), found 0x\(String(magic, radix: 16))", offset: 0)
    }
    let version = try cursor.read(UInt32.self, "version")
    guard version == 2 || version == 3 else {
      throw GGUFError.invalid("expected GGUF version 2 or 3, found \(version)", offset: 4)
    }
    self.version = Int(version)
    let tensorCount = try cursor.readCount("tensor count", limit: 1 << 20)
    let metadataCount = try cursor.readCount("metadata count", limit: 1 << 20)

    var metadata: [String: GGUFValue] = [:]
    var keys: [String] = []
    keys.reserveCapacity(metadataCount)
    for _ in 0..<metadataCount {
      let key = try cursor.readString("metadata key")
      let value = try cursor.readValue(context: key)
      metadata[key] = value
      keys.append(key)
    }
    self.metadata = metadata
    metadataKeys = keys

    var alignment = 32
    if let value = metadata["general.alignment"] {
      guard let a = value.integer, a > 0, a & (a - 1) == 0 else {
        throw GGUFError.invalid(
          "expected general.alignment to be a power of two, found \(value)", offset: nil)
      }
      alignment = a
    }
    self.alignment = alignment

    var infos: [(name: String, type: GGMLType, shape: [Int], offset: Int)] = []
    infos.reserveCapacity(tensorCount)
    for _ in 0..<tensorCount {
      let name = try cursor.readString("tensor name")
      let dimsAt = cursor.offset
      let dims = try cursor.read(UInt32.self, "dimension count of \(name)")
      guard (1...4).contains(dims) else {
        throw GGUFError.invalid(
          "expected 1 to 4 dimensions for tensor \(name), found \(dims)", offset: dimsAt)
      }
      var shape: [Int] = []
      for d in 0..<Int(dims) {
        shape.append(try cursor.readCount("dimension \(d) of \(name)", limit: 1 << 40))
      }
      let typeAt = cursor.offset
      let rawType = try cursor.read(UInt32.self, "type of \(name)")
      guard let type = GGMLType(rawValue: rawType) else {
        throw GGUFError.invalid(
          "expected a known tensor type for \(name), found type id \(rawType)", offset: typeAt)
      }
      let offset = try cursor.readCount("data offset of \(name)", limit: 1 << 48)
      infos.append((name, type, shape, offset))
    }

    let dataOffset = (cursor.offset + alignment - 1) / alignment * alignment
    guard dataOffset <= mapping.count else {
      throw GGUFError.truncated(
        expected: "a data section at byte \(dataOffset)", found: mapping.count)
    }
    self.dataOffset = dataOffset

    var tensors: [GGUFTensor] = []
    var index: [String: Int] = [:]
    for info in infos {
      guard info.offset % alignment == 0 else {
        throw GGUFError.invalid(
          "expected tensor \(info.name)'s offset to be a multiple of \(alignment), found \(info.offset)",
          offset: nil)
      }
      guard info.shape[0] % info.type.blockSize == 0 else {
        throw GGUFError.invalid(
          "expected tensor \(info.name)'s row length to be a multiple of \(info.type.blockSize) "
            + "for \(info.type), found \(info.shape[0])", offset: nil)
      }
      let elements = info.shape.reduce(1, *)
      let bytes = elements / info.type.blockSize * info.type.blockByteCount
      let start = dataOffset + info.offset
      guard start + bytes <= mapping.count else {
        throw GGUFError.truncated(
          expected: "tensor \(info.name) in bytes \(start)..<\(start + bytes)",
          found: mapping.count)
      }
      guard index[info.name] == nil else {
        throw GGUFError.invalid("expected unique tensor names, found \(info.name) twice", offset: nil)
      }
      index[info.name] = tensors.count
      tensors.append(
        GGUFTensor(
          name: info.name, type: info.type, shape: info.shape, byteRange: start..<(start + bytes),
          data: mapping.base + start))
    }
    self.tensors = tensors
    tensorIndex = index
  }

  /// The tensor called `name`, or nil.
  public func tensor(named name: String) -> GGUFTensor? {
    tensorIndex[name].map { tensors[$0] }
  }

  /// The tensor called `name`, or an error naming what is missing.
  public func requireTensor(_ name: String) throws -> GGUFTensor {
    guard let tensor = tensor(named: name) else {
      throw GGUFError.invalid("expected a tensor named \(name), found none", offset: nil)
    }
    return tensor
  }

  // MARK: Typed metadata accessors: nil when the key is absent, an error when it has another type.

  public func string(_ key: String) throws -> String? {
    guard let value = metadata[key] else { return nil }
    guard case .string(let s) = value else { throw mismatch(key, "a string", value) }
    return s
  }

  /// Any integer value type (and bool), widened to Int.
  public func int(_ key: String) throws -> Int? {
    guard let value = metadata[key] else { return nil }
    guard let i = value.integer else { throw mismatch(key, "an integer", value) }
    return i
  }

  /// A float32, float64 or integer value, as Float.
  public func float(_ key: String) throws -> Float? {
    guard let value = metadata[key] else { return nil }
    switch value {
    case .float32(let f): return f
    case .float64(let d): return Float(d)
    default:
      guard let i = value.integer else { throw mismatch(key, "a number", value) }
      return Float(i)
    }
  }

  public func bool(_ key: String) throws -> Bool? {
    guard let value = metadata[key] else { return nil }
    guard case .bool(let b) = value else { throw mismatch(key, "a bool", value) }
    return b
  }

  public func array(_ key: String) throws -> GGUFArray? {
    guard let value = metadata[key] else { return nil }
    guard case .array(let a) = value else { throw mismatch(key, "an array", value) }
    return a
  }

  public func stringArray(_ key: String) throws -> [String]? {
    try array(key).map { try $0.strings() }
  }

  public func intArray(_ key: String) throws -> [Int]? {
    try array(key).map { try $0.integers() }
  }

  public func floatArray(_ key: String) throws -> [Float]? {
    try array(key).map { try $0.floats() }
  }

  /// Like the accessors above but absent keys are an error too.
  public func require<T>(_ key: String, _ read: (String) throws -> T?) throws -> T {
    guard let value = try read(key) else {
      throw GGUFError.invalid("expected metadata key \(key), found none", offset: nil)
    }
    return value
  }

  private func mismatch(_ key: String, _ expected: String, _ found: GGUFValue) -> GGUFError {
    .invalid("expected \(key) to be \(expected), found \(found.typeName)", offset: nil)
  }
}

/// One tensor's place in the mapping. `data` is valid while its `GGUFFile` is alive.
public struct GGUFTensor: @unchecked Sendable {
  // @unchecked Sendable: `data` points into a read-only mapping.
  public let name: String
  public let type: GGMLType
  /// Dimensions, fastest-varying first: a matrix is `[columns, rows]`.
  public let shape: [Int]
  /// Byte range within the file.
  public let byteRange: Range<Int>
  /// First byte of the tensor's data.
  public let data: UnsafeRawPointer

  public var elementCount: Int { shape.reduce(1, *) }
  /// Elements per row (`shape[0]`).
  public var rowLength: Int { shape[0] }
  /// Number of rows (product of the other dimensions).
  public var rowCount: Int { elementCount / shape[0] }
  /// Bytes per row.
  public var rowByteCount: Int { shape[0] / type.blockSize * type.blockByteCount }
}
