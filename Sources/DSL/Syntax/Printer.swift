/// The canonical text of a query: lower-case keywords, one space between words, `, ` in lists,
/// no spaces around `..`. Parsing the printed text gives the same query back, and the prefix
/// automaton accepts exactly the printed forms.
extension DSLQuery: CustomStringConvertible {
  public var description: String { printed }

  public var printed: String {
    var out = ""
    switch head {
    case .ranking(let r):
      out = "\(r.direction.rawValue) \(r.count.printed) \(r.subject.word) by \(r.measure.word)"
    case .stats(let s):
      out = s.discipline.word + " " + s.measures.map(\.word).joined(separator: ", ")
    }
    if !filters.isEmpty {
      out += " where " + filters.map(\.printed).joined(separator: " and ")
    }
    if let qualifier {
      out += " min \(qualifier.measure.rawValue) \(qualifier.value.printed)"
    }
    if let breakdown {
      out += " per \(breakdown.rawValue)"
    }
    return out
  }
}

extension Filter: CustomStringConvertible {
  public var description: String { printed }

  public var printed: String {
    switch value {
    case .one(let a):
      field.forms.contains(.bare) ? "\(field.word) \(a.printed)" : "\(field.word) = \(a.printed)"
    case .list(let xs):
      "\(field.word) in (" + xs.map(\.printed).joined(separator: ", ") + ")"
    case .range(let a, let b):
      "\(field.word) in \(a.printed)..\(b.printed)"
    }
  }
}

extension Operand: CustomStringConvertible {
  public var description: String { printed }

  public var printed: String {
    switch self {
    case .name(let s): "\"\(s)\""
    case .number(let n): String(n)
    case .word(let w): w
    case .date(let d): d
    case .season(let start, let end): start.printed + "/" + (end < 10 ? "0\(end)" : String(end))
    case .placeholder(let p): p.description
    }
  }
}
