import CricketDB
import Foundation

/// The solved examples and their embeddings, searchable by cosine similarity.
///
/// Embeddings are cached on disk next to the database (`CricqPaths.home/retriever/`), keyed by a
/// hash of every example text and the model file's identity (size and modification time), so
/// a changed corpus or model rebuilds the cache on the next load.
public final class ExampleIndex: Sendable {
  public let examples: [Example]
  public let embeddings: EmbeddingMatrix
  /// Whether `init` found a valid cache (false: it embedded every text and wrote the cache).
  public let loadedFromCache: Bool
  private let selector: ExampleSelector

  /// The default cache folder: `CricqPaths.home/retriever`.
  public static var defaultCacheDirectory: URL {
    CricqPaths.home.appendingPathComponent("retriever", isDirectory: true)
  }

  /// Embeds `examples` (or loads the cached embeddings) with `embedder`. `name` names the cache
  /// file (`<name>.embeddings`); pass `cacheDirectory: nil` to skip the cache.
  public init(
    examples: [Example], embedder: SentenceEmbedder, name: String = "examples",
    cacheDirectory: URL? = ExampleIndex.defaultCacheDirectory
  ) throws {
    self.examples = examples
    let texts = examples.map(\.text)
    let cache = cacheDirectory.map {
      EmbeddingCache(url: $0.appendingPathComponent("\(name).embeddings"))
    }
    let key = EmbeddingCache.key(Self.modelIdentity(embedder) + texts)
    if let cached = cache?.load(key: key, count: texts.count, dimension: embedder.dimension) {
      embeddings = cached
      loadedFromCache = true
    } else {
      embeddings = embedder.embedMatrix(texts)
      loadedFromCache = false
      try cache?.store(embeddings, key: key)
    }
    selector = ExampleSelector(embeddings: embeddings, skeletons: examples.map(\.skeleton))
  }

  /// An index over embeddings computed elsewhere (one row per example).
  public init(examples: [Example], embeddings: EmbeddingMatrix) {
    precondition(examples.count == embeddings.count, "one embedding per example")
    self.examples = examples
    self.embeddings = embeddings
    loadedFromCache = false
    selector = ExampleSelector(embeddings: embeddings, skeletons: examples.map(\.skeleton))
  }

  /// The k examples for a query embedding (unit length, from the same embedder).
  public func search(_ query: [Float], k: Int, selection: ExampleSelection = .similarity)
    -> [ExampleMatch]
  {
    selector.select(query: query, k: k, selection: selection).map {
      ExampleMatch(index: $0.index, example: examples[$0.index], similarity: $0.similarity)
    }
  }

  /// Embeds `query` (already masked if the examples are) and returns its k examples.
  public func search(
    _ query: String, embedder: SentenceEmbedder, k: Int,
    selection: ExampleSelection = .similarity
  ) -> [ExampleMatch] {
    search(embedder.embed(query), k: k, selection: selection)
  }

  /// What identifies the model for the cache key: format version, the weights file's size and
  /// modification time, and the token limit.
  static func modelIdentity(_ embedder: SentenceEmbedder) -> [String] {
    let attributes = try? FileManager.default.attributesOfItem(atPath: embedder.weightsURL.path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
    return ["cricq-embeddings-v1", "\(size)", "\(modified)", "\(embedder.maximumTokens)"]
  }
}
