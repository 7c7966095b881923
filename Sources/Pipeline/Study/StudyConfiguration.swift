import DSL
import Foundation

/// What one `cricq study` run covers.
public struct StudyConfiguration: Sendable {
  public var ks: [Int] = [0, 1, 2, 4, 8, 16]
  public var selections: [ExampleSelectionMode] = [.retrieved, .random]
  public var models: [String] = ["qwen"]
  /// Questions: the file's test-split pairs, or every pair when it has none (each then kept out
  /// of its own examples: leave-one-out).
  public var evalFile: URL
  /// The corpus folder: the example pool is its train files (`ExamplePool.trainFiles`), as
  /// for `cricq ask`; its `aliases/` feed the linker.
  public var corpusFolder: URL
  /// The first `limit` questions (nil: all).
  public var limit: Int? = 200
  public var seed: UInt64 = 1
  public var output: URL
  /// Wind-tunnel trials per model (0: skip it; the default study is the cells only).
  public var windTunnelTrials = 0

  public init(evalFile: URL, corpusFolder: URL, output: URL) {
    self.evalFile = evalFile
    self.corpusFolder = corpusFolder
    self.output = output
  }

  /// The default questions: `corpus/test.jsonl` when it exists, else the seed corpus.
  public static func defaultEvalFile(corpus: URL) -> URL {
    let test = corpus.appendingPathComponent("test.jsonl")
    return FileManager.default.fileExists(atPath: test.path)
      ? test : corpus.appendingPathComponent("seed.jsonl")
  }

  /// Parses `0,1,2,4` into sorted distinct numbers of examples.
  public static func parseKs(_ text: String) throws -> [Int] {
    var ks: [Int] = []
    for part in text.split(separator: ",") {
      let trimmed = part.trimmingCharacters(in: .whitespaces)
      guard let k = Int(trimmed), (0...32).contains(k) else {
        throw StudyError.invalid(
          "--k expects whole numbers from 0 to 32 separated by commas, but found '\(trimmed)'")
      }
      ks.append(k)
    }
    guard !ks.isEmpty else { throw StudyError.invalid("--k needs at least one number") }
    return Array(Set(ks)).sorted()
  }

  public static func parseSelections(_ text: String) throws -> [ExampleSelectionMode] {
    var out: [ExampleSelectionMode] = []
    for part in text.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces)
      guard let mode = ExampleSelectionMode(rawValue: name) else {
        throw StudyError.invalid(
          "--select expects retrieved and/or random separated by commas, but found '\(name)'")
      }
      if !out.contains(mode) { out.append(mode) }
    }
    guard !out.isEmpty else { throw StudyError.invalid("--select needs at least one selection") }
    return out
  }

  public static func parseModels(_ text: String) throws -> [String] {
    let models = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    for model in models where !["qwen", "smollm"].contains(model) && !model.hasSuffix(".gguf") {
      throw StudyError.invalid(
        "--model expects qwen, smollm or a .gguf path separated by commas, but found '\(model)'")
    }
    guard !models.isEmpty else { throw StudyError.invalid("--model needs at least one model") }
    return models
  }
}
