import DSL

extension UnderstoodQuestion {
  /// The bindings as the DSL substitutes them: `query.bind(question.dslBindings)`.
  public var dslBindings: [Placeholder: Operand] {
    var out: [Placeholder: Operand] = [:]
    for b in bindings {
      guard let kind = PlaceholderKind(rawValue: b.kind.rawValue),
        let index = Int(b.placeholder.dropFirst(b.kind.rawValue.count + 1).dropLast())
      else { continue }
      switch b.kind {
      case .year, .num: out[Placeholder(kind, index)] = Int(b.value).map(Operand.number) ?? .name(b.value)
      default: out[Placeholder(kind, index)] = .name(b.value)
      }
    }
    return out
  }
}
