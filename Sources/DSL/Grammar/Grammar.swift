/// The canonical DSL as a regular pattern over bytes, built from the word lists in `Measure`,
/// `Vocabulary` and `FilterField`. The spacing here is the printer's: one space between words,
/// `, ` in lists, nothing around `..`.
enum Grammar {
  static let query: Pattern = .choice([
    .sequence([rankingHead, .optional(whereClause), .optional(minClause)]),
    .sequence([statsHead, .optional(whereClause), .optional(perClause)]),
  ])

  static let number: Pattern = .slot(.number)

  static let rankingHead: Pattern = .sequence([
    .words(RankDirection.allCases.map(\.rawValue)), .text(" "), number, .text(" "),
    .choice(
      RankSubject.allCases.map { subject in
        .sequence([
          .text(subject.word + " by "),
          .words(Measure.all(in: subject.context).filter(\.info.rankable).map(\.word)),
        ])
      }),
  ])

  static let statsHead: Pattern = .choice(
    Discipline.allCases.map { discipline in
      let measure = Pattern.words(Measure.all(in: discipline.context).map(\.word))
      return .sequence([
        .text(discipline.word + " "), measure, .many(.sequence([.text(", "), measure])),
      ])
    })

  static let whereClause: Pattern = .sequence([
    .text(" where "), filter, .many(.sequence([.text(" and "), filter])),
  ])

  static let minClause: Pattern = .sequence([
    .text(" min "), .words(QualifierMeasure.allCases.map(\.rawValue)), .text(" "), number,
  ])

  static let perClause: Pattern = .sequence([
    .text(" per "), .words(Breakdown.allCases.map(\.rawValue)),
  ])

  static let filter: Pattern = .choice(
    FilterField.allCases.map { field in
      let value = valuePattern(field.slot)
      let forms: [Pattern] = field.forms.map { form in
        switch form {
        case .equals: .sequence([.text(" = "), value])
        case .list:
          .sequence([.text(" in ("), value, .many(.sequence([.text(", "), value])), .text(")")])
        case .range: .sequence([.text(" in "), value, .text(".."), value])
        case .bare: .sequence([.text(" "), value])
        }
      }
      return .sequence([.text(field.word), .choice(forms)])
    })

  static func valuePattern(_ slot: ValueSlot) -> Pattern {
    switch slot {
    case .entity(let kind): .slot(SlotKind(kind))
    case .number: number
    case .year: .slot(.year)
    case .date:
      .sequence([
        Pattern.digit, .digit, .digit, .digit, .text("-"), .digit, .digit, .text("-"), .digit, .digit,
      ])
    case .season: .sequence([.slot(.year), .optional(.sequence([.text("/"), .digit, .digit]))])
    case .words(let words): .words(words)
    case .wordsOrNumber(let words): .choice(words.map { .text($0) } + [number])
    }
  }

  // MARK: slots

  /// Any name the parser accepts inside quotes: printable ASCII but `"`, or well-formed UTF-8.
  static let nameCharacter: Pattern = {
    let tail = Pattern.byteRange(0x80, 0xBF)
    return .choice([
      .byteRange(0x20, 0x21), .byteRange(0x23, 0x7E),
      .sequence([.byteRange(0xC2, 0xDF), tail]),
      .sequence([.byteRange(0xE0, 0xE0), .byteRange(0xA0, 0xBF), tail]),
      .sequence([.byteRange(0xE1, 0xEC), tail, tail]),
      .sequence([.byteRange(0xED, 0xED), .byteRange(0x80, 0x9F), tail]),
      .sequence([.byteRange(0xEE, 0xEF), tail, tail]),
      .sequence([.byteRange(0xF0, 0xF0), .byteRange(0x90, 0xBF), tail, tail]),
      .sequence([.byteRange(0xF1, 0xF3), tail, tail, tail]),
      .sequence([.byteRange(0xF4, 0xF4), .byteRange(0x80, 0x8F), tail, tail]),
    ])
  }()

  static func anyPlaceholder(_ kind: PlaceholderKind) -> Pattern {
    .sequence([.text("<\(kind.rawValue)"), .byteRange(0x31, 0x39), .text(">")])
  }

  /// The slot's pattern when the question puts no limit on it.
  static func openSlot(_ kind: SlotKind) -> Pattern {
    switch kind {
    case .player, .team, .venue, .event:
      let placeholderKind = PlaceholderKind(rawValue: "\(kind)")!
      return .choice([
        .sequence([.text("\""), .many(nameCharacter), .text("\"")]),
        anyPlaceholder(placeholderKind),
      ])
    case .year:
      return .choice([
        .sequence([.byteRange(0x31, 0x39), .digit, .digit, .digit]), anyPlaceholder(.year),
      ])
    case .number:
      return .choice([wholeNumber, anyPlaceholder(.num)])
    }
  }

  /// 0, or up to nine digits without a leading zero (the parser's limit).
  static let wholeNumber: Pattern = .choice([
    .text("0"),
    .sequence(
      [.byteRange(0x31, 0x39)]
        + Array(repeating: Pattern.optional(.digit), count: 8)),
  ])
}
