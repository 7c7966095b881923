extension DSLQuery {
  /// Every placeholder the query uses, in order of appearance, without repeats.
  public var placeholders: [Placeholder] {
    var seen = Set<Placeholder>()
    var result: [Placeholder] = []
    func visit(_ operand: Operand) {
      switch operand {
      case .placeholder(let p): if seen.insert(p).inserted { result.append(p) }
      case .season(let start, _): visit(start)
      default: break
      }
    }
    if case .ranking(let r) = head { visit(r.count) }
    for filter in filters { filter.value.operands.forEach(visit) }
    if let qualifier { visit(qualifier.value) }
    return result
  }

  /// The query with each placeholder replaced by its value: `.name("V Kohli")` for entities,
  /// `.number(2019)` for years and numbers. Throws when a placeholder has no value or a value of
  /// the wrong sort.
  public func bind(_ values: [Placeholder: Operand]) throws(DSLError) -> DSLQuery {
    func substitute(_ operand: Operand) throws(DSLError) -> Operand {
      switch operand {
      case .placeholder(let p):
        guard let value = values[p] else {
          throw DSLError(
            .validation, column: 0, found: p.description,
            reason: "the placeholder \(p) has no value")
        }
        switch (p.kind, value) {
        case (.player, .name), (.team, .name), (.venue, .name), (.event, .name),
          (.year, .number), (.num, .number):
          return value
        default:
          throw DSLError(
            .validation, column: 0, found: value.printed,
            reason: "the placeholder \(p) needs a \(p.kind == .year || p.kind == .num ? "number" : "name")")
        }
      case .season(let start, let end):
        return .season(start: try substitute(start), end: end)
      default:
        return operand
      }
    }
    var bound = self
    if case .ranking(var r) = head {
      r.count = try substitute(r.count)
      bound.head = .ranking(r)
    }
    for i in bound.filters.indices {
      let value = bound.filters[i].value
      switch value {
      case .one(let a): bound.filters[i].value = .one(try substitute(a))
      case .list(let xs):
        var out: [Operand] = []
        for x in xs { out.append(try substitute(x)) }
        bound.filters[i].value = .list(out)
      case .range(let a, let b): bound.filters[i].value = .range(try substitute(a), try substitute(b))
      }
    }
    if var q = bound.qualifier {
      q.value = try substitute(q.value)
      bound.qualifier = q
    }
    return bound
  }
}
