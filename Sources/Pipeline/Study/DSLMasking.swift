import DSL
import Understanding

/// Masks a solved query the way the model is asked to write it: every value the question's
/// linker bound to a placeholder (`"V Kohli"` → `<player1>`, `2019` → `<year1>`, `5` → `<num1>`)
/// is replaced by that placeholder. Values the linker did not find stay as written, so a gold
/// query can fall outside the per-question grammar (the study records that).
public enum DSLMasking {
  public static func mask(_ query: DSLQuery, bindings: [Binding]) -> DSLQuery {
    func placeholder(_ text: String) -> Operand? {
      guard text.hasPrefix("<"), text.hasSuffix(">") else { return nil }
      let inner = text.dropFirst().dropLast()
      guard let kind = PlaceholderKind.allCases.first(where: { inner.hasPrefix($0.rawValue) }),
        let index = Int(inner.dropFirst(kind.rawValue.count))
      else { return nil }
      return .placeholder(Placeholder(kind, index))
    }
    func find(_ value: String, kinds: [BindingKind]) -> Operand? {
      for kind in kinds {
        if let b = bindings.first(where: { $0.kind == kind && $0.value == value }) {
          return placeholder(b.placeholder)
        }
      }
      return nil
    }
    func masked(_ operand: Operand, yearish: Bool) -> Operand {
      switch operand {
      case .name(let name):
        return find(name, kinds: [.player, .team, .venue, .event]) ?? operand
      case .number(let n):
        return find(String(n), kinds: yearish ? [.year, .num] : [.num, .year]) ?? operand
      case .season(let start, let end):
        return .season(start: masked(start, yearish: true), end: end)
      default:
        return operand
      }
    }
    var out = query
    if case .ranking(var ranking) = out.head {
      ranking.count = masked(ranking.count, yearish: false)
      out.head = .ranking(ranking)
    }
    for i in out.filters.indices {
      let yearish = [.year, .since, .before, .season].contains(out.filters[i].field)
      switch out.filters[i].value {
      case .one(let a): out.filters[i].value = .one(masked(a, yearish: yearish))
      case .list(let xs): out.filters[i].value = .list(xs.map { masked($0, yearish: yearish) })
      case .range(let a, let b):
        out.filters[i].value = .range(masked(a, yearish: yearish), masked(b, yearish: yearish))
      }
    }
    for i in out.qualifiers.indices {
      out.qualifiers[i].value = masked(out.qualifiers[i].value, yearish: false)
    }
    return out
  }

  /// The slot choices for a question: its own placeholders for every entity kind and for years,
  /// so the model can write only what the linker found (plain numbers stay open as digits).
  public static func entityChoices(_ bindings: [Binding]) -> EntityChoices {
    func of(_ kind: BindingKind) -> [String] {
      bindings.filter { $0.kind == kind }.map(\.placeholder)
    }
    return EntityChoices(
      players: of(.player), teams: of(.team), venues: of(.venue), events: of(.event),
      years: of(.year), numbers: of(.num))
  }
}
