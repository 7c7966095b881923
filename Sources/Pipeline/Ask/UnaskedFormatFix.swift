import DSL
import Understanding

/// A format the question never asked for is dropped. The examples nearly always name a format,
/// so the model adds one by habit ("Root hundreds since 2021" became `format = T20I`, and the
/// answer 0): a question with no format covers every format, as the answer then says.
/// Kept where the query itself implies the format: Test-only measures (3rd/4th innings, draws,
/// match figures), or an event named (a World Cup is one format). With a default format
/// (`--format`), the default replaces the model's guess.
enum UnaskedFormatFix {
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, formatsNamed: [String],
    defaultFormat: String?, _ notes: inout [String]
  ) {
    guard formatsNamed.isEmpty,
      !question.bindings.contains(where: { $0.kind == .event }),
      let i = query.filters.firstIndex(where: { $0.field == .format })
    else { return }
    let text = query.printed
    let testOnly = ["innings = 3", "innings = 4", "draws", "match figures", "draw %"]
    guard !testOnly.contains(where: text.contains) else { return }
    let written = query.filters[i].printed
    if let format = defaultFormat {
      let filter = Filter(.format, .one(.word(format)))
      guard query.filters[i] != filter else { return }
      notes.append("format = \(format): the default format, the model wrote \(written)")
      query.filters[i] = filter
    } else {
      notes.append("every format: the question names none, the model wrote \(written)")
      query.filters.remove(at: i)
    }
  }
}
