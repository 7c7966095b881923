/// The controlled task of the study's "wind tunnel": in each prompt the DSL's measure keywords are
/// replaced by nonsense words under a random one-to-one mapping (measure → word). After k examples
/// the Bayes-optimal predictive distribution for the word that stands for a queried measure is
/// known in closed form, under a uniform prior over mappings:
/// - if an example already showed the queried measure, all mass is on its word;
/// - otherwise it is uniform over the words no example has used (each used word belongs to another
///   measure, and every consistent mapping is equally likely).
public enum WindTunnelPosterior {
  /// The exact posterior over `words` (in that order) for `queried`, given the (measure, word)
  /// pairs the examples showed.
  public static func exact(
    words: [String], shown: [(measure: String, word: String)], queried: String
  ) -> [Double] {
    if let pair = shown.first(where: { $0.measure == queried }) {
      return words.map { $0 == pair.word ? 1 : 0 }
    }
    let used = Set(shown.map(\.word))
    let free = words.filter { !used.contains($0) }
    guard !free.isEmpty else { return words.map { _ in 0 } }
    return words.map { used.contains($0) ? 0 : 1 / Double(free.count) }
  }
}
