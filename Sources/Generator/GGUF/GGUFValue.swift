/// The value types of GGUF metadata (format item 5b).
public enum GGUFValueType: UInt32, Sendable {
  case uint8 = 0, int8, uint16, int16, uint32, int32, float32, bool, string, array, uint64, int64,
    float64

  /// Bytes per value, nil for strings and arrays.
  var fixedSize: Int? {
    switch self {
    case .uint8, .int8, .bool: return 1
    case .uint16, .int16: return 2
    case .uint32, .int32, .float32: return 4
    case .uint64, .int64, .float64: return 8
    case .string, .array: return nil
    }
  }
}

/// One metadata value.
public enum GGUFValue: Sendable, CustomStringConvertible {
  case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32)
  case uint64(UInt64), int64(Int64), float32(Float), float64(Double), bool(Bool)
  case string(String)
  case array(GGUFArray)

  /// The value as an Int when it is an integer (or bool) that fits.
  public var integer: Int? {
    switch self {
    case .uint8(let v): return Int(v)
    case .int8(let v): return Int(v)
    case .uint16(let v): return Int(v)
    case .int16(let v): return Int(v)
    case .uint32(let v): return Int(v)
    case .int32(let v): return Int(v)
    case .uint64(let v): return Int(exactly: v)
    case .int64(let v): return Int(v)
    case .bool(let v): return v ? 1 : 0
    default: return nil
    }
  }

  public var typeName: String {
    switch self {
    case .uint8: return "uint8"
    case .int8: return "int8"
    case .uint16: return "uint16"
    case .int16: return "int16"
    case .uint32: return "uint32"
    case .int32: return "int32"
    case .uint64: return "uint64"
    case .int64: return "int64"
    case .float32: return "float32"
    case .float64: return "float64"
    case .bool: return "bool"
    case .string: return "string"
    case .array(let a): return "array of \(a.count) \(a.elementType)"
    }
  }

  public var description: String {
    switch self {
    case .float32(let v): return "\(v)"
    case .float64(let v): return "\(v)"
    case .bool(let v): return "\(v)"
    case .string(let s): return "\"\(s)\""
    case .array: return typeName
    default: return integer.map { "\($0)" } ?? typeName
    }
  }
}

/// A metadata array, decoded on demand (the tokenizer's arrays hold 150,000 strings each).
public struct GGUFArray: @unchecked Sendable {
  // @unchecked Sendable: `base` points into the owning GGUFFile's read-only mapping.
  public let elementType: GGUFValueType
  public let count: Int
  let base: UnsafeRawPointer
  let byteRange: Range<Int>

  private var cursor: ByteCursor {
    ByteCursor(base: base, count: byteRange.upperBound, offset: byteRange.lowerBound)
  }

  /// All elements as values (works for every element type, arrays included).
  public func values() throws -> [GGUFValue] {
    var c = cursor
    var out: [GGUFValue] = []
    out.reserveCapacity(count)
    for i in 0..<count { out.append(try c.readValue(of: elementType, context: "element \(i)")) }
    return out
  }

  public func strings() throws -> [String] {
    guard elementType == .string else {
      throw GGUFError.invalid("expected an array of strings, found \(elementType)", offset: nil)
    }
    var c = cursor
    var out: [String] = []
    out.reserveCapacity(count)
    for i in 0..<count { out.append(try c.readString("string \(i)")) }
    return out
  }

  /// Integer (or bool) elements widened to Int.
  public func integers() throws -> [Int] {
    var c = cursor
    var out: [Int] = []
    out.reserveCapacity(count)
    switch elementType {
    case .int32:
      for _ in 0..<count { out.append(Int(try c.read(Int32.self, "int32 element"))) }
    case .uint8, .int8, .uint16, .int16, .uint32, .uint64, .int64, .bool:
      for i in 0..<count {
        let v = try c.readValue(of: elementType, context: "element \(i)")
        guard let n = v.integer else {
          throw GGUFError.invalid("expected an integer element \(i), found \(v)", offset: nil)
        }
        out.append(n)
      }
    default:
      throw GGUFError.invalid("expected an array of integers, found \(elementType)", offset: nil)
    }
    return out
  }

  public func floats() throws -> [Float] {
    var c = cursor
    var out: [Float] = []
    out.reserveCapacity(count)
    switch elementType {
    case .float32:
      for _ in 0..<count { out.append(Float(bitPattern: try c.read(UInt32.self, "float32"))) }
    case .float64:
      for _ in 0..<count { out.append(Float(Double(bitPattern: try c.read(UInt64.self, "float64")))) }
    default:
      throw GGUFError.invalid("expected an array of floats, found \(elementType)", offset: nil)
    }
    return out
  }
}
