/// A problem with a query, located in its text. The same type carries syntax errors (from the
/// parser), validation errors (unknown names, measures that do not fit) and execution errors.
public struct DSLError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable {
    case syntax, validation, execution
  }

  public var kind: Kind
  /// 1-based line and column of the offending token (0 when the error concerns the whole query).
  public var line: Int
  public var column: Int
  /// What was found there, as written (nil for "end of query").
  public var found: String?
  /// What is wrong, as a sentence fragment: "expected a measure after `by`".
  public var reason: String
  /// A near miss from the closed list the value should have come from.
  public var suggestion: String?

  public init(
    _ kind: Kind, line: Int = 1, column: Int, found: String?, reason: String,
    suggestion: String? = nil
  ) {
    self.kind = kind
    self.line = line
    self.column = column
    self.found = found
    self.reason = reason
    self.suggestion = suggestion
  }

  public var description: String {
    var text = column > 0 ? "line \(line), column \(column): \(reason)" : reason
    if column > 0 || found != nil {
      text += ", but found " + (found.map { "`\($0)`" } ?? "the end of the query")
    }
    if let suggestion { text += "; did you mean `\(suggestion)`?" }
    return text
  }
}

/// Picks the closest candidate to `word` by edit distance, if close enough to be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
  let lowered = word.lowercased()
  var best: (String, Int)? = nil
  for candidate in candidates {
    let distance = editDistance(Array(lowered.utf8), Array(candidate.lowercased().utf8))
    if best == nil || distance < best!.1 { best = (candidate, distance) }
  }
  guard let (candidate, distance) = best else { return nil }
  let allowed = max(1, min(3, candidate.count / 3))
  return distance <= allowed ? candidate : nil
}

/// Levenshtein distance over bytes.
func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
