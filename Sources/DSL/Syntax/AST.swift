/// The typed form of one DSL query:
///   head [where filter (and filter)*] [min measure N] [per breakdown]
public struct DSLQuery: Hashable, Sendable {
  public var head: Head
  public var filters: [Filter]
  /// Only after a `top`/`bottom` head: `min runs 1000`.
  public var qualifier: Qualifier?
  /// Only after a stats head: `per year`.
  public var breakdown: Breakdown?

  public init(
    head: Head, filters: [Filter] = [], qualifier: Qualifier? = nil, breakdown: Breakdown? = nil
  ) {
    self.head = head
    self.filters = filters
    self.qualifier = qualifier
    self.breakdown = breakdown
  }
}

/// What the query asks for.
public enum Head: Hashable, Sendable {
  /// `top 5 batters by sixes`
  case ranking(Ranking)
  /// `batting runs, average`
  case stats(Stats)
}

public struct Ranking: Hashable, Sendable {
  public var direction: RankDirection
  public var count: Operand
  public var subject: RankSubject
  public var measure: Measure

  public init(direction: RankDirection, count: Operand, subject: RankSubject, measure: Measure) {
    self.direction = direction
    self.count = count
    self.subject = subject
    self.measure = measure
  }
}

public struct Stats: Hashable, Sendable {
  public var discipline: Discipline
  public var measures: [Measure]

  public init(discipline: Discipline, measures: [Measure]) {
    self.discipline = discipline
    self.measures = measures
  }
}

/// `min runs 1000`: only players (or records) reaching the threshold are listed.
public struct Qualifier: Hashable, Sendable {
  public var measure: QualifierMeasure
  public var value: Operand

  public init(measure: QualifierMeasure, value: Operand) {
    self.measure = measure
    self.value = value
  }
}

/// One condition of the `where` clause.
public struct Filter: Hashable, Sendable {
  public var field: FilterField
  public var value: FilterValue

  public init(_ field: FilterField, _ value: FilterValue) {
    self.field = field
    self.value = value
  }
}

public enum FilterValue: Hashable, Sendable {
  /// `= v`, or `since v`/`before v` for the bare fields.
  case one(Operand)
  /// `in (a, b, ...)`
  case list([Operand])
  /// `in a..b`
  case range(Operand, Operand)

  /// Every operand, in order.
  public var operands: [Operand] {
    switch self {
    case .one(let a): [a]
    case .list(let xs): xs
    case .range(let a, let b): [a, b]
    }
  }
}

/// A value written in the query.
public enum Operand: Hashable, Sendable {
  /// A quoted canonical name: `"V Kohli"`.
  case name(String)
  /// A whole number, or a year.
  case number(Int)
  /// A word from a closed list: `ODI`, `opener`, `death`.
  case word(String)
  /// A calendar date `YYYY-MM-DD`.
  case date(String)
  /// A split season `2019/20`; whole-year seasons are `.number`.
  /// `start` is a year number or a `<yearN>` placeholder; `end` the two-digit suffix.
  indirect case season(start: Operand, end: Int)
  /// `<player1>`: a value the pipeline substitutes before validation.
  case placeholder(Placeholder)
}

public enum PlaceholderKind: String, CaseIterable, Hashable, Sendable {
  case player, team, venue, event, year, num
}

/// `<kindN>`, N in 1...9.
public struct Placeholder: Hashable, Sendable, CustomStringConvertible {
  public var kind: PlaceholderKind
  public var index: Int

  public init(_ kind: PlaceholderKind, _ index: Int) {
    self.kind = kind
    self.index = index
  }

  public var description: String { "<\(kind.rawValue)\(index)>" }

  /// Placeholder indices are one digit so the automaton's alphabet stays closed.
  public static let indices = 1...9
}
