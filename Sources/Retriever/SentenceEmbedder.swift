import Foundation
import Kernels

/// all-MiniLM-L6-v2 sentence embeddings in Swift: WordPiece → 6-layer BERT encoder → mean over
/// the sentence's tokens → L2 normalisation. Vectors are `dimension` (384) floats with unit
/// length, so the dot product of two is their cosine similarity.
///
/// Thread-safe: calls are serialised on one reusable workspace (the work inside each call is
/// already spread over OpenBLAS's threads).
public final class SentenceEmbedder: @unchecked Sendable {
  // @unchecked Sendable: `workspace` is only touched while `lock` is held; the rest is immutable.
  public let tokenizer: WordPieceTokenizer
  public let configuration: MiniLMConfiguration
  /// The weights file, for cache keys: its size and modification time identify the model.
  public let weightsURL: URL
  /// Longest input in tokens, `[CLS]` and `[SEP]` included (sentence-transformers uses 256).
  public let maximumTokens: Int
  private let encoder: MiniLMEncoder
  private let lock = NSLock()
  private let workspace: EncoderWorkspace

  public var dimension: Int { configuration.hiddenSize }

  /// Loads `model.safetensors` (mapped, not copied), `config.json` and `vocab.txt` from
  /// `modelDirectory`; throws a message naming the file and the problem if any is unusable.
  public init(modelDirectory: URL = MiniLMFiles.defaultDirectory, maximumTokens: Int = 256) throws {
    let configuration = try MiniLMConfiguration.load(
      from: modelDirectory.appendingPathComponent(MiniLMFiles.configuration))
    guard (2...configuration.maximumPositions).contains(maximumTokens) else {
      throw EncoderError(
        "maximumTokens must be between 2 and \(configuration.maximumPositions), "
          + "found \(maximumTokens)")
    }
    let tokenizer = try WordPieceTokenizer(
      vocabularyURL: modelDirectory.appendingPathComponent(MiniLMFiles.vocabulary))
    guard tokenizer.vocabularySize == configuration.vocabularySize else {
      throw EncoderError(
        "\(modelDirectory.path): vocab.txt has \(tokenizer.vocabularySize) tokens, "
          + "config.json says \(configuration.vocabularySize)")
    }
    weightsURL = modelDirectory.appendingPathComponent(MiniLMFiles.weights)
    let weights = try MiniLMWeights(
      file: SafetensorsFile(url: weightsURL), configuration: configuration)
    self.tokenizer = tokenizer
    self.configuration = configuration
    self.maximumTokens = maximumTokens
    encoder = MiniLMEncoder(configuration: configuration, weights: weights)
    workspace = EncoderWorkspace(
      hiddenSize: configuration.hiddenSize, intermediateSize: configuration.intermediateSize)
  }

  /// The unit-length embedding of one text (one pass, no padding).
  public func embed(_ text: String) -> [Float] {
    embed(tokens: [tokenizer.encode(text, maximumLength: maximumTokens)])[0]
  }

  /// The embeddings of many texts, in order. Texts are sorted by length and run in batches of
  /// `batchSize`, so similar lengths share a pass.
  public func embed(batch texts: [String], batchSize: Int = 64) -> [[Float]] {
    let matrix = embedMatrix(texts, batchSize: batchSize)
    return (0..<matrix.count).map { Array(matrix.row($0)) }
  }

  /// The embeddings of many texts as one row-major (count, dimension) matrix.
  public func embedMatrix(_ texts: [String], batchSize: Int = 64) -> EmbeddingMatrix {
    precondition(batchSize >= 1, "batchSize must be at least 1")
    let tokens = texts.map { tokenizer.encode($0, maximumLength: maximumTokens) }
    let order = tokens.indices.sorted { (tokens[$0].count, $0) < (tokens[$1].count, $1) }
    var values = [Float](repeating: 0, count: texts.count * dimension)
    var start = 0
    while start < order.count {
      let chunk = Array(order[start..<min(start + batchSize, order.count)])
      let vectors = embed(tokens: chunk.map { tokens[$0] })
      for (index, vector) in zip(chunk, vectors) {
        values.replaceSubrange((index * dimension)..<((index + 1) * dimension), with: vector)
      }
      start += batchSize
    }
    return EmbeddingMatrix(dimension: dimension, values: values)
  }

  /// Mean-pooled, normalised embeddings of already tokenised sentences, one pass.
  func embed(tokens sentences: [[Int32]]) -> [[Float]] {
    let d = dimension
    if sentences.isEmpty { return [] }
    lock.lock()
    defer { lock.unlock() }
    encoder.encode(sentences, workspace: workspace)
    let hidden = workspace.hidden.baseAddress!
    var row = 0
    return sentences.map { ids in
      var mean = [Float](repeating: 0, count: d)
      for _ in ids {
        let x = hidden + row * d
        for i in 0..<d { mean[i] += x[i] }
        row += 1
      }
      let norm = mean.withUnsafeBufferPointer { Kernels.dot($0.baseAddress!, $0.baseAddress!, d) }
        .squareRoot()
      // Mean then normalise: the 1/T factor cancels, so divide by the norm only.
      let scale = norm > 0 ? 1 / norm : 0
      for i in 0..<d { mean[i] *= scale }
      return mean
    }
  }
}

/// Row-major (count, dimension) embeddings.
public struct EmbeddingMatrix: Sendable, Equatable {
  public let dimension: Int
  public var values: [Float]

  public init(dimension: Int, values: [Float]) {
    precondition(dimension > 0 && values.count % dimension == 0)
    self.dimension = dimension
    self.values = values
  }

  public var count: Int { values.count / dimension }

  public func row(_ index: Int) -> ArraySlice<Float> {
    values[(index * dimension)..<((index + 1) * dimension)]
  }
}
