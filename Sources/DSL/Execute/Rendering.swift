import CricketDB
import Foundation

extension QueryResult {
  /// The text of one cell: integers as written, reals with two decimals, NULL as `-`.
  public static func cell(_ value: SQLValue) -> String {
    switch value {
    case .null: "-"
    case .integer(let n): String(n)
    case .real(let d): String(format: "%.2f", d)
    case .text(let s): s
    case .blob(let b): "<\(b.count) bytes>"
    }
  }

  /// An aligned text table: numbers right-aligned, text left-aligned, a rule under the header.
  public func table() -> String {
    let header = columns.map(\.name)
    let cells = rows.map { $0.map(QueryResult.cell) }
    var widths = header.map(\.count)
    for row in cells {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    func line(_ items: [String]) -> String {
      items.enumerated().map { i, item in
        let pad = String(repeating: " ", count: max(0, widths[i] - item.count))
        return columns[i].type == .text ? item + pad : pad + item
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    var lines = [
      line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "),
    ]
    lines += cells.map(line)
    return lines.joined(separator: "\n")
  }

  /// "5 rows in 3.2 ms" (noting a cut at the row cap).
  public var summary: String {
    let count = rows.count == 1 ? "1 row" : "\(rows.count) rows"
    return count + (truncated ? " (cut at the row cap)" : "")
      + String(format: " in %.1f ms", milliseconds)
  }
}

extension SQLValue {
  /// The value as `JSONSerialization` takes it (a blob as its length).
  public var jsonValue: Any {
    switch self {
    case .null: NSNull()
    case .integer(let n): n
    case .real(let d): d
    case .text(let s): s
    case .blob(let b): b.count
    }
  }
}

extension DSLAnswer {
  /// `{"dsl", "sql", "parameters", "columns", "rows"}` as JSON text.
  public func json() -> String {
    let object: [String: Any] = [
      "dsl": query.printed,
      "sql": compiled.sql,
      "parameters": compiled.parameters.map { p -> Any in
        switch p {
        case .integer(let n): n
        case .text(let s): s
        }
      },
      "columns": result.columns.map { ["name": $0.name, "type": $0.type.rawValue] },
      "rows": result.rows.map { $0.map(\.jsonValue) },
    ]
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
      ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

extension CompiledQuery {
  /// The SQL and each numbered parameter, for `--explain`.
  public var explanation: String {
    var text = sql
    for (i, p) in parameters.enumerated() { text += "\n  ?\(i + 1) = \(p)" }
    return text
  }
}
