import CricketDB
import DSL
import Foundation

/// What `QuestionAnswerer` loads once.
public struct AskConfiguration: Sendable {
  /// `qwen`, `smollm`, `qwen1.5b` (under `$CRICQ_HOME/models`), or a path to a GGUF file.
  public var model: String
  public var database: URL
  /// The folder with `seed.jsonl`, `train-*.jsonl` and `aliases/`.
  public var corpus: URL
  /// Where the retriever caches embeddings; nil: no cache.
  public var cacheDirectory: URL?

  public init(
    model: String = "qwen", database: URL = CricqPaths.database,
    corpus: URL = Corpus.repositoryFolder(),
    cacheDirectory: URL? = CricqPaths.home.appendingPathComponent("retriever", isDirectory: true)
  ) {
    self.model = model
    self.database = database
    self.corpus = corpus
    self.cacheDirectory = cacheDirectory
  }

  /// The linker's alias files: `corpus/aliases`.
  public var aliases: URL { corpus.appendingPathComponent("aliases", isDirectory: true) }

  /// The GGUF file `model` names.
  public var modelFile: URL {
    ["qwen", "smollm", "qwen1.5b"].contains(model)
      ? CricqPaths.models.appendingPathComponent("\(model)/model.gguf")
      : URL(fileURLWithPath: model)
  }
}

/// Per-question choices.
public struct AskOptions: Sendable {
  /// Examples in the prompt.
  public var k: Int
  /// 1: greedy; more: beam search of that width.
  public var beam: Int
  public var maxTokens: Int
  /// Abstain when the lowest chosen-token probability is below this.
  public var threshold: Double
  /// Added when neither the question nor the query names a format.
  public var defaultFormat: String?
  /// Answer with the linker's best reading instead of asking about an ambiguous name.
  public var acceptBestReading: Bool
  /// Asked before every generated token; true stops the question (the REPL's Ctrl-C).
  public var shouldStop: (@Sendable () -> Bool)?

  public init(
    k: Int = 4, beam: Int = 1, maxTokens: Int = 48, threshold: Double = 0.2,
    defaultFormat: String? = nil, acceptBestReading: Bool = false
  ) {
    self.k = k
    self.beam = beam
    self.maxTokens = maxTokens
    self.threshold = threshold
    self.defaultFormat = defaultFormat
    self.acceptBestReading = acceptBestReading
  }
}
