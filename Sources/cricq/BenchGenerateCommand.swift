import ArgumentParser
import CricketDB
import Foundation
import Generator
import Kernels

/// `cricq bench generate`: the Swift decoder against llama.cpp (llama-cpp-python) on the same
/// GGUF files, threads and token ids, in one run.
struct BenchGenerate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Times model load, prompt processing and generation for Qwen 0.5B and SmolLM2.")

  @Option(help: "Models to time, by folder under the models directory (comma-separated).")
  var models = "qwen,smollm"

  @Option(help: "Timed runs of each figure (after one warm-up); medians are printed.")
  var runs = 3

  @Option(help: "Prompt length in tokens.")
  var promptTokens = 512

  @Option(help: "A second, shorter prompt length (a cricq question's prompt is ~190 tokens).")
  var shortPromptTokens = 190

  @Option(help: "Tokens generated one at a time.")
  var generateTokens = 128

  @Option(help: "The Python that runs the llama-cpp-python peer.")
  var python = "python3"

  @Flag(help: "Skip the llama.cpp peer.")
  var noPeer = false

  func validate() throws {
    guard runs >= 1, promptTokens >= 1, shortPromptTokens >= 1, generateTokens >= 1 else {
      throw ValidationError(
        "--runs, --prompt-tokens, --short-prompt-tokens and --generate-tokens must be positive.")
    }
  }

  func run() throws {
    #if DEBUG
      print("warning: debug build; time a release build (swift build -c release)")
    #endif
    print(
      "Decoder benchmark: \(DecoderModel.threadCount) threads, prompt \(promptTokens) tokens, "
        + "generation \(generateTokens) tokens, medians of \(runs) runs, load average \(Self.loadAverage())")
    print("OpenBLAS core: \(Kernels.blasCoreName); integer kernels: \(DecoderModel.kernelLevelName)")
    for name in models.split(separator: ",").map(String.init) {
      let url = CricqPaths.models.appendingPathComponent("\(name)/model.gguf")
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw ValidationError("\(url.path) is missing: run scripts/setup to download the models.")
      }
      try bench(name: name, url: url)
    }
  }

  func bench(name: String, url: URL) throws {
    let clock = ContinuousClock()
    var model: DecoderModel?
    _ = try DecoderModel(file: GGUFFile(url: url))  // warm the page cache
    let loads = try (0..<runs).map { _ in
      try clock.measure { model = try DecoderModel(file: GGUFFile(url: url)) }.seconds
    }
    guard let model else { return }
    let prompt = Self.promptTokens(count: promptTokens, vocabulary: model.vocabularySize)

    let promptSeconds = medianSeconds(model) { _ = model.forward(tokens: prompt, cache: &$0) }
    let shortPrompt = Array(prompt.prefix(shortPromptTokens))
    let shortSeconds = medianSeconds(model) { _ = model.forward(tokens: shortPrompt, cache: &$0) }
    var generateTimes: [Double] = []
    for run in 0...runs {
      var cache = model.makeCache(capacity: generateTokens)
      let t = clock.measure {
        for _ in 0..<generateTokens { _ = model.forward(tokens: [prompt[0]], cache: &cache) }
      }.seconds
      if run > 0 { generateTimes.append(t) }
    }
    let ours = Figures(
      load: Self.median(loads), prompt: Double(promptTokens) / promptSeconds,
      generate: Double(generateTokens) / Self.median(generateTimes), peakMB: Self.peakResidentMB())

    print("\n\(name) (\(model.config.architecture), \(model.config.layerCount) layers, \(url.path))")
    print(ours.row(label: "cricq (Swift)"))
    print(
      String(
        format: "%16@prompt (%d) %7.1f tok/s", "", shortPrompt.count,
        Double(shortPrompt.count) / shortSeconds))
    try benchBatches(model: model, url: url, prompt: shortPrompt)
    guard !noPeer else { return }
    guard let peer = runPeer(url: url, prompt: prompt) else { return }
    print(peer.row(label: "llama.cpp"))
    print(
      "ratio".padding(toLength: 16, withPad: " ", startingAt: 0)
        + String(
          format: "load %.2f×   prompt %.2f×   generation %.2f×   (cricq / llama.cpp; load: lower is better)",
          ours.load / peer.load, ours.prompt / peer.prompt, ours.generate / peer.generate))
  }

  /// The median over `runs` timed calls (after one warm-up) of `body` on a fresh cache.
  func medianSeconds(_ model: DecoderModel, _ body: (inout KVCache) -> Void) -> Double {
    let clock = ContinuousClock()
    var times: [Double] = []
    for run in 0...runs {
      var cache = model.makeCache(capacity: promptTokens + generateTokens)
      let t = clock.measure { body(&cache) }.seconds
      if run > 0 { times.append(t) }
    }
    return Self.median(times)
  }

  /// The median seconds over `runs` timed calls of `body` after one warm-up.
  func medianSeconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    return Self.median((0...runs).map { _ in clock.measure(body).seconds }.dropFirst().map { $0 })
  }

  struct Figures {
    var load: Double
    var prompt: Double
    var generate: Double
    var peakMB: Double

    func row(label: String) -> String {
      label.padding(toLength: 16, withPad: " ", startingAt: 0)
        + String(
          format: "load %7.1f ms   prompt %7.1f tok/s   generation %6.1f tok/s   peak RSS %6.0f MB",
          load * 1000, prompt, generate, peakMB)
    }
  }

  /// Fixed pseudo-random token ids (as llama-bench uses random tokens), the same for both sides.
  static func promptTokens(count: Int, vocabulary: Int) -> [Int32] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int32(1000 + Int(state >> 33) % min(30_000, vocabulary - 1000))
    }
  }

  func runPeer(url: URL, prompt: [Int32]) -> Figures? {
    let job: [String: Any] = [
      "model": url.path, "threads": DecoderModel.threadCount, "runs": runs,
      "prompt": prompt.map(Int.init), "generate": generateTokens,
      "context": promptTokens + generateTokens + 8,
    ]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, "-c", BenchGeneratePeer.script]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
      input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: job))
      try input.fileHandleForWriting.close()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      guard process.terminationStatus == 0,
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let load = json["load_s"] as? Double, let p = json["prompt_tokens_per_s"] as? Double,
        let g = json["generate_tokens_per_s"] as? Double, let rss = json["peak_rss_mb"] as? Double
      else {
        print("llama.cpp peer unavailable (\(python) with llama-cpp-python): \(errorText.suffix(300))")
        return nil
      }
      return Figures(load: load, prompt: p, generate: g, peakMB: rss)
    } catch {
      print("llama.cpp peer failed to run: \(error)")
      return nil
    }
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  /// Peak resident memory of this process so far (VmHWM), in MB.
  static func peakResidentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return .nan }
    return kb / 1024
  }

  static func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
      .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
  }
}

extension Duration {
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
