import DSL
import Understanding

/// "Kane Williamson vs Joe Root Test runs": two players with "vs" are a batter facing a bowler
/// only when the second one bowls. The model writes every "X vs Y" as `player = X and
/// bowler = Y`; when Y is a batter, or both are bowlers, it is a comparison:
/// `player in (X, Y) ... per player`.
enum PlayerComparisonFix {
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, players: NameIndex?,
    _ notes: inout [String]
  ) {
    guard case .stats = query.head, query.breakdown == nil,
      let subject = query.filters.firstIndex(where: { $0.field == .player }),
      case .one(.placeholder(let first)) = query.filters[subject].value,
      let rival = query.filters.firstIndex(where: { [.bowler, .batter].contains($0.field) }),
      case .one(.placeholder(let second)) = query.filters[rival].value,
      let a = role(first, question, players), let b = role(second, question, players)
    else { return }
    let facing = query.filters[rival].field
    // A bowler facing a batter, or a batter facing a bowler, is a real match-up.
    let matchup =
      facing == .bowler
      ? b != .batter && !(a == .bowler && b == .bowler) : b != .bowler && a != .batter
    guard !matchup else { return }
    notes.append(
      "player in (\(first), \(second)) per player: \(second) is not a \(facing.word) "
        + "\(first) faces, so this compares the two")
    query.filters[subject] = Filter(.player, .list([.placeholder(first), .placeholder(second)]))
    query.filters.remove(at: rival)
    query.breakdown = .player
  }

  static func role(_ p: Placeholder, _ question: UnderstoodQuestion, _ players: NameIndex?)
    -> PlayerRole?
  {
    question.values[p.description].flatMap { players?.player(named: $0)?.role }
  }
}
