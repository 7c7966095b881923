/// A GGUF file that cannot be read: says what was expected and what was found.
public enum GGUFError: Error, CustomStringConvertible, Equatable {
  /// The file ended before something it promised.
  case truncated(expected: String, found: Int)
  /// A value that breaks the format; `offset` is where it was read, when known.
  case invalid(String, offset: Int?)
  /// The operating system refused to open or map the file.
  case io(String)

  public var description: String {
    switch self {
    case .truncated(let expected, let found):
      return "GGUF: expected \(expected), found the end of the file at byte \(found)"
    case .invalid(let message, let offset):
      return "GGUF: " + message + (offset.map { " (at byte \($0))" } ?? "")
    case .io(let message):
      return "GGUF: " + message
    }
  }
}
