import CQuant
import Foundation
import Testing

@testable import Generator

/// One committed fixture: raw blocks of a real tensor and the gguf package's floats for them.
struct DequantFixture: Decodable {
  let model: String
  let tensor: String
  let type: String
  let typeId: UInt32
  let row: Int
  let blocks: Int
  let bytes: String
  let expected: [Float]

  static func load() throws -> [DequantFixture] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/dequant", withExtension: "json"))
    return try JSONDecoder().decode([DequantFixture].self, from: Data(contentsOf: url))
  }
}

@Suite struct DequantizationTests {
  @Test func blocksDequantiseLikeTheGGUFPackage() throws {
    let fixtures = try DequantFixture.load()
    #expect(Set(fixtures.map(\.type)).isSuperset(of: ["Q4_K", "Q5_0", "Q6_K", "Q8_0", "Q4_1", "F32"]))
    for fixture in fixtures {
      let raw = try #require(Data(base64Encoded: fixture.bytes))
      let type = try #require(GGMLType(rawValue: fixture.typeId))
      let n = fixture.blocks * type.blockSize
      #expect(raw.count == fixture.blocks * type.blockByteCount, "\(fixture.tensor)")
      var reference = [Float](repeating: .nan, count: n)
      var fast = reference
      raw.withUnsafeBytes { bytes in
        reference.withUnsafeMutableBufferPointer {
          cq_dequantize_rows_reference(Int32(type.rawValue), bytes.baseAddress!, raw.count, 1, Int32(n), $0.baseAddress!)
        }
        fast.withUnsafeMutableBufferPointer {
          cq_dequantize_rows(Int32(type.rawValue), bytes.baseAddress!, raw.count, 1, Int32(n), $0.baseAddress!)
        }
      }
      // The scalar reference is exact; the AVX2 path fuses multiply-add, so it may differ by an ulp.
      let worst = zip(reference, fixture.expected).map { abs($0 - $1) }.max() ?? .nan
      #expect(reference.count == fixture.expected.count && worst == 0, "\(fixture.tensor) \(fixture.type): max diff \(worst)")
      let worstFast = zip(fast, fixture.expected).map { abs($0 - $1) }.max() ?? .nan
      #expect(worstFast <= 1e-6, "\(fixture.tensor) \(fixture.type) (AVX2): max diff \(worstFast)")
    }
  }

  @Test func fixtureBytesAreTheModelFilesBytes() throws {
    var files: [String: GGUFFile] = [:]
    for fixture in try DequantFixture.load() {
      let url = CricqModelFiles.models.appendingPathComponent("\(fixture.model)/model.gguf")
      try CricqModelFiles.requireExists(url)
      let file = try files[fixture.model] ?? GGUFFile(url: url)
      files[fixture.model] = file
      let tensor = try file.requireTensor(fixture.tensor)
      #expect(tensor.type.description == fixture.type)
      let raw = try #require(Data(base64Encoded: fixture.bytes))
      let inFile = Data(bytes: tensor.data + fixture.row * tensor.rowByteCount, count: raw.count)
      #expect(inFile == raw, "\(fixture.model) \(fixture.tensor) row \(fixture.row)")
    }
  }
}
