import DSL
import Understanding

/// "most runs in the Ashes", "Lyon Ashes wickets": a series the question names is the Tests
/// between its two sides (`hints.sides`; the format is set from the same hint). A side the
/// query already names as its team gets the other as opposition; otherwise both sides are
/// listed as team and as opposition, which for one player is his Tests against the other side.
enum SeriesFix {
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    let sides = question.hints.sides
    guard sides.count == 2, !query.filters.contains(where: { $0.field == .opposition }) else {
      return
    }
    let teams = query.filters.indices.filter { query.filters[$0].field == .team }
    if let t = teams.first {
      guard teams.count == 1, case .one(let operand) = query.filters[t].value,
        let side = sides.firstIndex(of: value(operand, question))
      else { return }
      let other = sides[1 - side]
      notes.append("opposition = \(other): \(sides.joined(separator: " v ")) in the series")
      query.filters.insert(Filter(.opposition, .one(.name(other))), at: t + 1)
      return
    }
    let both = FilterValue.list(sides.map { .name($0) })
    notes.append(
      "team and opposition in (\(sides.joined(separator: ", "))): the series is their Tests")
    let at = PostDecodingFixes.firstFilterAfterSubject(query)
    query.filters.insert(contentsOf: [Filter(.team, both), Filter(.opposition, both)], at: at)
  }

  static func value(_ operand: Operand, _ question: UnderstoodQuestion) -> String {
    switch operand {
    case .placeholder(let p): question.values[p.description] ?? ""
    case .name(let name): name
    default: ""
    }
  }
}
