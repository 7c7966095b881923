/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled.
public enum CSV {
  public static func line(_ fields: [String]) -> String {
    fields.map(quote).joined(separator: ",") + "\n"
  }

  static func quote(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Parses CSV text into rows of fields. A final line without a line break is kept; an
  /// unterminated quoted field (a file cut off mid-write) drops that last row.
  public static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar? = nil
    func nextScalar() -> Unicode.Scalar? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    while let c = nextScalar() {
      if inQuotes {
        if c == "\"" {
          if let n = nextScalar() {
            if n == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              inQuotes = false
              pending = n
            }
          } else {
            inQuotes = false
          }
        } else {
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        inQuotes = true
      } else if c == "," {
        row.append(field)
        field = ""
      } else if c == "\n" || c == "\r" {
        if c == "\r", let n = nextScalar(), n != "\n" { pending = n }
        row.append(field)
        field = ""
        rows.append(row)
        row = []
      } else {
        field.unicodeScalars.append(c)
      }
    }
    if inQuotes { return rows }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}
