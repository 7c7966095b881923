/// One solved example the retriever can pick.
public struct Example: Sendable, Hashable, Codable {
  /// The text that is embedded: the question, already entity-masked by the caller if masking
  /// is wanted ("most sixes by <PLAYER> in <YEAR>").
  public var text: String
  /// Whatever the caller needs back (an id, the original question and its DSL): opaque here.
  public var payload: String
  /// The DSL with entities and numbers removed; examples sharing one are near-duplicates for
  /// the generator, so diversity selection avoids picking two.
  public var skeleton: String

  public init(text: String, payload: String, skeleton: String) {
    self.text = text
    self.payload = payload
    self.skeleton = skeleton
  }
}

/// An example chosen for a query.
public struct ExampleMatch: Sendable, Hashable {
  /// Position in the index's `examples`.
  public var index: Int
  public var example: Example
  /// Cosine similarity between the query and the example's text.
  public var similarity: Float
}

/// How k examples are chosen from the similarity ranking.
public enum ExampleSelection: Sendable, Hashable {
  /// The k most similar.
  case similarity
  /// Maximal marginal relevance over the `candidates` most similar: repeatedly take the example
  /// maximising `lambda · sim(query, e) − (1 − lambda) · max sim(e, chosen)`.
  case maximalMarginalRelevance(lambda: Float = 0.7, candidates: Int = 50)
  /// Walk the `candidates` most similar and take the best of each DSL skeleton first; if fewer
  /// than k skeletons appear, fill with the next most similar.
  case skeletonCoverage(candidates: Int = 50)
}
