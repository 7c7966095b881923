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

  /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
  public static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
