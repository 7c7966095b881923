import Understanding

/// Questions the data cannot answer, recognised from their words before any model runs.
/// The database holds Cricsheet's men's Tests (from 2001), ODIs (from 2002), T20 internationals
/// and the IPL, ball by ball; nothing else.
enum ScopeCheck {
  /// First year of the data (Tests; ODIs start in 2002).
  static let firstYear = 2001

  /// Phrase (folded, space-separated words) → why it is out of scope.
  static let phrases: [(String, String)] = [
    ("women", "the data holds men's cricket only"),
    ("womens", "the data holds men's cricket only"),
    ("ladies", "the data holds men's cricket only"),
    ("wpl", "the data holds men's cricket only (no Women's Premier League)"),
    ("captain", "the data has no captaincy records"),
    ("captains", "the data has no captaincy records"),
    ("captaincy", "the data has no captaincy records"),
    ("umpire", "the data has no umpiring records"),
    ("umpires", "the data has no umpiring records"),
    ("coach", "the data has no coaching records"),
    ("salary", "the data has no auction or salary figures"),
    ("auction", "the data has no auction or salary figures"),
    ("greatest", "that is a matter of opinion; ask for a statistic instead"),
    ("goat", "that is a matter of opinion; ask for a statistic instead"),
    ("overrated", "that is a matter of opinion; ask for a statistic instead"),
    ("better player", "that is a matter of opinion; ask for a statistic instead"),
    ("best player", "that is a matter of opinion; ask for a statistic instead"),
    ("favourite", "that is a matter of opinion; ask for a statistic instead"),
    ("bbl", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("big bash", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("psl", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("cpl", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("the hundred", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("county", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("sa20", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("ilt20", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("mlc", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("major league cricket", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("super smash", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("t20 blast", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("vitality blast", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("lpl", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("bpl", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("ranji", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("sheffield shield", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    ("first class", "only Tests, ODIs, T20 internationals and the IPL are in the data"),
    // Measures and players' attributes the query language has no word for: the model wrote
    // some other measure for "most wides bowled in ODIs" and "fastest ball bowled in the IPL".
    ("wides", "the query language does not count wides or no-balls"),
    ("no balls", "the query language does not count wides or no-balls"),
    ("noballs", "the query language does not count wides or no-balls"),
    ("speed", "the data has no ball speeds"),
    ("kph", "the data has no ball speeds"),
    ("mph", "the data has no ball speeds"),
    ("fastest ball", "the data has no ball speeds"),
    ("fastest delivery", "the data has no ball speeds"),
    ("spinner", "the data has no bowling styles (spin, pace, left-arm)"),
    ("spinners", "the data has no bowling styles (spin, pace, left-arm)"),
    ("pacer", "the data has no bowling styles (spin, pace, left-arm)"),
    ("pacers", "the data has no bowling styles (spin, pace, left-arm)"),
    ("seamers", "the data has no bowling styles (spin, pace, left-arm)"),
    ("fast bowlers", "the data has no bowling styles (spin, pace, left-arm)"),
    ("left arm", "the data has no bowling styles (spin, pace, left-arm)"),
  ]

  /// Why the question is outside the data, or nil.
  static func reason(_ question: UnderstoodQuestion) -> String? {
    let folded =
      " "
      + String(
        question.question.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }
      ).split(separator: " ").joined(separator: " ") + " "
    for (phrase, reason) in phrases where folded.contains(" \(phrase) ") {
      return reason
    }
    if let to = question.hints.toYear, to < firstYear {
      return "the data starts in \(firstYear) (Tests; ODIs from 2002), so \(to) is not covered"
    }
    return nil
  }
}
