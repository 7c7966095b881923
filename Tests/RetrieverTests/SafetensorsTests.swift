import Foundation
import Testing

@testable import Retriever

@Suite("Safetensors reader: header checks and clear errors")
struct SafetensorsTests {
  /// Writes a safetensors file from a header string and raw data bytes.
  func write(header: String, data: [UInt8], lengthOverride: UInt64? = nil) throws -> URL {
    var headerBytes = Array(header.utf8)
    while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
    var bytes: [UInt8] = []
    let length = lengthOverride ?? UInt64(headerBytes.count)
    withUnsafeBytes(of: length.littleEndian) { bytes += $0 }
    bytes += headerBytes + data
    let url = try temporaryDirectory().appendingPathComponent("t.safetensors")
    try Data(bytes).write(to: url)
    return url
  }

  func floatBytes(_ values: [Float]) -> [UInt8] {
    values.withUnsafeBytes { Array($0) }
  }

  func error(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test("a well-formed file reads its floats in place")
  func wellFormed() throws {
    let url = try write(
      header:
        #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"#
        + #""b":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}}"#,
      data: floatBytes([1, 2, 3, 4, 5, 6]))
    let file = try SafetensorsFile(url: url)
    #expect(file.tensors.count == 2)
    #expect(Array(try file.floats("w", shape: [2, 2])) == [1, 2, 3, 4])
    #expect(Array(try file.floats("b", shape: [2])) == [5, 6])
    #expect(
      error { _ = try file.floats("w", shape: [4]) }.hasSuffix(
        "tensor w: expected shape [4], found [2, 2]"))
    #expect(error { _ = try file.floats("x", shape: [1]) }.hasSuffix("missing tensor x"))
  }

  @Test("a file shorter than the length field is rejected")
  func tooShort() throws {
    let url = try temporaryDirectory().appendingPathComponent("short.safetensors")
    try Data([1, 2, 3]).write(to: url)
    #expect(
      error { _ = try SafetensorsFile(url: url) }
        .hasSuffix("expected at least 8 bytes (the header length), found 3"))
  }

  @Test("a header length past the end of the file says the file is truncated")
  func truncatedHeader() throws {
    let url = try write(header: "{}", data: [], lengthOverride: 4096)
    #expect(
      error { _ = try SafetensorsFile(url: url) }
        .hasSuffix("header says 4096 bytes but only 8 follow: file truncated?"))
  }

  @Test("a header that is not JSON is rejected")
  func notJSON() throws {
    let url = try write(header: "{\"w\": [1, 2", data: [])
    #expect(error { _ = try SafetensorsFile(url: url) }.contains("header is not valid JSON"))
  }

  @Test("data offsets past the end of the data (a truncated download) are rejected")
  func truncatedData() throws {
    let url = try write(
      header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
      data: floatBytes([1, 2]))
    #expect(
      error { _ = try SafetensorsFile(url: url) }
        .hasSuffix(
          "tensor w: data_offsets [0, 16] fall outside the data section of 8 bytes: "
            + "file truncated or header corrupt"))
  }

  @Test("a shape that disagrees with the byte range is rejected")
  func shapeMismatch() throws {
    let url = try write(
      header: #"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#,
      data: floatBytes([1, 2, 3, 4]))
    #expect(
      error { _ = try SafetensorsFile(url: url) }
        .hasSuffix("tensor w: shape [2, 2] of F32 needs 16 bytes, data_offsets give 12"))
  }

  @Test("unknown dtypes, bad shapes and overlapping tensors are rejected")
  func corruptEntries() throws {
    let dtype = try write(
      header: #"{"w":{"dtype":"F8","shape":[1],"data_offsets":[0,1]}}"#, data: [0])
    #expect(
      error { _ = try SafetensorsFile(url: dtype) }.hasSuffix("tensor w: unknown dtype \"F8\""))
    let shape = try write(
      header: #"{"w":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#, data: [0])
    #expect(error { _ = try SafetensorsFile(url: shape) }.contains("non-negative integers"))
    let overlap = try write(
      header: #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"#
        + #""b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}"#,
      data: [UInt8](repeating: 0, count: 6))
    #expect(error { _ = try SafetensorsFile(url: overlap) }.hasSuffix("tensors a and b overlap"))
    let wrongType = try write(
      header: #"{"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#,
      data: [UInt8](repeating: 0, count: 8))
    let file = try SafetensorsFile(url: wrongType)
    #expect(
      error { _ = try file.floats("i", shape: [1]) }.hasSuffix("tensor i: expected F32, found I64"))
  }

  @Test("a missing file names the path")
  func missingFile() {
    let message = error {
      _ = try SafetensorsFile(url: URL(fileURLWithPath: "/nonexistent/model.safetensors"))
    }
    #expect(message.hasPrefix("/nonexistent/model.safetensors: cannot open"))
  }

  @Test("the real MiniLM file has 103 F32 tensors and the I64 position ids")
  func realModel() throws {
    let file = try SafetensorsFile(
      url: modelDirectory().appendingPathComponent(MiniLMFiles.weights))
    #expect(file.tensors.values.filter { $0.dtype == .f32 }.count == 103)
    #expect(file.tensors["embeddings.position_ids"]?.dtype == .i64)
    #expect(file.tensors["embeddings.word_embeddings.weight"]?.shape == [30522, 384])
  }

  @Test("a truncated copy of the real model fails to load with a message")
  func truncatedModel() throws {
    let source = try modelDirectory()
    let copy = try temporaryDirectory()
    for name in [MiniLMFiles.configuration, MiniLMFiles.vocabulary] {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: copy.appendingPathComponent(name))
    }
    let weights = try Data(contentsOf: source.appendingPathComponent(MiniLMFiles.weights))
    try weights.prefix(weights.count / 2).write(
      to: copy.appendingPathComponent(MiniLMFiles.weights))
    let message = error { _ = try SentenceEmbedder(modelDirectory: copy) }
    #expect(message.contains("fall outside the data section"), "\(message)")
  }
}
