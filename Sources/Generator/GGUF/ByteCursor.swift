/// Bounded little-endian reads from a mapped buffer: every read checks that the bytes exist and
/// fails with what was being read, where, and where the file ended.
struct ByteCursor {
  let base: UnsafeRawPointer
  let count: Int
  var offset = 0

  init(base: UnsafeRawPointer, count: Int, offset: Int = 0) {
    self.base = base
    self.count = count
    self.offset = offset
  }

  mutating func need(_ bytes: Int, _ what: @autoclosure () -> String) throws {
    guard bytes >= 0, offset <= count - bytes else {
      throw GGUFError.truncated(
        expected: "\(what()) (\(bytes) bytes at byte \(offset))", found: count)
    }
  }

  mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
    try need(MemoryLayout<T>.size, what())
    let value = T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    offset += MemoryLayout<T>.size
    return value
  }

  /// A uint64 count or size that must fit in `limit` (guards against garbage lengths).
  mutating func readCount(_ what: @autoclosure () -> String, limit: UInt64) throws -> Int {
    let at = offset
    let value = try read(UInt64.self, what())
    guard value <= limit else {
      throw GGUFError.invalid("expected \(what()) of at most \(limit), found \(value)", offset: at)
    }
    return Int(value)
  }

  mutating func readString(_ what: @autoclosure () -> String) throws -> String {
    let length = try readCount("length of \(what())", limit: UInt64(count))
    try need(length, what())
    let bytes = UnsafeRawBufferPointer(start: base + offset, count: length)
    offset += length
    return String(decoding: bytes, as: UTF8.self)
  }

  mutating func skip(_ bytes: Int, _ what: @autoclosure () -> String) throws {
    try need(bytes, what())
    offset += bytes
  }

  mutating func readValueType(_ what: @autoclosure () -> String) throws -> GGUFValueType {
    let at = offset
    let raw = try read(UInt32.self, what())
    guard let type = GGUFValueType(rawValue: raw) else {
      throw GGUFError.invalid("expected a value type 0...12 for \(what()), found \(raw)", offset: at)
    }
    return type
  }

  /// Reads a type tag and value; arrays are bounds-checked and skipped, decoded on demand.
  mutating func readValue(context: String) throws -> GGUFValue {
    let type = try readValueType("type of \(context)")
    return try readValue(of: type, context: context)
  }

  mutating func readValue(of type: GGUFValueType, context: String) throws -> GGUFValue {
    switch type {
    case .uint8: return .uint8(try read(UInt8.self, context))
    case .int8: return .int8(try read(Int8.self, context))
    case .uint16: return .uint16(try read(UInt16.self, context))
    case .int16: return .int16(try read(Int16.self, context))
    case .uint32: return .uint32(try read(UInt32.self, context))
    case .int32: return .int32(try read(Int32.self, context))
    case .uint64: return .uint64(try read(UInt64.self, context))
    case .int64: return .int64(try read(Int64.self, context))
    case .float32: return .float32(Float(bitPattern: try read(UInt32.self, context)))
    case .float64: return .float64(Double(bitPattern: try read(UInt64.self, context)))
    case .bool:
      let at = offset
      let byte = try read(UInt8.self, context)
      guard byte <= 1 else {
        throw GGUFError.invalid("expected a bool (0 or 1) for \(context), found \(byte)", offset: at)
      }
      return .bool(byte == 1)
    case .string: return .string(try readString(context))
    case .array:
      let elementType = try readValueType("element type of \(context)")
      let elementCount = try readCount("element count of \(context)", limit: UInt64(count))
      let start = offset
      try skipElements(elementType, elementCount, context: context)
      return .array(
        GGUFArray(
          elementType: elementType, count: elementCount, base: base, byteRange: start..<offset))
    }
  }

  private mutating func skipElements(_ type: GGUFValueType, _ n: Int, context: String) throws {
    if let size = type.fixedSize {
      try skip(size * n, "\(n) elements of \(context)")
      return
    }
    for i in 0..<n {
      switch type {
      case .string:
        let length = try readCount("length of element \(i) of \(context)", limit: UInt64(count))
        try skip(length, "element \(i) of \(context)")
      default:
        _ = try readValue(of: type, context: "element \(i) of \(context)")
      }
    }
  }
}
