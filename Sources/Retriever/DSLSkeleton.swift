/// The skeleton of a DSL query: its structure with every value removed. Quoted names,
/// placeholders (`<player1>`), numbers, years and dates each become `_`, and spacing is
/// normalised, so "top 5 batters by sixes where player = "V Kohli" and year = 2019" and
/// "top 10 batters by sixes where player = <player1> and year = <year1>" share one skeleton.
/// Closed-list words (formats, phases, measures) are structure and stay.
public enum DSLSkeleton {
  public static func of(_ dsl: String) -> String {
    var output: [String] = []
    var current = ""
    var scalars = dsl.unicodeScalars[...]
    func flush() {
      if !current.isEmpty {
        output.append(current)
        current = ""
      }
    }
    while let scalar = scalars.first {
      scalars = scalars.dropFirst()
      switch scalar {
      case "\"":
        flush()
        // Skip to the closing quote (an unterminated string runs to the end).
        while let next = scalars.first {
          scalars = scalars.dropFirst()
          if next == "\"" { break }
        }
        output.append("_")
      case "<" where scalars.first.map({ $0.properties.isAlphabetic }) ?? false:
        flush()
        while let next = scalars.first {
          scalars = scalars.dropFirst()
          if next == ">" { break }
        }
        output.append("_")
      case " ", "\t", "\n", "\r":
        flush()
      case "=", ",", "(", ")", "%", "/":
        flush()
        output.append(String(scalar))
      default:
        current.unicodeScalars.append(scalar)
      }
    }
    flush()
    // A token made only of digits, dashes and dots (2019, 2015..2019, 2019-05-30) is a value.
    return output.map { token in
      token.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        && token.unicodeScalars.contains { ("0"..."9").contains($0) } ? "_" : token
    }.joined(separator: " ")
  }
}
