import DSL

/// What part of a DSL query a token belongs to, so the study can say where the uncertainty is.
public enum TokenRole: String, CaseIterable, Sendable {
  /// Keywords, closed-list words and symbols: `top`, `batters`, `where`, `format`, `ODI`, `=`.
  case keyword
  /// Measure words: `runs`, `strike rate`, `economy`.
  case measure
  /// Placeholders and quoted names: `<player1>`, `"V Kohli"`.
  case entity
  /// Digits: `10` in `top 10`, `240` in `min balls 240`.
  case number
  /// The stop token that ends the query.
  case end

  /// Every measure word the DSL spells (some are two words: `strike rate`).
  static let measureWords: Set<String> = Set(
    Measure.allCases.flatMap { $0.info.word.split(separator: " ").map(String.init) })
  /// Lexemes after which a measure word names a measure (`by runs`, `min balls`, `batting runs,
  /// average`); elsewhere the same word is a keyword (`top 10 innings`, `team innings`).
  static let measureLeads: Set<String> = Set(
    ["by", "min", ","] + Discipline.allCases.map(\.word))

  /// The role of each byte of `dsl`; spaces take the role of the lexeme that follows them.
  public static func byteRoles(of dsl: String) -> [TokenRole] {
    let bytes = Array(dsl.utf8)
    var roles = [TokenRole](repeating: .keyword, count: bytes.count)
    var i = 0
    var previous = ""
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    while i < bytes.count {
      if bytes[i] == 0x20 {
        i += 1
        continue
      }
      let start = i
      let role: TokenRole
      if bytes[i] == UInt8(ascii: "\"") {
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
        i = min(i + 1, bytes.count)
        role = .entity
      } else if bytes[i] == UInt8(ascii: "<") {
        while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
        i = min(i + 1, bytes.count)
        role = .entity
      } else if isDigit(bytes[i]) {
        while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "-") { i += 1 }
        role = .number
      } else if isLetter(bytes[i]) {
        while i < bytes.count, isLetter(bytes[i]) || isDigit(bytes[i]) { i += 1 }
        let word = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        let leads = measureLeads.contains(previous) || measureWords.contains(previous)
        role = measureWords.contains(word) && leads ? .measure : .keyword
        // The second word of a two-word measure follows a measure word; anything else resets.
        previous = role == .measure || measureLeads.contains(word) ? word : "-"
      } else {
        i += 1
        role = .keyword
      }
      if role != .measure, !isLetter(bytes[start]) {
        previous = bytes[start] == UInt8(ascii: ",") ? "," : "-"
      }
      for j in start..<i { roles[j] = role }
      // A space before a lexeme belongs to it (tokenizers attach leading spaces to words).
      if start > 0, bytes[start - 1] == 0x20 { roles[start - 1] = role }
    }
    return roles
  }

  /// The role of each token of `dsl`, given each token's bytes, plus `.end` for every token past
  /// the text (the stop token). A token takes the role of its first non-space byte.
  public static func tokenRoles(of dsl: String, tokenBytes: [[UInt8]]) -> [TokenRole] {
    let roles = byteRoles(of: dsl)
    var offset = 0
    var out: [TokenRole] = []
    for bytes in tokenBytes {
      if offset >= roles.count {
        out.append(.end)
        continue
      }
      let firstNonSpace = bytes.firstIndex { $0 != 0x20 } ?? 0
      out.append(roles[min(offset + firstNonSpace, roles.count - 1)])
      offset += bytes.count
    }
    return out
  }
}
