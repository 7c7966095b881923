import Foundation
import Testing

@testable import Retriever

/// A fixture file committed under Tests/RetrieverTests/Fixtures.
func fixtureURL(_ name: String) throws -> URL {
  let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  return folder.appendingPathComponent(name)
}

func decodeFixture<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
  try JSONDecoder().decode(T.self, from: Data(contentsOf: fixtureURL(name)))
}

/// The real MiniLM directory; a missing file fails the test with a hint.
func modelDirectory() throws -> URL {
  let directory = MiniLMFiles.defaultDirectory
  for name in [MiniLMFiles.weights, MiniLMFiles.vocabulary, MiniLMFiles.configuration] {
    let path = directory.appendingPathComponent(name).path
    try #require(
      FileManager.default.fileExists(atPath: path),
      "\(path) is missing: run scripts/setup to fetch the models")
  }
  return directory
}

func cosine(_ a: [Float], _ b: [Float]) -> Float {
  let dot = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
  let na = a.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
  let nb = b.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
  return dot / (na * nb)
}

/// A fresh empty directory under the system's temporary folder.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("cricq-retriever-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
