import Kernels

/// Chooses k examples from precomputed unit-length embeddings. Ties in every ranking go to the
/// lower example index, so a selection is deterministic.
struct ExampleSelector {
  let embeddings: EmbeddingMatrix
  let skeletons: [String]

  func select(query: [Float], k: Int, selection: ExampleSelection) -> [(
    index: Int, similarity: Float
  )] {
    let similarities = similaritiesTo(query)
    switch selection {
    case .similarity:
      return ranked(similarities, limit: k).map { ($0, similarities[$0]) }
    case .maximalMarginalRelevance(let lambda, let candidates):
      let pool = ranked(similarities, limit: max(k, candidates))
      return maximalMarginalRelevance(pool, similarities, k: k, lambda: lambda)
        .map { ($0, similarities[$0]) }
    case .skeletonCoverage(let candidates):
      let pool = ranked(similarities, limit: max(k, candidates))
      return skeletonCoverage(pool, k: k).map { ($0, similarities[$0]) }
    }
  }

  /// Cosine similarity of the query to every example (a dot product: all are unit length).
  func similaritiesTo(_ query: [Float]) -> [Float] {
    precondition(query.count == embeddings.dimension)
    var result = [Float](repeating: 0, count: embeddings.count)
    if embeddings.count == 0 { return result }
    embeddings.values.withUnsafeBufferPointer { matrix in
      query.withUnsafeBufferPointer { q in
        result.withUnsafeMutableBufferPointer { y in
          // y (N) = matrix (N, D) · q (D)
          Kernels.matvec(y, matrix, q, m: embeddings.count, n: embeddings.dimension)
        }
      }
    }
    return result
  }

  /// Indices of the `limit` highest similarities, highest first, ties to the lower index.
  func ranked(_ similarities: [Float], limit: Int) -> [Int] {
    let better = { (a: Int, b: Int) in
      similarities[a] > similarities[b] || (similarities[a] == similarities[b] && a < b)
    }
    if limit >= similarities.count { return similarities.indices.sorted(by: better) }
    // Keep a small sorted list: the pool is tens, the corpus thousands.
    var top: [Int] = []
    top.reserveCapacity(limit + 1)
    for i in similarities.indices {
      if top.count == limit, let last = top.last, !better(i, last) { continue }
      let position = top.firstIndex { better(i, $0) } ?? top.count
      top.insert(i, at: position)
      if top.count > limit { top.removeLast() }
    }
    return top
  }

  private func maximalMarginalRelevance(
    _ pool: [Int], _ similarities: [Float], k: Int, lambda: Float
  ) -> [Int] {
    // The pool is in similarity order, so on equal scores the first (more similar) one wins.
    var chosen: [Int] = []
    // redundancy[i]: largest similarity of pool[i] to anything chosen so far.
    var redundancy = [Float](repeating: -.infinity, count: pool.count)
    var alive = [Bool](repeating: true, count: pool.count)
    while chosen.count < min(k, pool.count) {
      var best = -1
      var bestScore = -Float.infinity
      for (position, index) in pool.enumerated() where alive[position] {
        let penalty = chosen.isEmpty ? 0 : redundancy[position]
        let score = lambda * similarities[index] - (1 - lambda) * penalty
        if score > bestScore {
          bestScore = score
          best = position
        }
      }
      alive[best] = false
      let picked = pool[best]
      chosen.append(picked)
      for (position, index) in pool.enumerated() where alive[position] {
        redundancy[position] = max(redundancy[position], pairSimilarity(index, picked))
      }
    }
    return chosen
  }

  private func skeletonCoverage(_ pool: [Int], k: Int) -> [Int] {
    var chosen: [Int] = []
    var seen = Set<String>()
    for index in pool where chosen.count < k && seen.insert(skeletons[index]).inserted {
      chosen.append(index)
    }
    for index in pool where chosen.count < k && !chosen.contains(index) {
      chosen.append(index)
    }
    return chosen
  }

  private func pairSimilarity(_ a: Int, _ b: Int) -> Float {
    embeddings.values.withUnsafeBufferPointer { m in
      let d = embeddings.dimension
      return Kernels.dot(m.baseAddress! + a * d, m.baseAddress! + b * d, d)
    }
  }
}
