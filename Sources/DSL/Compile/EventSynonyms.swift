/// Cricsheet names the same tournament differently across years ("ICC World Cup" for 2003 and
/// 2007, "World Cup" for 2019). An `event` filter naming any member of a group matches them all.
enum EventSynonyms {
  static let groups: [[String]] = [
    ["ICC Cricket World Cup", "ICC World Cup", "World Cup"],
    ["ICC Men's T20 World Cup", "ICC World Twenty20"],
  ]

  static func names(for event: String) -> [String] {
    groups.first { $0.contains(event) } ?? [event]
  }
}
