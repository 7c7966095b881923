import Foundation

// The safetensors format (https://github.com/huggingface/safetensors), as read here:
//   1. 8 bytes: N, the header length, unsigned little-endian.
//   2. N bytes: a UTF-8 JSON object. Each key except "__metadata__" names a tensor:
//        {"dtype": "F32", "shape": [384, 384], "data_offsets": [begin, end]}
//      Offsets are bytes from the start of the data section, `end` exclusive.
//   3. The data section: every remaining byte, tensors stored row-major, little-endian.
// Every field is checked before use: the dtype is known, the shape's element count times the
// dtype's size equals end - begin, and the range lies inside the data section.

/// A tensor's element type as named in a safetensors header.
public enum SafetensorsDType: String, Sendable {
  case f64 = "F64"
  case f32 = "F32"
  case f16 = "F16"
  case bf16 = "BF16"
  case i64 = "I64"
  case i32 = "I32"
  case i16 = "I16"
  case i8 = "I8"
  case u8 = "U8"
  case bool = "BOOL"

  public var byteSize: Int {
    switch self {
    case .f64, .i64: 8
    case .f32, .i32: 4
    case .f16, .bf16, .i16: 2
    case .i8, .u8, .bool: 1
    }
  }
}

/// One tensor's entry in the header.
public struct SafetensorsTensor: Sendable, Equatable {
  public let name: String
  public let dtype: SafetensorsDType
  public let shape: [Int]
  /// Byte range inside the data section.
  public let byteRange: Range<Int>

  public var elementCount: Int { shape.reduce(1, *) }
}

public struct SafetensorsError: Error, CustomStringConvertible {
  public let path: String
  public let reason: String
  public var description: String { "\(path): \(reason)" }
}

/// A mapped safetensors file: the header parsed and checked, tensor data read in place.
public final class SafetensorsFile: @unchecked Sendable {
  // @unchecked Sendable: immutable after init; `file` is a read-only mapping.
  public let file: MappedFile
  public let tensors: [String: SafetensorsTensor]
  /// Offset of the data section in the file.
  let dataStart: Int

  /// Largest header accepted, as the reference implementation does (100 MB).
  static let maximumHeaderLength = 100_000_000

  public convenience init(url: URL) throws {
    try self.init(file: MappedFile(url: url))
  }

  public init(file: MappedFile) throws {
    self.file = file
    let path = file.url.path
    func fail(_ reason: String) -> SafetensorsError { SafetensorsError(path: path, reason: reason) }

    let bytes = file.bytes
    guard bytes.count >= 8 else {
      throw fail("expected at least 8 bytes (the header length), found \(bytes.count)")
    }
    let declared = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
    guard declared <= UInt64(Self.maximumHeaderLength) else {
      throw fail("header length \(declared) is implausible (limit \(Self.maximumHeaderLength))")
    }
    let headerLength = Int(declared)
    guard headerLength <= bytes.count - 8 else {
      throw fail(
        "header says \(headerLength) bytes but only \(bytes.count - 8) follow: file truncated?")
    }
    dataStart = 8 + headerLength
    let dataLength = bytes.count - dataStart

    let headerBytes = Data(bytes[8..<dataStart])
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: headerBytes)
    } catch {
      throw fail("header is not valid JSON (\(headerLength) bytes)")
    }
    guard let entries = object as? [String: Any] else {
      throw fail("header is JSON but not an object")
    }

    var tensors: [String: SafetensorsTensor] = [:]
    for (name, value) in entries where name != "__metadata__" {
      tensors[name] = try Self.parseEntry(name: name, value: value, dataLength: dataLength, fail)
    }
    // Tensors must not overlap (a corrupt header could alias one tensor's bytes as another's).
    let ordered = tensors.values.sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
    for (first, second) in zip(ordered, ordered.dropFirst())
    where second.byteRange.lowerBound < first.byteRange.upperBound {
      throw fail("tensors \(first.name) and \(second.name) overlap")
    }
    self.tensors = tensors
  }

  private static func parseEntry(
    name: String, value: Any, dataLength: Int, _ fail: (String) -> SafetensorsError
  ) throws -> SafetensorsTensor {
    guard let entry = value as? [String: Any] else {
      throw fail("tensor \(name): expected an object, found \(type(of: value))")
    }
    guard let dtypeName = entry["dtype"] as? String else {
      throw fail("tensor \(name): missing \"dtype\"")
    }
    guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
      throw fail("tensor \(name): unknown dtype \"\(dtypeName)\"")
    }
    guard let shapeValues = entry["shape"] as? [Any], let shape = integers(shapeValues),
      shape.allSatisfy({ $0 >= 0 })
    else {
      throw fail("tensor \(name): \"shape\" must be a list of non-negative integers")
    }
    guard let offsetValues = entry["data_offsets"] as? [Any], let offsets = integers(offsetValues),
      offsets.count == 2
    else {
      throw fail("tensor \(name): \"data_offsets\" must be two integers")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard 0 <= begin, begin <= end, end <= dataLength else {
      throw fail(
        "tensor \(name): data_offsets [\(begin), \(end)] fall outside the data section "
          + "of \(dataLength) bytes: file truncated or header corrupt")
    }
    let (elements, overflow) = shape.reduce((1, false)) { partial, dimension in
      let (product, overflowed) = partial.0.multipliedReportingOverflow(by: dimension)
      return (product, partial.1 || overflowed)
    }
    guard !overflow, elements * dtype.byteSize == end - begin else {
      throw fail(
        "tensor \(name): shape \(shape) of \(dtype.rawValue) needs "
          + "\(overflow ? "too many" : String(elements * dtype.byteSize)) bytes, "
          + "data_offsets give \(end - begin)")
    }
    return SafetensorsTensor(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
  }

  /// Whole numbers from a JSON array (JSONSerialization gives NSNumber); nil if any is not.
  private static func integers(_ values: [Any]) -> [Int]? {
    var result: [Int] = []
    for value in values {
      guard let number = value as? NSNumber, let integer = Int(exactly: number.doubleValue)
      else { return nil }
      result.append(integer)
    }
    return result
  }

  /// The F32 tensor `name`, read in place, after checking its dtype and shape.
  public func floats(_ name: String, shape expected: [Int]) throws -> UnsafeBufferPointer<Float> {
    func fail(_ reason: String) -> SafetensorsError {
      SafetensorsError(path: file.url.path, reason: reason)
    }
    guard let tensor = tensors[name] else { throw fail("missing tensor \(name)") }
    guard tensor.dtype == .f32 else {
      throw fail("tensor \(name): expected F32, found \(tensor.dtype.rawValue)")
    }
    guard tensor.shape == expected else {
      throw fail("tensor \(name): expected shape \(expected), found \(tensor.shape)")
    }
    guard let base = file.bytes.baseAddress else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    let start = base + dataStart + tensor.byteRange.lowerBound
    guard Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 else {
      throw fail("tensor \(name): data is not 4-byte aligned, cannot read floats in place")
    }
    return UnsafeBufferPointer(
      start: start.assumingMemoryBound(to: Float.self), count: tensor.elementCount)
  }
}
