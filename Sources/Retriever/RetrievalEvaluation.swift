/// Recall@k of the retriever: for each held-out query, does any of its k chosen examples share
/// the query's gold DSL skeleton? This is what the generator needs: an example with the same
/// structure to copy from.
public enum RetrievalEvaluation {
  /// A held-out question: the text to embed (masked or not, matching the index) and the
  /// skeleton of its gold DSL.
  public struct Query: Sendable, Hashable {
    public var text: String
    public var skeleton: String
    public init(text: String, skeleton: String) {
      self.text = text
      self.skeleton = skeleton
    }
  }

  /// Recall@k for each k in `ks`, as a fraction of the queries.
  public static func recall(
    index: ExampleIndex, queries: [Query], embedder: SentenceEmbedder,
    ks: [Int] = [1, 4, 8], selection: ExampleSelection
  ) -> [Int: Double] {
    let vectors = embedder.embedMatrix(queries.map(\.text))
    return recall(
      index: index, queryEmbeddings: vectors, goldSkeletons: queries.map(\.skeleton), ks: ks,
      selection: selection)
  }

  /// Recall@k from query embeddings computed elsewhere (row i goes with `goldSkeletons[i]`).
  public static func recall(
    index: ExampleIndex, queryEmbeddings: EmbeddingMatrix, goldSkeletons: [String],
    ks: [Int] = [1, 4, 8], selection: ExampleSelection
  ) -> [Int: Double] {
    precondition(queryEmbeddings.count == goldSkeletons.count, "one skeleton per query")
    var hits = [Int: Int]()
    for k in ks { hits[k] = 0 }
    for (row, gold) in goldSkeletons.enumerated() {
      let query = Array(queryEmbeddings.row(row))
      for k in ks {
        let chosen = index.search(query, k: k, selection: selection)
        if chosen.contains(where: { $0.example.skeleton == gold }) { hits[k, default: 0] += 1 }
      }
    }
    let total = Double(max(goldSkeletons.count, 1))
    return hits.mapValues { Double($0) / total }
  }
}
