import DSL

/// How the REPL prints DSL answers and errors.
enum ReplRendering {
  /// The table, then the query and the row count; the SQL first when explaining.
  static func table(_ answer: DSLAnswer, explain: Bool) -> String {
    var parts: [String] = []
    if explain { parts.append("SQL: " + answer.compiled.explanation) }
    parts.append(answer.result.rows.isEmpty ? "(no rows)" : answer.result.table())
    parts.append(answer.query.printed + " — " + answer.result.summary)
    return parts.joined(separator: "\n")
  }

  /// The error, and for one located in the query the query with a caret under the column.
  static func error(_ error: any Error, in text: String) -> String {
    guard let error = error as? DSLError else { return "Error: \(error)" }
    var lines = ["Error: \(error)"]
    let queryLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if error.column > 0, queryLines.indices.contains(error.line - 1) {
      lines.append("  " + queryLines[error.line - 1])
      lines.append("  " + String(repeating: " ", count: error.column - 1) + "^")
    }
    return lines.joined(separator: "\n")
  }
}
