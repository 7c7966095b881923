/// What the value slots of a query may hold, decided per question by the entity-linking stage.
///
/// Each list holds surface forms: a placeholder (`<player1>`), or a canonical name, which the slot
/// then expects in double quotes (`V Kohli` → `"V Kohli"`); years are four digits or `<yearN>`.
/// A nil list leaves the slot open: any quoted name or any placeholder of the kind (any year).
/// Numbers are always allowed as digits (`top 10`); `numbers` limits only the `<numN>`
/// placeholders.
public struct EntityChoices: Hashable, Sendable {
  public var players: [String]?
  public var teams: [String]?
  public var venues: [String]?
  public var events: [String]?
  public var years: [String]?
  public var numbers: [String]?

  public init(
    players: [String]? = nil, teams: [String]? = nil, venues: [String]? = nil,
    events: [String]? = nil, years: [String]? = nil, numbers: [String]? = nil
  ) {
    self.players = players
    self.teams = teams
    self.venues = venues
    self.events = events
    self.years = years
    self.numbers = numbers
  }

  /// Every slot open.
  public static let open = EntityChoices()

  func choices(for kind: SlotKind) -> [String]? {
    switch kind {
    case .player: players
    case .team: teams
    case .venue: venues
    case .event: events
    case .year: years
    case .number: numbers
    }
  }

  /// The exact text the slot accepts for one choice.
  static func surface(_ choice: String, kind: SlotKind) -> String {
    switch kind {
    case .player, .team, .venue, .event:
      choice.hasPrefix("<") || choice.hasPrefix("\"") ? choice : "\"\(choice)\""
    case .year, .number: choice
    }
  }
}
