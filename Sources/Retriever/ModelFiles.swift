import CricketDB
import Foundation

/// Where the MiniLM files live and what each is called.
public enum MiniLMFiles {
  /// `~/.cache/cricq/models/minilm` (or under `$CRICQ_HOME`), filled by `scripts/setup`.
  public static var defaultDirectory: URL {
    CricqPaths.models.appendingPathComponent("minilm", isDirectory: true)
  }
  public static let weights = "model.safetensors"
  public static let vocabulary = "vocab.txt"
  public static let configuration = "config.json"
}
