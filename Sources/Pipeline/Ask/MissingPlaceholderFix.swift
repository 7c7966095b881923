import DSL
import Understanding

/// The last-resort decode may leave out a placeholder the model would not place ("RCB vs CSK
/// wins": greedy and beam 2 both padded `team = <team1> and ...` with clauses until the token
/// budget ran out, never writing `<team2>`). A value the question names cannot be dropped, so
/// each missing one is placed where the question leaves no doubt, or the answerer abstains:
/// - a team after "vs" / "v" / "versus" / "against" is the `opposition` (none written yet);
/// - the question's one year (or two, a range) is `year = ` / `year in ..` when the query has
///   no time filter (`OpenYearRangeFix` then reads "since" / "before").
enum MissingPlaceholderFix {
  static let versusWords: Set<String> = ["vs", "v", "versus", "against"]
  static let timeFields: Set<FilterField> = [.year, .since, .before, .season, .date]

  /// Places what it can; returns the placeholders still missing.
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) -> [Placeholder] {
    let written = Set(query.placeholders)
    let missing = question.dslBindings.keys.filter { !written.contains($0) }
      .sorted { $0.description < $1.description }
    guard !missing.isEmpty else { return [] }
    let words = QuestionWords(question)
    var left: [Placeholder] = []
    let years = missing.filter { $0.kind == .year }
    if !years.isEmpty, years.count <= 2,
      question.dslBindings.keys.filter({ $0.kind == .year })
        .count == years.count, !query.filters.contains(where: { timeFields.contains($0.field) })
    {
      let value: FilterValue =
        years.count == 1
        ? .one(.placeholder(years[0])) : .range(.placeholder(years[0]), .placeholder(years[1]))
      let filter = Filter(.year, value)
      notes.append("\(filter.printed): the model left out the question's year")
      query.filters.append(filter)
    } else {
      left += years
    }
    for placeholder in missing where placeholder.kind != .year {
      let afterVersus = words.positions(of: placeholder.description).contains { i in
        words.before(i).map(versusWords.contains) == true
      }
      if placeholder.kind == .team, afterVersus,
        !query.filters.contains(where: { $0.field == .opposition })
      {
        let filter = Filter(.opposition, .one(.placeholder(placeholder)))
        notes.append("\(filter.printed): the model left out the side after \"vs\"")
        query.filters.append(filter)
      } else {
        left.append(placeholder)
      }
    }
    return left
  }
}
