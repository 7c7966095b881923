/// A value bound to a SQL parameter. Queries never splice values into SQL text.
public enum SQLParameter: Hashable, Sendable, CustomStringConvertible {
  case integer(Int)
  case text(String)

  public var description: String {
    switch self {
    case .integer(let n): String(n)
    case .text(let s): "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }
  }
}

/// The storage class of a result column.
public enum ColumnType: String, Hashable, Sendable, Codable {
  case integer, real, text
}

public struct ResultColumn: Hashable, Sendable {
  public var name: String
  public var type: ColumnType

  public init(_ name: String, _ type: ColumnType) {
    self.name = name
    self.type = type
  }
}

/// One parameterised SQL statement and what its rows hold. Parameters are numbered (`?1`,
/// `?2`, ...) so the same value may be used in several places.
public struct CompiledQuery: Hashable, Sendable {
  public var sql: String
  public var parameters: [SQLParameter]
  public var columns: [ResultColumn]
}

/// Collects parameters while SQL text is written.
final class SQLBuilder {
  private(set) var parameters: [SQLParameter] = []

  /// The placeholder for `value`, reusing the number of an equal value already bound.
  func bind(_ value: SQLParameter) -> String {
    if let index = parameters.firstIndex(of: value) { return "?\(index + 1)" }
    parameters.append(value)
    return "?\(parameters.count)"
  }

  func bind(_ n: Int) -> String { bind(.integer(n)) }
  func bind(_ s: String) -> String { bind(.text(s)) }
}
