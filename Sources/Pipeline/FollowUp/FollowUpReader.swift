import DSL
import Foundation
import Understanding

/// Reads a follow-up's edits from the linker's masked text: placeholders become entity, year and
/// number edits, phrases from `FollowUpVocabulary` the rest. A word that is neither an entity, a
/// phrase nor filler makes the follow-up unclear.
enum FollowUpReader {
  static func edits(_ question: UnderstoodQuestion) throws(FollowUpError) -> [FollowUpEdit] {
    if let ambiguity = question.ambiguities.first {
      throw .unclear(
        "\"\(ambiguity.span.text)\" could be "
          + ambiguity.candidates.prefix(3).map(\.name).joined(separator: " or "))
    }
    if let unknown = question.unknownNames.first {
      throw .unclear("\"\(unknown.span.text)\" matches no player, team or ground")
    }
    let words = tokens(question.masked)
    let values = question.values
    var edits: [FollowUpEdit] = []
    var sawYear = false
    var i = 0
    while i < words.count {
      let word = words[i]
      if let placeholder = Placeholder(token: word) {
        let previous = i > 0 ? words[i - 1] : ""
        let next = i + 1 < words.count ? words[i + 1] : ""
        guard let value = values[placeholder.description] else {
          throw .unclear("the linker gave no value for \(placeholder)")
        }
        switch placeholder.kind {
        case .player:
          edits.append(
            FollowUpVocabulary.opponentWords.contains(previous)
              ? .opponentPlayer(value) : .player(value))
        case .team:
          var role = FollowUpVocabulary.teamRoles[previous]
          // "MI vs CSK": the first team is the subject.
          if role == nil, ["vs", "v", "versus", "against"].contains(next),
            i + 2 < words.count, Placeholder(token: words[i + 2])?.kind == .team
          {
            role = .team
          }
          edits.append(.team(value, role))
        case .venue: edits.append(.venue(value))
        case .event: edits.append(.event(value))
        case .year: sawYear = true
        case .num:
          guard let direction = RankDirection(rawValue: previous), let n = Int(value) else {
            throw .unclear("the number \(value) does not say what it counts")
          }
          edits.append(.count(direction, n))
        }
        i += 1
        continue
      }
      if word.hasPrefix("season:") {
        sawYear = true
        i += 1
        continue
      }
      if let (length, edit) = phrase(at: i, words) {
        edits.append(edit)
        i += length
        continue
      }
      if FollowUpVocabulary.filler.contains(word) || word == "top" || word == "bottom" {
        i += 1
        continue
      }
      throw .unclear("the word \"\(word)\" does not change the last question")
    }
    if sawYear { edits.append(.time(try timeFilters(question, words))) }
    guard edits.contains(where: { $0 != .instead }) else {
      throw .unclear("it names nothing to change in the last question")
    }
    return edits
  }

  /// The time filters the question's years stand for, from the linker's year range.
  private static func timeFilters(_ question: UnderstoodQuestion, _ words: [String])
    throws(FollowUpError) -> [Filter]
  {
    if let season = words.first(where: { $0.hasPrefix("season:") }) {
      let parts = season.split(separator: ":")
      guard parts.count == 3, let placeholder = Placeholder(token: String(parts[1])),
        let start = question.values[placeholder.description].flatMap({ Int($0) }),
        let end = Int(parts[2])
      else { throw .unclear("the season is not a year and two digits") }
      return [Filter(.season, .one(.season(start: .number(start), end: end)))]
    }
    let from = question.hints.fromYear
    let to = question.hints.toYear
    let since = words.contains("since") || words.contains("after") || words.contains("from")
    switch (from, to) {
    case (let a?, let b?) where a == b: return [Filter(.year, .one(.number(a)))]
    case (let a?, _?) where since && !words.contains("to"):
      return [Filter(.since, .one(.number(a)))]
    case (let a?, let b?): return [Filter(.year, .range(.number(a), .number(b)))]
    case (let a?, nil): return [Filter(.since, .one(.number(a)))]
    case (nil, let b?): return [Filter(.before, .one(.number(b + 1)))]
    case (nil, nil): throw .unclear("the years do not form a range")
    }
  }

  /// The longest vocabulary phrase starting at word `i`.
  private static func phrase(at i: Int, _ words: [String]) -> (Int, FollowUpEdit)? {
    for entry in FollowUpVocabulary.phrases where i + entry.words.count <= words.count {
      if Array(words[i..<(i + entry.words.count)]) == entry.words {
        return (entry.words.count, entry.edit)
      }
    }
    return nil
  }

  /// Lower-case words of the masked text; placeholders stay whole (`<team1>`), a season
  /// `<year1>/20` becomes `season:<year1>:20`, and possessive `'s` and punctuation are dropped.
  static func tokens(_ masked: String) -> [String] {
    var text = masked.lowercased()
    text = text.replacingOccurrences(
      of: #"(<year\d>)/(\d\d)"#, with: " season:$1:$2 ", options: .regularExpression)
    text = text.replacingOccurrences(of: "'s", with: "")
    text = text.replacingOccurrences(of: "’s", with: "")
    var words: [String] = []
    var current = ""
    for character in text {
      if character.isLetter || character.isNumber || "<>:%".contains(character) {
        current.append(character)
      } else {
        if !current.isEmpty { words.append(current) }
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}

extension Placeholder {
  /// `<team1>` → the placeholder; nil for anything else.
  init?(token: String) {
    guard token.hasPrefix("<"), token.hasSuffix(">"), token.count >= 4 else { return nil }
    let inner = token.dropFirst().dropLast()
    guard let digit = inner.last?.wholeNumberValue, Placeholder.indices.contains(digit),
      let kind = PlaceholderKind(rawValue: String(inner.dropLast()))
    else { return nil }
    self.init(kind, digit)
  }
}
