/// Why a tokenizer could not be built from a model file's vocabulary.
public struct TokenizerError: Error, CustomStringConvertible, Equatable {
  public let description: String

  init(_ description: String) { self.description = description }
}
