import DSL

/// Deterministic cricket questions for benchmarks: templates filled from small lists by a
/// fixed-seed generator, so every run (and the peer) embeds the same texts.
enum BenchTexts {
  static let templates = [
    "most sixes by %p in %y", "%p %f average since %y", "%t vs %t head to head in %fs",
    "most wickets at %v", "who scored the most runs for %t in %y",
    "best bowling figures by %p against %t", "highest partnership at %v in %f cricket",
    "how many centuries has %p scored in %fs away from home since %y",
    "top 10 batters by strike rate in the death overs of %f matches in %y",
    "%p economy rate in the powerplay",
  ]
  static let players = [
    "Virat Kohli", "Dilshan", "Mahela Jayawardene", "Muralitharan", "Jimmy Anderson", "Babar Azam",
    "Rashid Khan", "Joe Root", "Steve Smith", "Kane Williamson", "Shaheen Afridi", "Ben Stokes",
  ]
  static let teams = ["India", "Australia", "England", "Sri Lanka", "MI", "CSK", "Pakistan", "NZ"]
  static let venues = ["Lord's", "the MCG", "Eden Gardens", "Galle", "the Wankhede", "Newlands"]
  static let formats = ["Test", "ODI", "T20I", "IPL"]

  static func questions(count: Int, seed: UInt64) -> [String] {
    var generator = SeededGenerator(seed: seed)
    func next(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
    return (0..<count).map { _ in
      var text = templates[next(templates.count)]
      for (mark, list) in [("%p", players), ("%t", teams), ("%v", venues), ("%f", formats)] {
        while let range = text.range(of: mark) {
          text.replaceSubrange(range, with: list[next(list.count)])
        }
      }
      while let range = text.range(of: "%y") {
        text.replaceSubrange(range, with: String(1990 + next(35)))
      }
      return text
    }
  }
}
