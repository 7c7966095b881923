/// A value as SQLite stores it: one case per storage class.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  public var description: String {
    switch self {
    case .null: return "NULL"
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .text(let value): return value
    case .blob(let bytes): return "<\(bytes.count) bytes>"
    }
  }

  /// The value as an integer when it is one (reals with no fraction count too).
  public var intValue: Int? {
    switch self {
    case .integer(let value): return Int(value)
    case .real(let value) where value.rounded() == value && abs(value) < 9e15: return Int(value)
    default: return nil
    }
  }

  /// The value as a double when it is numeric.
  public var doubleValue: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .real(let value): return value
    default: return nil
    }
  }

  public var stringValue: String? {
    if case .text(let value) = self { return value }
    return nil
  }

  public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
  ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
  public init(integerLiteral value: Int64) { self = .integer(value) }
  public init(stringLiteral value: String) { self = .text(value) }
  public init(floatLiteral value: Double) { self = .real(value) }
  public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
  public init(_ value: Int) { self = .integer(Int64(value)) }
  public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
  public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
  public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
  public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
}
