import Foundation

/// The form names are compared in: lower case, accents removed, dots and apostrophes dropped,
/// hyphens and runs of spaces made one space. "R.G. Sharma" → "rg sharma", "Lord's" → "lords",
/// "Inzamam-ul-Haq" → "inzamam ul haq".
public enum NameKey {
  public static func normalise(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var result = ""
    result.reserveCapacity(folded.utf8.count)
    var pendingSpace = false
    for scalar in folded.unicodeScalars {
      switch scalar {
      case ".", "'", "\u{2019}", "`":
        continue
      case " ", "-", "\t", "_", ",":
        pendingSpace = !result.isEmpty
      default:
        if pendingSpace {
          result.append(" ")
          pendingSpace = false
        }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Edit distance counting an insertion, deletion, substitution or swap of two neighbouring
  /// letters as one edit (optimal string alignment: "kholi" is 1 from "kohli"). Gives up,
  /// returning `limit + 1`, once the distance must exceed `limit`.
  public static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, beforePrevious[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return limit + 1 }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
