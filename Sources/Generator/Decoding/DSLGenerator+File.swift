import Foundation

extension DSLGenerator {
  /// The model and its tokenizer from one GGUF file (weights mapped, not copied).
  public convenience init(modelFile url: URL, contextCapacity: Int = 2048) throws {
    let file = try GGUFFile(url: url)
    self.init(
      model: try DecoderModel(file: file), tokenizer: try BPETokenizer(file: file),
      contextCapacity: contextCapacity)
  }
}
