/// Random syntactically valid queries (not necessarily meaningful), for the round-trip property
/// test and the parser fuzz.
public enum RandomQueries {
  public static func query<G: RandomNumberGenerator>(using g: inout G) -> DSLQuery {
    if Bool.random(using: &g) {
      let subject = RankSubject.allCases.randomElement(using: &g)!
      let measure = Measure.all(in: subject.context).filter(\.info.rankable).randomElement(
        using: &g)!
      let head = Head.ranking(
        Ranking(
          direction: RankDirection.allCases.randomElement(using: &g)!, count: number(using: &g),
          subject: subject, measure: measure))
      let qualifiers = (0..<Int.random(in: 0...2, using: &g)).map { _ in
        Qualifier(
          measure: QualifierMeasure.allCases.randomElement(using: &g)!, value: number(using: &g))
      }
      return DSLQuery(head: head, filters: filters(using: &g), qualifiers: qualifiers)
    }
    let discipline = Discipline.allCases.randomElement(using: &g)!
    let measures = (0..<Int.random(in: 1...4, using: &g)).map { _ in
      Measure.all(in: discipline.context).randomElement(using: &g)!
    }
    return DSLQuery(
      head: .stats(Stats(discipline: discipline, measures: measures)), filters: filters(using: &g),
      breakdown: Bool.random(using: &g) ? Breakdown.allCases.randomElement(using: &g) : nil)
  }

  static func filters<G: RandomNumberGenerator>(using g: inout G) -> [Filter] {
    (0..<Int.random(in: 0...4, using: &g)).map { _ in filter(using: &g) }
  }

  static func filter<G: RandomNumberGenerator>(using g: inout G) -> Filter {
    let field = FilterField.allCases.randomElement(using: &g)!
    let form = field.forms.randomElement(using: &g)!
    switch form {
    case .equals, .bare: return Filter(field, .one(operand(field.slot, using: &g)))
    case .list:
      return Filter(
        field,
        .list((0..<Int.random(in: 1...3, using: &g)).map { _ in operand(field.slot, using: &g) }))
    case .range:
      return Filter(field, .range(operand(field.slot, using: &g), operand(field.slot, using: &g)))
    }
  }

  static func operand<G: RandomNumberGenerator>(_ slot: ValueSlot, using g: inout G) -> Operand {
    switch slot {
    case .entity(let kind):
      if Int.random(in: 0..<4, using: &g) == 0 {
        return .placeholder(
          Placeholder(
            PlaceholderKind(rawValue: kind.rawValue)!,
            Int.random(in: Placeholder.indices, using: &g)))
      }
      return .name(name(using: &g))
    case .number: return number(using: &g)
    case .year: return year(using: &g)
    case .date:
      let digits = (0..<8).map { _ in String(Int.random(in: 0...9, using: &g)) }
      return .date(
        digits[0..<4].joined() + "-" + digits[4..<6].joined() + "-" + digits[6..<8].joined())
    case .season:
      let start = year(using: &g)
      return Bool.random(using: &g)
        ? .season(start: start, end: Int.random(in: 0...99, using: &g)) : start
    case .words(let words): return .word(words.randomElement(using: &g)!)
    case .wordsOrNumber(let words):
      return Bool.random(using: &g) ? number(using: &g) : .word(words.randomElement(using: &g)!)
    }
  }

  static func number<G: RandomNumberGenerator>(using g: inout G) -> Operand {
    switch Int.random(in: 0..<5, using: &g) {
    case 0: .placeholder(Placeholder(.num, Int.random(in: Placeholder.indices, using: &g)))
    case 1: .number(Int.random(in: 0...999_999_999, using: &g))
    default: .number(Int.random(in: 0...300, using: &g))
    }
  }

  static func year<G: RandomNumberGenerator>(using g: inout G) -> Operand {
    Int.random(in: 0..<4, using: &g) == 0
      ? .placeholder(Placeholder(.year, Int.random(in: Placeholder.indices, using: &g)))
      : .number(Int.random(in: 1000...9999, using: &g))
  }

  static let nameAlphabet: [String] =
    [
      "V", " ", "Kohli", "'", "é", "-", ".", "de", "Ø", "🏏", "a", "Z", "1", "(", ",", "and", "=",
      "<",
    ]

  static func name<G: RandomNumberGenerator>(using g: inout G) -> String {
    (0..<Int.random(in: 0...5, using: &g)).map { _ in nameAlphabet.randomElement(using: &g)! }
      .joined()
  }
}
