import Foundation
import Testing

@testable import Generator

/// llama.cpp's outputs for fixed token ids (scripts/fixtures/generator_parity.py).
struct ParityFixture: Decodable {
  struct Top: Decodable {
    let ids: [Int]
    let logits: [Float]
  }
  struct Case: Decodable {
    let text: String
    let tokens: [Int32]
    let positions: [Top]
    let greedy: [Int32]
    let greedySteps: [Top]
  }
  let model: String
  let cases: [Case]

  static func load(_ model: String) throws -> ParityFixture {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/parity-\(model)", withExtension: "json"))
    return try JSONDecoder().decode(ParityFixture.self, from: Data(contentsOf: url))
  }
}

/// Loaded once per model for all parity tests.
enum LoadedModels {
  static func model(_ name: String) throws -> DecoderModel {
    let url = CricqModelFiles.models.appendingPathComponent("\(name)/model.gguf")
    try CricqModelFiles.requireExists(url)
    return try DecoderModel(file: GGUFFile(url: url))
  }
}

func argmax(_ x: [Float]) -> Int {
  var best = 0
  for i in 1..<x.count where x[i] > x[best] { best = i }
  return best
}

/// The k largest entries' indices, largest first (ties to the lower index), in one pass.
func topIDs(_ x: [Float], _ k: Int) -> [Int] {
  var best: [Int] = []
  x.withUnsafeBufferPointer { v in
    for i in 0..<v.count {
      if best.count == k, v[i] <= v[best[k - 1]] { continue }
      var at = best.count
      while at > 0, v[best[at - 1]] < v[i] { at -= 1 }
      best.insert(i, at: at)
      if best.count > k { best.removeLast() }
    }
  }
  return best
}

/// Parity with llama.cpp. Both sides are approximations of the float model (llama.cpp quantises
/// activations to Q8 and keeps an F16 cache; our batched path is float32 and agrees with the
/// numpy float reference to 1e-4), so llama.cpp differs from us by noise of a measured size:
/// max |logit diff| over its top-50 at every prompt position was 0.69 (qwen) and 3.18 (smollm,
/// one outlier; typically 0.2-0.6). `tie` is that noise: ranks decided by less than it are not
/// compared. See docs/GENERATOR.md.
@Suite(.serialized) struct ParityTests {
  static let logitTolerance: [String: Float] = ["qwen": 1.0, "smollm": 4.0]
  static let tie: [String: Float] = ["qwen": 0.3, "smollm": 0.6]

  /// llama.cpp's top-5 ids that lead its 6th by more than `tie` must be in our top 5, and
  /// when its top-1 leads by more than `tie`, our top-1 must be the same id.
  static func topFiveAgree(_ ours: [Float], _ reference: ParityFixture.Top, tie: Float) -> Bool {
    let top = Set(topIDs(ours, 5))
    let sixth = reference.logits[5]
    for (id, logit) in zip(reference.ids.prefix(5), reference.logits) where logit - sixth > tie {
      if !top.contains(id) { return false }
    }
    if reference.logits[0] - reference.logits[1] > tie, argmax(ours) != reference.ids[0] { return false }
    return true
  }

  @Test(arguments: ["qwen", "smollm"])
  func promptLogitsMatchLlamaCpp(model name: String) throws {
    let model = try LoadedModels.model(name)
    let fixture = try ParityFixture.load(name)
    #expect(fixture.cases.count >= 5)
    var worst: Float = 0
    var exactTopFive = 0, positions = 0
    for (c, testCase) in fixture.cases.enumerated() {
      var cache = model.makeCache(capacity: 64)
      let logits = model.forwardAll(tokens: testCase.tokens, cache: &cache)
      for (p, reference) in testCase.positions.enumerated() {
        for (id, value) in zip(reference.ids, reference.logits) {
          worst = max(worst, abs(logits[p][id] - value))
        }
        positions += 1
        if topIDs(logits[p], 5) == Array(reference.ids.prefix(5)) { exactTopFive += 1 }
        #expect(Self.topFiveAgree(logits[p], reference, tie: Self.tie[name]!), "\(name) case \(c) position \(p)")
      }
    }
    print("\(name): max |logit diff| over llama.cpp's top-50 at \(positions) prompt positions = \(worst); top-5 identical in order at \(exactTopFive)")
    #expect(worst < Self.logitTolerance[name]!, "\(name): max logit diff \(worst)")
  }

  /// The 40-token greedy continuation is identical to llama.cpp's. For Qwen all of it; for
  /// SmolLM2 a case may part ways only at a step where llama.cpp's own top two are closer than
  /// `tie` (either choice is then right, and the rest cannot be compared).
  @Test(arguments: ["qwen", "smollm"])
  func greedyContinuationMatchesLlamaCpp(model name: String) throws {
    let model = try LoadedModels.model(name)
    let fixture = try ParityFixture.load(name)
    var worst: Float = 0
    var compared = 0, total = 0
    for (c, testCase) in fixture.cases.enumerated() {
      var cache = model.makeCache(capacity: 32)  // grows past 32 on purpose
      var logits = model.forward(tokens: testCase.tokens, cache: &cache)
      total += testCase.greedy.count
      for (s, step) in testCase.greedySteps.enumerated() {
        for (id, value) in zip(step.ids, step.logits) { worst = max(worst, abs(logits[id] - value)) }
        let next = Int32(argmax(logits))
        if next != testCase.greedy[s] {
          let margin = step.logits[0] - step.logits[1]
          #expect(
            name != "qwen" && margin < Self.tie[name]!,
            "\(name) case \(c) step \(s): \(next) vs \(testCase.greedy[s]), llama.cpp's margin \(margin)")
          break
        }
        compared += 1
        logits = model.forward(tokens: [next], cache: &cache)
      }
    }
    print("\(name): greedy steps identical before any near-tie: \(compared) of \(total); max |logit diff| there = \(worst)")
    // Measured: qwen 240 of 240; smollm 99 of 240 (its six cases part at margins 0.001-0.3).
    #expect(compared * 3 >= total, "\(name): only \(compared) of \(total) steps compared")
  }
}
