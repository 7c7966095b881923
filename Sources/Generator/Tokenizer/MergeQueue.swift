/// A candidate merge of two adjacent symbols in a word.
struct MergeCandidate {
  var rank: Int32
  var left: Int32
  var right: Int32
  var leftID: Int32
  var rightID: Int32

  /// Lower rank first; on equal rank the leftmost pair first. This tie-break is what llama.cpp and
  /// Hugging Face `tokenizers` do, and token-id parity depends on it ("aaa" merges as "aa"+"a").
  func precedes(_ other: MergeCandidate) -> Bool {
    rank != other.rank ? rank < other.rank : left < other.left
  }
}

/// A binary min-heap of merge candidates ordered by `MergeCandidate.precedes`.
struct MergeQueue {
  private var heap: [MergeCandidate] = []

  var isEmpty: Bool { heap.isEmpty }

  mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

  mutating func push(_ candidate: MergeCandidate) {
    heap.append(candidate)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].precedes(heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> MergeCandidate? {
    guard let first = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var best = parent
        if left < heap.count, heap[left].precedes(heap[best]) { best = left }
        if right < heap.count, heap[right].precedes(heap[best]) { best = right }
        if best == parent { break }
        heap.swapAt(parent, best)
        parent = best
      }
    }
    return first
  }
}
