import Foundation
import Testing

@testable import Retriever

/// Loaded once for the suite: mapping the model is cheap, but there is no need to repeat it.
private let sharedEmbedder = Result { try SentenceEmbedder(modelDirectory: modelDirectory()) }

@Suite("MiniLM embeddings against sentence-transformers")
struct EmbeddingParityTests {
  struct Record: Decodable {
    let text: String
    let embedding: [Float]
  }

  @Test("cosine with the reference is at least 0.9999 on every fixture sentence, one by one")
  func parityOneByOne() throws {
    let embedder = try sharedEmbedder.get()
    let records = try decodeFixture([Record].self, "embedding-parity.json")
    #expect(records.count >= 50)
    var worst: (Float, String) = (1, "")
    for record in records {
      let similarity = cosine(embedder.embed(record.text), record.embedding)
      if similarity < worst.0 { worst = (similarity, record.text) }
    }
    #expect(worst.0 >= 0.9999, "worst cosine \(worst.0) on \(worst.1.prefix(60).debugDescription)")
  }

  @Test("a batch gives the same vectors as one at a time, in the input order")
  func batchMatchesSingle() throws {
    let embedder = try sharedEmbedder.get()
    let records = try decodeFixture([Record].self, "embedding-parity.json")
    let texts = records.map(\.text)
    let batched = embedder.embed(batch: texts, batchSize: 7)
    #expect(batched.count == texts.count)
    var worst: Float = 1
    for (text, vector) in zip(texts, batched) {
      worst = min(worst, cosine(vector, embedder.embed(text)))
    }
    #expect(worst >= 0.99999, "worst cosine between batched and single: \(worst)")
    let reference = zip(batched, records).map { cosine($0, $1.embedding) }.min() ?? 0
    #expect(reference >= 0.9999, "worst cosine against the reference, batched: \(reference)")
  }

  @Test("the published example: cosine 0.7553 and the first five dimensions")
  func knownValues() throws {
    let embedder = try sharedEmbedder.get()
    let food = embedder.embed("A man is eating food.")
    let bread = embedder.embed("A man is eating a piece of bread.")
    let similarity = zip(food, bread).reduce(Float(0)) { $0 + $1.0 * $1.1 }
    #expect(abs(similarity - 0.7553) < 0.00005, "cosine \(similarity)")
    let expected: [Float] = [0.03324, 0.00441, -0.00628, 0.04838, -0.1387]
    for (value, want) in zip(food.prefix(5), expected) {
      #expect(abs(value - want) < 0.00001, "\(Array(food.prefix(5)))")
    }
    let length = food.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
    #expect(abs(length - 1) < 1e-5)
  }
}
