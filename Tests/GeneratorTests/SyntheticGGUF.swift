import Foundation

/// Writes small GGUF v3 files for tests, byte by byte, independently of the reader.
struct SyntheticGGUF {
  var bytes: [UInt8] = []

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
  mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
  mutating func i32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
  mutating func f32(_ v: Float) { u32(v.bitPattern) }
  mutating func string(_ s: String) {
    u64(UInt64(s.utf8.count))
    bytes += Array(s.utf8)
  }

  /// A file with metadata of every kind the tokenizer needs and two tensors (F32 2×3, Q8_0 32×1).
  static func sample() -> [UInt8] {
    var w = SyntheticGGUF()
    w.bytes += Array("GGUF".utf8)
    w.u32(3)
    w.u64(2)  // tensors
    w.u64(8)  // metadata
    w.string("general.architecture"); w.u32(8); w.string("llama")
    w.string("general.alignment"); w.u32(4); w.u32(32)
    w.string("llama.rope.freq_base"); w.u32(6); w.f32(10000)
    w.string("tokenizer.ggml.tokens"); w.u32(9); w.u32(8); w.u64(3)
    w.string("<s>"); w.string("Ġthe"); w.string("é")
    w.string("tokenizer.ggml.token_type"); w.u32(9); w.u32(5); w.u64(3)
    w.i32(3); w.i32(1); w.i32(1)
    w.string("tokenizer.ggml.bos_token_id"); w.u32(4); w.u32(0)
    w.string("tokenizer.ggml.add_bos_token"); w.u32(7); w.u8(1)
    w.string("nested"); w.u32(9); w.u32(9); w.u64(2)
    w.u32(10); w.u64(1); w.u64(7)
    w.u32(8); w.u64(2); w.string("a"); w.string("bc")
    // Tensor infos.
    w.string("weights"); w.u32(2); w.u64(3); w.u64(2); w.u32(0); w.u64(0)
    w.string("quantised"); w.u32(1); w.u64(32); w.u32(8); w.u64(32)
    while w.bytes.count % 32 != 0 { w.u8(0) }
    for i in 0..<6 { w.f32(Float(i) + 0.5) }
    while w.bytes.count % 32 != 0 { w.u8(0) }
    w.bytes += [0x00, 0x3C]  // f16 scale 1.0
    for i in 0..<32 { w.bytes.append(UInt8(bitPattern: Int8(i - 16))) }
    return w.bytes
  }

  static func write(_ bytes: [UInt8], name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("cricq-\(ProcessInfo.processInfo.processIdentifier)-\(name).gguf")
    try Data(bytes).write(to: url)
    return url
  }
}
