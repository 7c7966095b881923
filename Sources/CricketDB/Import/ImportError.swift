/// Why a source or a match file could not be imported.
public enum ImportError: Error, Sendable, CustomStringConvertible, Equatable {
  case unreadable(String, String)
  case badZip(String, String)
  case badMember(String, String)
  case badJSON(String, String)
  case unsupported(String, String)
  case download(String, String)
  case noSource(String)

  public var description: String {
    switch self {
    case .unreadable(let path, let why): return "\(path): \(why)"
    case .badZip(let path, let why): return "\(path): not a readable zip: \(why)"
    case .badMember(let name, let why): return "\(name): \(why)"
    case .badJSON(let name, let why): return "\(name): \(why)"
    case .unsupported(let name, let why): return "\(name): skipped: \(why)"
    case .download(let url, let why): return "cannot download \(url): \(why)"
    case .noSource(let why): return why
    }
  }
}
