import Foundation

/// Question understanding: finds players, teams, grounds, competitions, formats, years and
/// numbers in a question, resolves names to the database's spelling using the question's own
/// context, rewrites cricket phrases to one wording and masks the values with placeholders.
public struct QuestionLinker: Sendable {
  public let index: NameIndex

  /// Two candidates closer than this (in score) are reported as an ambiguity, not chosen.
  static let ambiguityMargin = 0.08

  /// `aliases` (the alias files) are added to the aliases the catalog brought from the database.
  public init(catalog: LinkCatalog, aliases: LinkAliases) {
    var all = catalog.aliases
    all.players += aliases.players
    all.teams += aliases.teams
    all.venues += aliases.venues
    all.events += aliases.events
    all.franchises.merge(aliases.franchises) { a, _ in a }
    index = NameIndex(catalog: catalog, aliases: all)
  }

  public init(index: NameIndex) { self.index = index }

  public func understand(_ question: String) -> UnderstoodQuestion {
    let text = Array(question.prefix(2000))
    let tokens = Tokenizer.tokenize(String(text))
    var spans = detect(tokens, text)
    var context = Context()
    for span in spans {
      if let from = span.years.0 { context.fromYear = min(context.fromYear ?? from, from) }
      if let to = span.years.1 { context.toYear = max(context.toYear ?? to, to) }
      if case .glossary(let g) = span.content {
        switch Glossary.entries[g].hint {
        case .format(let f)?: context.formats.insert(f)
        case .measure(let m)?: context.measures.insert(m)
        case .series?: context.formats.insert(.test)
        default: break
        }
      }
    }
    // Teams and competitions first: they are context for players ("Smith" for Australia).
    // Then players, twice: players settled on the first round are context for the rest
    // ("Smith against Ashwin" is the Smith whose career overlaps Ashwin's).
    let pending = spans
    for pass in 0..<3 {
      for k in spans.indices {
        guard case .names(let entries, let distance) = pending[k].content else { continue }
        let isPlayerSpan = Set(entries.map { kindOf($0.target) }) == [.player]
        if (pass == 0) == isPlayerSpan { continue }
        let slot = resolve(pending[k], entries, distance, tokens, &context)
        if pass == 1, isPlayerSpan, slot.rivals.isEmpty, let p = entries.first(where: { index.name(of: $0.target) == slot.value }),
          case .player(let i) = p.target
        {
          context.players.append(index.players[i].firstYear...index.players[i].lastYear)
        }
        spans[k].content = .resolved([.slot(slot)])
      }
    }
    return render(question: String(text), tokens: tokens, spans: spans, context: context)
  }

  // MARK: Detection

  private func detect(_ tokens: [Token], _ text: [Character]) -> [PendingSpan] {
    let times = TimeExpressions(tokens: tokens, text: text, lastYear: index.lastYear)
    var spans: [PendingSpan] = []
    var i = 0
    while i < tokens.count {
      if let span = times.match(at: i) ?? phraseOrName(at: i, tokens) ?? number(at: i, tokens) {
        spans.append(span)
        i = span.last + 1
      } else {
        i += 1
      }
    }
    return dropStrayFirstNames(attachGivenNames(mergeRepeats(fuzzyNames(spans, tokens), tokens), tokens), tokens)
  }

  /// The longest glossary phrase or name form starting at token `i` that the gates admit. A
  /// match starting with "the" yields to a longer one starting after it ("at the Basin Reserve").
  private func phraseOrName(at i: Int, _ tokens: [Token]) -> PendingSpan? {
    guard let span = longestMatch(at: i, tokens), !countsWicketTakers(span, tokens) else {
      return nil
    }
    if tokens[i].folded == "the", i + 1 < tokens.count, let next = longestMatch(at: i + 1, tokens),
      next.last > span.last
    {
      return nil
    }
    return span
  }

  /// "top 5 wicket takers": the 5 is how many, not a five-wicket haul. A haul phrase right after
  /// "top"/"best" and before "takers" is left to the number matcher.
  private func countsWicketTakers(_ span: PendingSpan, _ tokens: [Token]) -> Bool {
    guard case .glossary(let g) = span.content,
      case .measure(let measure)? = Glossary.entries[g].hint, measure.hasSuffix("-wicket hauls"),
      span.first > 0, ["top", "best"].contains(tokens[span.first - 1].folded),
      span.last + 1 < tokens.count
    else { return false }
    return tokens[span.last + 1].folded.hasPrefix("taker")
  }

  private func longestMatch(at i: Int, _ tokens: [Token]) -> PendingSpan? {
    let longest = min(index.maxTokens, tokens.count - i)
    guard longest > 0 else { return nil }
    for length in stride(from: longest, through: 1, by: -1) {
      let key = tokens[i..<(i + length)].map(\.folded).joined(separator: " ")
      let entries = index.lookup(key)
      if entries.isEmpty { continue }
      let span = (first: i, last: i + length - 1, start: tokens[i].start, end: tokens[i + length - 1].end)
      if let g = entries.first(where: { if case .glossary = $0.target { true } else { false } }),
        case .glossary(let gi) = g.target
      {
        return PendingSpan(first: span.first, last: span.last, charStart: span.start, charEnd: span.end, content: .glossary(gi))
      }
      guard admits(key, tokens, i, length) else { continue }
      // "Lord's" is a name, not a possessive: keep the 's inside the span.
      let last = tokens[span.last]
      let ownS = !last.suffix.isEmpty && entries.contains { e in
        if case .player = e.target { return false }
        return Tokenizer.fold(index.name(of: e.target)).hasSuffix(last.folded + "s")
          || Tokenizer.fold(index.name(of: e.target)).contains(last.folded + "s ")
      }
      return PendingSpan(
        first: span.first, last: span.last, charStart: span.start,
        charEnd: ownS ? last.end + last.suffix.count : span.end,
        content: .names(entries, fuzzyDistance: 0))
    }
    return nil
  }

  /// A one-word name that is also an ordinary word ("Head", "Short", "Hope", "US") counts only
  /// when typed capitalised: surnames that are rarely sentence openers ("Hope", "Chase",
  /// "Holder") may open the question, the rest only with a possessive ("Head's"); two- and
  /// three-letter ones only in capitals.
  private func admits(_ key: String, _ tokens: [Token], _ i: Int, _ length: Int) -> Bool {
    guard length == 1 else { return true }
    let token = tokens[i]
    if Vocabulary.contains(key) {
      if key.count <= 3 { return token.isAllCaps && token.original.count > 1 }
      guard token.isCapitalized, !token.isAllCaps || token.original.count <= 3 else { return false }
      if i > 0 || !token.suffix.isEmpty { return true }
      return Vocabulary.surnamesThatMayOpen.contains(key)
    }
    if key.count <= 2 { return token.isAllCaps || !token.isNumber }
    return true
  }

  private func number(at i: Int, _ tokens: [Token]) -> PendingSpan? {
    let t = tokens[i]
    var value: Int?
    // Up to the DSL's nine digits, so "top 100000000" is bound and refused, not ignored.
    if t.isNumber, t.folded.count <= 9 { value = Int(t.folded) }
    if value == nil, i > 0, ["top", "best", "bottom", "worst", "first"].contains(tokens[i - 1].folded) {
      value = NumberWords.value(t.folded)
    }
    guard let value else { return nil }
    let slot = Slot(kind: .num, value: String(value), score: 1, matchedBy: "number", start: t.start, end: t.end)
    return PendingSpan(first: i, last: i, charStart: t.start, charEnd: t.end, content: .resolved([.slot(slot)]))
  }

  /// Words no form matched that look like names: near misses of a one-word form ("Kohil",
  /// "Labuschane") become fuzzy candidates.
  private func fuzzyNames(_ spans: [PendingSpan], _ tokens: [Token]) -> [PendingSpan] {
    var covered = [Bool](repeating: false, count: tokens.count)
    for span in spans { for i in span.first...span.last { covered[i] = true } }
    var out = spans
    for (i, token) in tokens.enumerated() where !covered[i] && looksLikeName(token, at: i) {
      let key = token.folded
      let limit = key.count >= 7 ? 2 : 1
      let near = index.nearKeys(key, maxDistance: limit)
      guard let best = near.first?.distance else { continue }
      // A lowercase word must be a close miss of a long name to count.
      if !token.isCapitalized, best > 1 || key.count < 5 { continue }
      var entries: [IndexEntry] = []
      for (k, d) in near where d == best {
        for e in index.lookup(k) where !entries.contains(e) {
          if case .glossary = e.target { continue }
          entries.append(e)
        }
      }
      if entries.isEmpty { continue }
      out.append(
        PendingSpan(
          first: i, last: i, charStart: token.start, charEnd: token.end,
          content: .names(entries, fuzzyDistance: best)))
    }
    return out.sorted { $0.first < $1.first }
  }

  func looksLikeName(_ token: Token, at i: Int) -> Bool {
    token.isAlphabetic && token.folded.count >= 4 && !Vocabulary.contains(token.folded)
  }

  /// "Marnus Labuschane": a given name and a fuzzy surname naming the same one player become one span.
  private func mergeRepeats(_ spans: [PendingSpan], _ tokens: [Token]) -> [PendingSpan] {
    var out: [PendingSpan] = []
    for span in spans {
      if var last = out.last, last.last + 1 == span.first,
        case .names(let a, let da) = last.content, case .names(let b, let db) = span.content
      {
        let common = a.filter { e in b.contains { $0.target == e.target } }
        let players = common.filter { if case .player = $0.target { true } else { false } }
        if !players.isEmpty {
          let merged = players.map { IndexEntry(target: $0.target, form: da + db == 0 ? .alias : .fuzzy) }
          last.last = span.last
          last.charEnd = span.charEnd
          last.content = .names(merged, fuzzyDistance: max(da, db) > 0 ? 1 : 0)
          out[out.count - 1] = last
          continue
        }
      }
      out.append(span)
    }
    return out
  }

  /// "Richie Berrington", "Collins Obuya": a first name (unknown, or a weak match of its own)
  /// right before a surname selects the players whose initials agree with it, and joins the span.
  private func attachGivenNames(_ spans: [PendingSpan], _ tokens: [Token]) -> [PendingSpan] {
    var out = spans
    var k = 0
    while k < out.count {
      defer { k += 1 }
      guard case .names(let entries, let distance) = out[k].content else { continue }
      let players = entries.filter { if case .player = $0.target { true } else { false } }
      guard !players.isEmpty else { continue }
      for width in [2, 1] {
        let first = out[k].first - width
        guard first >= 0 else { continue }
        let given = Array(tokens[first..<out[k].first])
        guard given.allSatisfy({ $0.isCapitalized && $0.isAlphabetic && $0.suffix.isEmpty && !Vocabulary.contains($0.folded) }),
          (first..<out[k].first).allSatisfy({ i in i == first || separatorIsSpace(tokens, i - 1, i) }),
          separatorIsSpace(tokens, out[k].first - 1, out[k].first)
        else { continue }
        // The given-name tokens must be unmatched or matched as names within these tokens
        // ("Rahul" in "Rahul Tewatia" is not KL Rahul); the initials decide below.
        let covering = out.indices.filter { out[$0].first <= out[k].first - 1 && out[$0].last >= first && $0 != k }
        let loose = covering.allSatisfy { j in
          guard out[j].first >= first, case .names = out[j].content else { return false }
          return true
        }
        guard loose else { continue }
        let agreeing = players.filter { e in
          guard case .player(let p) = e.target else { return false }
          return initialsAgree(given, index.players[p].name)
        }
        guard !agreeing.isEmpty else { continue }
        // The first given name matching the first initial is the usual case ("Steve" → SPD
        // Smith); matching a later initial (HG Munsey, "George") counts as a surname match.
        let merged = agreeing.map { e -> IndexEntry in
          guard e.form != .alias, case .player(let p) = e.target else { return e }
          let leads = index.players[p].name.first.map { Character($0.lowercased()) } == given[0].folded.first
          return IndexEntry(target: e.target, form: leads ? .initialSurname : .surname)
        }
        var span = out[k]
        let surnameStart = span.first
        span.first = first
        span.charStart = tokens[first].start
        span.content = .names(merged, fuzzyDistance: distance)
        out[k] = span
        out.removeAll { $0.first >= first && $0.last < surnameStart }
        k = out.firstIndex { $0.charStart == span.charStart } ?? k
        break
      }
    }
    return out
  }

  /// A word matched only as a near miss or as someone's first name, right before another
  /// player's name, is that player's first name we do not know ("Boeta Dippenaar"): not a name.
  private func dropStrayFirstNames(_ spans: [PendingSpan], _ tokens: [Token]) -> [PendingSpan] {
    var out: [PendingSpan] = []
    for (k, span) in spans.enumerated() {
      if case .names(let entries, let distance) = span.content, span.first == span.last,
        distance > 0 || entries.allSatisfy({ $0.form == .givenName }),
        k + 1 < spans.count, spans[k + 1].first == span.last + 1,
        separatorIsSpace(tokens, span.last, span.last + 1),
        case .names(let next, _) = spans[k + 1].content,
        next.contains(where: { if case .player = $0.target { true } else { false } })
      {
        continue
      }
      out.append(span)
    }
    return out
  }

  private func separatorIsSpace(_ tokens: [Token], _ a: Int, _ b: Int) -> Bool {
    guard a >= 0, b < tokens.count else { return false }
    return tokens[a].end + tokens[a].suffix.count <= tokens[b].start && tokens[a].suffix.isEmpty
  }

  /// Whether typed first names fit a Cricsheet name: their first letters appear in order in the
  /// initials ("George" fits HG Munsey), or they are close to its first word ("Sikander" →
  /// "Sikandar Raza").
  func initialsAgree(_ given: [Token], _ name: String) -> Bool {
    let words = name.split(separator: " ")
    guard words.count >= 2, let head = words.first else { return false }
    if head.count <= 5, head.allSatisfy({ $0.isUppercase && $0.isLetter }) {
      var initials = Substring(head.lowercased())
      for token in given {
        guard let letter = token.folded.first, let at = initials.firstIndex(of: letter) else { return false }
        initials = initials[initials.index(after: at)...]
      }
      return true
    }
    let firstWord = Array(Tokenizer.fold(String(head)).utf8)
    return EditDistance.damerau(Array(given[0].folded.utf8), firstWord, limit: 1) <= 1
  }

  // MARK: Resolution

  struct Context {
    var formats: Set<CricketFormat> = []
    var fromYear: Int?
    var toYear: Int?
    var teams: Set<String> = []
    var measures: Set<String> = []
    /// Careers of the players already settled in this question.
    var players: [ClosedRange<Int>] = []
  }

  static let bowlingMeasures: Set<String> = ["wickets", "economy", "five-wicket hauls", "four-wicket hauls", "dot balls"]
  static let battingMeasures: Set<String> = ["runs", "centuries", "fifties", "ducks", "sixes", "fours"]

  private func kindOf(_ target: IndexTarget) -> BindingKind {
    switch target {
    case .player: .player
    case .team: .team
    case .venue: .venue
    case .event: .event
    case .glossary: .event
    }
  }

  private func resolve(
    _ span: PendingSpan, _ entries: [IndexEntry], _ fuzzyDistance: Int, _ tokens: [Token],
    _ context: inout Context
  ) -> Slot {
    var b = span.first - 1
    if b >= 0, tokens[b].folded == "the" { b -= 1 }
    let before = b >= 0 ? tokens[b].folded : ""
    let atIn = ["at", "in", "venue", "ground", "@"].contains(before)
    let versus = ["vs", "v", "versus", "against", "agst", "beat", "beating", "for", "and", "with", "by"].contains(before)
    let fuzzyFactor = fuzzyDistance == 0 ? 1.0 : (fuzzyDistance == 1 ? 0.85 : 0.72)
    // "Ireland ODI wins": a word that is a team's or ground's own name is that side or ground,
    // not a minor player who shares it as a surname (AJ Ireland, 12 matches).
    let namesAPlace = entries.contains { e in
      switch e.target {
      case .team, .venue: e.form == .canonical || e.form == .alias
      default: false
      }
    }
    var scored: [(entry: IndexEntry, score: Double)] = []
    for entry in entries {
      var s = entry.form.quality
      switch entry.target {
      case .player(let p):
        s += playerFit(index.players[p], context)
        if namesAPlace, entry.form != .canonical, entry.form != .alias { s -= 0.3 }
      case .team(let t):
        s += 0.05 * popularity(index.teams[t].matches, 1200)
        if versus { s += 0.2 }
        if atIn { s -= 0.1 }
        if !context.formats.isEmpty, !index.teams[t].formats.isEmpty,
          index.teams[t].formats.isDisjoint(with: context.formats)
        {
          s -= 0.3
        }
      case .venue(let v):
        s += 0.05 * popularity(index.venues[v].matches, 300)
        s += atIn ? 0.3 : -0.1
      case .event(let e): s += 0.05 * popularity(index.events[e].matches, 1000)
      case .glossary: break
      }
      scored.append((entry, s * fuzzyFactor))
    }
    scored.sort { $0.score > $1.score }
    // One franchise under two names ("Delhi": Daredevils and Capitals) is one team: keep its
    // current name and drop the other.
    if case .team(let t) = scored[0].entry.target {
      let group = index.franchise[t] ?? index.teams[t].name
      let same = scored.filter { if case .team(let u) = $0.entry.target { (index.franchise[u] ?? index.teams[u].name) == group } else { false } }
      if same.count > 1 {
        let keep = same.first { if case .team(let u) = $0.entry.target { index.teams[u].name == group } else { false } } ?? same[0]
        scored.removeAll { e in same.contains { $0.entry == e.entry } }
        scored.insert((keep.entry, same[0].score), at: 0)
      }
    }
    let best = scored[0]
    let kind = kindOf(best.entry.target)
    let sameKind = scored.filter { kindOf($0.entry.target) == kind }
    var rivals: [ScoredName] = []
    if sameKind.count > 1, best.score - sameKind[1].score < Self.ambiguityMargin {
      rivals = sameKind.prefix(6).filter { best.score - $0.score < Self.ambiguityMargin * 2 }
        .map { ScoredName(name: index.name(of: $0.entry.target), score: rounded($0.score)) }
    }
    let value = index.name(of: best.entry.target)
    switch best.entry.target {
    case .team: context.teams.insert(value)
    case .event(let e): if let f = index.events[e].format { context.formats.insert(f) }
    default: break
    }
    let margin = sameKind.count > 1 ? best.score - sameKind[1].score : 1
    // A plain alias of a well-known player scores about 1.2, of a team or ground about 1.05.
    let expected = kind == .player ? 1.2 : 1.05
    let confidence = min(1, max(0, best.score / expected)) * min(1, 0.5 + margin * 4)
    return Slot(
      kind: kind, value: value, score: rounded(confidence),
      matchedBy: fuzzyDistance > 0 ? "fuzzy(\(fuzzyDistance))" : best.entry.form.rawValue,
      start: span.charStart, end: span.charEnd, rivals: rivals)
  }

  /// Context fit of a player: popularity, formats and years the question names, teams in it.
  func playerFit(_ player: PlayerRecord, _ context: Context) -> Double {
    var s = 0.3 * popularity(player.matches, index.maxPlayerMatches)
    if !context.formats.isEmpty {
      let inFormats = context.formats.reduce(0) { $0 + player.matches(in: $1) }
      s += inFormats == 0 ? -0.4 : 0.15 * Double(inFormats) / Double(max(1, player.matches))
    }
    if context.fromYear != nil || context.toYear != nil {
      // Years played in the question's formats (or at all): the share of the question's years
      // the player covers. "Sharma" in ODIs in 2019 is not I Sharma, whose last ODI was in 2016.
      let from = context.fromYear ?? player.firstYear
      let to = max(from, context.toYear ?? index.lastYear)
      let spans =
        context.formats.isEmpty
        ? [player.firstYear...player.lastYear] : context.formats.compactMap { player.years(in: $0) }
      let covered = spans.map { max(0, min(to, $0.upperBound) - max(from, $0.lowerBound) + 1) }.max() ?? 0
      s += covered == 0 ? -0.4 : 0.05 + 0.15 * Double(covered) / Double(to - from + 1)
    }
    if !context.teams.isEmpty, player.teams.contains(where: context.teams.contains) { s += 0.1 }
    // A bowling question suits a bowler ("Sharma wickets in Tests" is I Sharma), a batting one a batter.
    let perMatch = Double(max(1, player.matches))
    if !context.measures.isDisjoint(with: Self.bowlingMeasures) {
      s += 0.15 * min(1, Double(player.wickets) / perMatch / 1.5) - 0.05
    }
    if !context.measures.isDisjoint(with: Self.battingMeasures) {
      s += 0.15 * min(1, Double(player.runs) / perMatch / 35) - 0.05
    }
    // Contemporaries of the other players named.
    if !context.players.isEmpty {
      let career = player.firstYear...max(player.firstYear, player.lastYear)
      let overlap = context.players.map { other in
        Double(max(0, min(career.upperBound, other.upperBound) - max(career.lowerBound, other.lowerBound) + 1))
          / Double(career.count)
      }.max() ?? 0
      s += 0.2 * overlap
    }
    return s
  }

  private func popularity(_ matches: Int, _ maximum: Int) -> Double {
    log(1 + Double(matches)) / log(1 + Double(max(1, maximum)))
  }

  private func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

  // MARK: Rendering

  private func render(
    question: String, tokens: [Token], spans: [PendingSpan], context: Context
  ) -> UnderstoodQuestion {
    let chars = Array(question)
    var masked = ""
    var normalized = ""
    var bindings: [Binding] = []
    var ambiguities: [Ambiguity] = []
    var counters: [BindingKind: Int] = [:]
    var hints = QuestionHints()
    hints.formats = CricketFormat.allCases.filter(context.formats.contains)
    hints.fromYear = context.fromYear
    hints.toYear = context.toYear
    var cursor = 0
    for span in spans {
      guard span.charStart >= cursor else { continue }
      let gap = String(chars[cursor..<span.charStart])
      masked += gap
      normalized += gap
      cursor = span.charEnd
      switch span.content {
      case .glossary(let g):
        let entry = Glossary.entries[g]
        masked += entry.canonical
        normalized += entry.canonical
        switch entry.hint {
        case .phase(let p)?: if !hints.phases.contains(p) { hints.phases.append(p) }
        case .battingOrder(let b)?: if !hints.battingOrder.contains(b) { hints.battingOrder.append(b) }
        case .measure(let m)?: if !hints.measures.contains(m) { hints.measures.append(m) }
        case .series(let sides)?: if hints.sides.isEmpty { hints.sides = sides }
        case .format?, nil: break
        }
      case .resolved(let pieces):
        for piece in pieces {
          switch piece {
          case .text(let t):
            masked += t
            normalized += t
          case .slot(let slot):
            let placeholder: String
            if let same = bindings.first(where: { $0.kind == slot.kind && $0.value == slot.value }) {
              placeholder = same.placeholder
            } else if counters[slot.kind, default: 0] < 9 {
              let n = counters[slot.kind, default: 0] + 1
              counters[slot.kind] = n
              placeholder = slot.kind.placeholder(n)
            } else {
              // The DSL numbers placeholders 1–9; a tenth value of a kind stays as typed.
              let typed = String(chars[slot.start..<min(slot.end, chars.count)])
              masked += typed
              normalized += typed
              continue
            }
            let source = SourceSpan(
              start: slot.start, end: slot.end, text: String(chars[slot.start..<min(slot.end, chars.count)]))
            if !bindings.contains(where: { $0.placeholder == placeholder }) {
              bindings.append(
                Binding(
                  placeholder: placeholder, kind: slot.kind, value: slot.value, score: slot.score,
                  matchedBy: slot.matchedBy, span: source))
            }
            if !slot.rivals.isEmpty {
              ambiguities.append(Ambiguity(span: source, kind: slot.kind, placeholder: placeholder, candidates: slot.rivals))
            }
            masked += placeholder
            normalized += slot.value
          }
        }
      case .names:
        let original = String(chars[span.charStart..<span.charEnd])
        masked += original
        normalized += original
      }
    }
    let tail = String(chars[min(cursor, chars.count)...])
    masked += tail
    normalized += tail
    return UnderstoodQuestion(
      question: question, masked: collapse(masked), normalized: collapse(normalized), bindings: bindings,
      hints: hints, ambiguities: ambiguities, unknownNames: unknownNames(tokens, spans))
  }

  /// Capitalised words no span covers that are not ordinary words, with the nearest names.
  private func unknownNames(_ tokens: [Token], _ spans: [PendingSpan]) -> [UnknownName] {
    var covered = [Bool](repeating: false, count: tokens.count)
    for span in spans { for i in span.first...span.last { covered[i] = true } }
    var out: [UnknownName] = []
    for (i, token) in tokens.enumerated() where !covered[i] && token.isCapitalized && token.isAlphabetic {
      guard token.folded.count >= 3, !Vocabulary.contains(token.folded) else { continue }
      let near = index.nearKeys(token.folded, maxDistance: 2).prefix(12)
      var names: [String] = []
      for (key, _) in near {
        for e in index.lookup(key) {
          let name = index.name(of: e.target)
          if !names.contains(name) { names.append(name) }
        }
        if names.count >= 5 { break }
      }
      out.append(
        UnknownName(span: SourceSpan(start: token.start, end: token.end, text: token.original), suggestions: Array(names.prefix(5))))
    }
    return out
  }

  private func collapse(_ s: String) -> String {
    s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }
}
