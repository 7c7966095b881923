/// What can go wrong loading the linker's inputs; each case says what was expected and found.
public enum UnderstandingError: Error, CustomStringConvertible, Equatable {
  case missingFile(String, hint: String)
  case malformedLine(String, line: Int, expected: String, found: String)
  case database(String)

  public var description: String {
    switch self {
    case .missingFile(let path, let hint): "cannot read \(path) (\(hint))"
    case .malformedLine(let file, let line, let expected, let found):
      "\(file):\(line): expected \(expected), found \"\(found.prefix(80))\""
    case .database(let message): "reading names from the database failed: \(message)"
    }
  }
}
