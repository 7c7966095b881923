/// Recursive-descent parser from query text to `DSLQuery`. Keywords are matched without regard to
/// case; the printer writes the canonical spelling.
///
///   query    = head [ "where" filter { "and" filter } ] [ "min" qmeasure NUM ] [ "per" breakdown ]
///   head     = ("top" | "bottom") NUM subject "by" measure
///            | discipline measure { "," measure }
///
/// `min` only follows a `top`/`bottom` head and `per` only a stats head (docs/DSL.md).
public enum DSLParser {
  /// Parses one query.
  public static func parse(_ text: String) throws(DSLError) -> DSLQuery {
    let lexer = Lexer(text)
    var parser = Parser(tokens: try lexer.tokens(), lexer: lexer)
    return try parser.query()
  }
}

extension DSLQuery {
  /// Parses one query; the same as `DSLParser.parse`.
  public init(parsing text: String) throws(DSLError) {
    self = try DSLParser.parse(text)
  }
}

struct Parser {
  let tokens: [Token]
  let lexer: Lexer
  var index = 0

  init(tokens: [Token], lexer: Lexer) {
    self.tokens = tokens
    self.lexer = lexer
  }

  var current: Token { tokens[index] }

  mutating func query() throws(DSLError) -> DSLQuery {
    let head = try parseHead()
    var filters: [Filter] = []
    var qualifier: Qualifier? = nil
    var breakdown: Breakdown? = nil
    if takeWord("where") {
      filters.append(try filter())
      while takeWord("and") { filters.append(try filter()) }
    }
    if case .ranking = head, takeWord("min") {
      let measure = try choose(
        QualifierMeasure.allCases, \.rawValue, "expected a measure after `min`")
      qualifier = Qualifier(measure: measure, value: try numberOperand(after: "`min \(measure.rawValue)`"))
    }
    if case .stats = head, takeWord("per") {
      breakdown = try choose(Breakdown.allCases, \.rawValue, "expected what to break down by after `per`")
    }
    if current.kind != .end {
      var expected: [String] = []
      if filters.isEmpty && qualifier == nil && breakdown == nil { expected.append("`where`") }
      if !filters.isEmpty && qualifier == nil && breakdown == nil { expected.append("`and`") }
      if case .stats(let stats) = head, filters.isEmpty, breakdown == nil {
        _ = stats
        expected.insert("`,`", at: 0)
      }
      if case .ranking = head, qualifier == nil { expected.append("`min`") }
      if case .stats = head, breakdown == nil { expected.append("`per`") }
      expected.append("the end of the query")
      let word = current.kind == .word ? current.text.lowercased() : ""
      if word == "min", case .stats = head {
        throw failure("`min` only follows a `top` or `bottom` list")
      }
      if word == "per", case .ranking = head {
        throw failure("`per` only follows a stats query such as `batting runs`")
      }
      if word == "where" || word == "and" || word == "min" || word == "per" {
        throw failure("expected " + list(expected, conjunction: "or") + " (clauses go where, min, per)")
      }
      let suggestion = word.isEmpty ? nil : closestMatch(to: word, in: ["where", "and", "min", "per"])
      throw failure("expected " + list(expected, conjunction: "or"), suggestion: suggestion)
    }
    return DSLQuery(head: head, filters: filters, qualifier: qualifier, breakdown: breakdown)
  }

  // MARK: head

  mutating func parseHead() throws(DSLError) -> Head {
    if let direction = takeChoice(RankDirection.allCases, \.rawValue) {
      let count = try numberOperand(after: "`\(direction.rawValue)`")
      let subject = try choose(
        RankSubject.allCases, \.word, "expected what to list after `\(direction.rawValue) N`")
      guard takeWord("by") else { throw failure("expected `by` after `\(subject.word)`") }
      let measures = Measure.all(in: subject.context).filter(\.info.rankable)
      let measure = try choose(measures, \.word, "expected a measure to rank \(subject.word) by")
      return .ranking(
        Ranking(direction: direction, count: count, subject: subject, measure: measure))
    }
    if let discipline = takeChoice(Discipline.allCases, \.word) {
      let measures = Measure.all(in: discipline.context)
      var chosen = [try choose(measures, \.word, "expected a \(discipline.word) measure")]
      while takeSymbol(",") {
        chosen.append(try choose(measures, \.word, "expected a \(discipline.word) measure after `,`"))
      }
      return .stats(Stats(discipline: discipline, measures: chosen))
    }
    let starts = RankDirection.allCases.map(\.rawValue) + Discipline.allCases.map(\.word)
    throw failure(
      "a query starts with " + list(starts.map { "`\($0)`" }, conjunction: "or"),
      suggestion: current.kind == .word ? closestMatch(to: current.text, in: starts) : nil)
  }

  // MARK: filters

  mutating func filter() throws(DSLError) -> Filter {
    let field = try choose(FilterField.allCases, \.word, "expected a filter")
    let forms = field.forms
    if forms.contains(.bare) {
      return Filter(field, .one(try operand(field.slot, field: field)))
    }
    if takeSymbol("=") {
      guard forms.contains(.equals) else { throw formFailure(field) }
      return Filter(field, .one(try operand(field.slot, field: field)))
    }
    if takeWord("in") {
      if takeSymbol("(") {
        guard forms.contains(.list) else { throw formFailure(field) }
        var values = [try operand(field.slot, field: field)]
        while takeSymbol(",") { values.append(try operand(field.slot, field: field)) }
        guard takeSymbol(")") else { throw failure("expected `,` or `)` in the list of `\(field.word)`") }
        return Filter(field, .list(values))
      }
      guard forms.contains(.range) else { throw formFailure(field) }
      let low = try operand(field.slot, field: field)
      guard takeSymbol("..") else { throw failure("expected `..` in the range of `\(field.word)`") }
      let high = try operand(field.slot, field: field)
      return Filter(field, .range(low, high))
    }
    throw formFailure(field)
  }

  func formFailure(_ field: FilterField) -> DSLError {
    let shapes = field.forms.map { form -> String in
      switch form {
      case .equals: "`\(field.word) = \(example(field.slot))`"
      case .list: "`\(field.word) in (\(example(field.slot)), ...)`"
      case .range: "`\(field.word) in \(example(field.slot))..\(example(field.slot))`"
      case .bare: "`\(field.word) \(example(field.slot))`"
      }
    }
    return failure("`\(field.word)` is written " + list(shapes, conjunction: "or"))
  }

  func example(_ slot: ValueSlot) -> String {
    switch slot {
    case .entity(let kind): "<\(kind.rawValue)1>"
    case .number: "N"
    case .year: "YEAR"
    case .date: "YYYY-MM-DD"
    case .season: "SEASON"
    case .words(let words), .wordsOrNumber(let words): words[0]
    }
  }

  mutating func operand(_ slot: ValueSlot, field: FilterField) throws(DSLError) -> Operand {
    switch slot {
    case .entity(let kind):
      if current.kind == .string {
        defer { index += 1 }
        return .name(current.text)
      }
      if let placeholder = try takePlaceholder(PlaceholderKind(rawValue: kind.rawValue)!) {
        return .placeholder(placeholder)
      }
      throw failure("expected a quoted \(kind.rawValue) name or <\(kind.rawValue)N> after `\(field.word)`")
    case .number:
      return try numberOperand(after: "`\(field.word)`")
    case .year:
      return try yearOperand(after: "`\(field.word)`")
    case .date:
      guard current.kind == .date else { throw failure("expected a date YYYY-MM-DD") }
      defer { index += 1 }
      return .date(current.text)
    case .season:
      let start = try yearOperand(after: "`season`")
      guard takeSymbol("/") else { return start }
      guard current.kind == .number, current.text.utf8.count == 2, let end = Int(current.text) else {
        throw failure("expected the two-digit end of a season such as 2019/20")
      }
      index += 1
      return .season(start: start, end: end)
    case .words(let words):
      return .word(try choose(words, { $0 }, "expected a value for `\(field.word)`"))
    case .wordsOrNumber(let words):
      if current.kind == .number || current.kind == .placeholder {
        return try numberOperand(after: "`\(field.word)`")
      }
      return .word(try choose(words, { $0 }, "expected a value or a number for `\(field.word)`"))
    }
  }

  mutating func numberOperand(after context: String) throws(DSLError) -> Operand {
    if current.kind == .number {
      guard current.text.utf8.count <= 9, let value = Int(current.text) else {
        throw failure("expected a number below 1000000000 after \(context)")
      }
      index += 1
      return .number(value)
    }
    if let placeholder = try takePlaceholder(.num) { return .placeholder(placeholder) }
    throw failure("expected a whole number or <numN> after \(context)")
  }

  mutating func yearOperand(after context: String) throws(DSLError) -> Operand {
    if current.kind == .number, current.text.utf8.count == 4, current.text.utf8.first != 0x30,
      let value = Int(current.text)
    {
      index += 1
      return .number(value)
    }
    if let placeholder = try takePlaceholder(.year) { return .placeholder(placeholder) }
    throw failure("expected a four-digit year or <yearN> after \(context)")
  }

  /// Takes a placeholder of `kind`; a placeholder of another kind is an error.
  mutating func takePlaceholder(_ kind: PlaceholderKind) throws(DSLError) -> Placeholder? {
    guard current.kind == .placeholder else { return nil }
    let inner = current.text.dropFirst().dropLast()
    let name = String(inner.prefix { !("0"..."9").contains($0) })
    let digits = inner.dropFirst(name.count)
    guard let found = PlaceholderKind(rawValue: name.lowercased()), digits.count == 1,
      let number = Int(digits), Placeholder.indices.contains(number)
    else {
      throw failure(
        "expected a placeholder <kindN> with N from 1 to 9 and kind one of "
          + PlaceholderKind.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard found == kind else {
      throw failure("expected a <\(kind.rawValue)N> placeholder here")
    }
    index += 1
    return Placeholder(found, number)
  }

  // MARK: keyword matching

  mutating func takeWord(_ word: String) -> Bool {
    guard current.kind == .word, current.lower == word else { return false }
    index += 1
    return true
  }

  mutating func takeSymbol(_ symbol: String) -> Bool {
    guard current.kind == .symbol, current.text == symbol else { return false }
    index += 1
    return true
  }

  /// Takes the longest of `choices` whose words match the next tokens.
  mutating func takeChoice<T>(_ choices: [T], _ spelling: (T) -> String) -> T? {
    var best: (T, Int)? = nil
    let first = tokens[index]
    guard first.kind == .word || first.kind == .symbol else { return nil }
    for choice in choices {
      let parts = phraseParts(spelling(choice))
      guard parts[0] == first.lower, index + parts.count < tokens.count else { continue }
      var matches = true
      for (k, part) in parts.enumerated().dropFirst() {
        let token = tokens[index + k]
        guard token.kind == .word || token.kind == .symbol, token.lower == part else {
          matches = false
          break
        }
      }
      if matches, best == nil || parts.count > best!.1 { best = (choice, parts.count) }
    }
    guard let (choice, length) = best else { return nil }
    index += length
    return choice
  }

  mutating func choose<T>(_ choices: [T], _ spelling: (T) -> String, _ reason: String)
    throws(DSLError) -> T
  {
    if let choice = takeChoice(choices, spelling) { return choice }
    let words = choices.map(spelling)
    var suggestion: String? = nil
    if current.kind == .word {
      // Compare against as many following words as the candidate has, so `strike rat` finds
      // `strike rate`.
      var best: (String, Int)? = nil
      for word in words {
        let count = word.split(separator: " ").count
        let written = tokens[index..<min(tokens.count - 1, index + count)].map(\.text)
          .joined(separator: " ")
        if let match = closestMatch(to: written, in: [word]) {
          let distance = editDistance(Array(written.lowercased().utf8), Array(match.utf8))
          if best == nil || distance < best!.1 { best = (match, distance) }
        }
      }
      suggestion = best?.0
      if suggestion == nil, let alias = shorthand[current.text.lowercased()],
        words.contains(alias)
      {
        suggestion = alias
      }
    } else if current.kind == .number, let alias = shorthand[current.text + (index + 1 < tokens.count ? tokens[index + 1].text.lowercased() : "")], words.contains(alias) {
      suggestion = alias
    }
    throw failure(
      reason + " (" + words.map { "`\($0)`" }.joined(separator: ", ") + ")", suggestion: suggestion)
  }

  func failure(_ reason: String, suggestion: String? = nil) -> DSLError {
    let token = current
    let found: String? =
      switch token.kind {
      case .end: nil
      case .string: "\"\(token.text)\""
      default: token.text
      }
    return lexer.error(at: token.offset, found: found, reason, suggestion: suggestion)
  }
}

/// "a, b or c"
func list(_ items: [String], conjunction: String) -> String {
  guard items.count > 1 else { return items.first ?? "" }
  return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
}

/// Shorthands fans type, for "did you mean" only: the DSL itself has one spelling per meaning.
let shorthand: [String: String] = [
  "avg": "average", "ave": "average", "sr": "strike rate", "econ": "economy", "eco": "economy",
  "er": "economy", "wkts": "wickets", "wicket": "wickets", "wkt": "wickets", "100s": "hundreds",
  "centuries": "hundreds", "tons": "hundreds", "50s": "fifties", "4s": "fours", "6s": "sixes",
  "hs": "highest score", "bbi": "best figures", "ct": "catches", "st": "stumpings",
  "t20": "T20I", "t20is": "T20I", "tests": "Test", "odis": "ODI", "run": "runs", "six": "sixes",
  "four": "fours", "batsmen": "batters", "batsman": "batters", "bowler": "bowlers",
  "batter": "batters", "team": "teams", "opponent": "opposition", "vs": "opposition",
  "against": "opposition", "ground": "venue", "stadium": "venue", "host": "country",
  "pp": "powerplay", "openers": "opener",
]

/// Every keyword phrase of the vocabulary split into lower-case words, computed once.
let vocabularyPhrases: [String: [String]] = {
  var phrases = Measure.allCases.map(\.word) + RankSubject.allCases.map(\.word)
  phrases += Discipline.allCases.map(\.word) + RankDirection.allCases.map(\.rawValue)
  phrases += QualifierMeasure.allCases.map(\.rawValue) + Breakdown.allCases.map(\.rawValue)
  phrases += FilterField.allCases.map(\.word)
  for field in FilterField.allCases {
    switch field.slot {
    case .words(let words), .wordsOrNumber(let words): phrases += words
    default: break
    }
  }
  var table: [String: [String]] = [:]
  for phrase in phrases { table[phrase] = phrase.lowercased().split(separator: " ").map(String.init) }
  return table
}()

func phraseParts(_ phrase: String) -> [String] {
  vocabularyPhrases[phrase] ?? phrase.lowercased().split(separator: " ").map(String.init)
}
