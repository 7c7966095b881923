import ArgumentParser
import Foundation
import Kernels
import Retriever

/// `cricq bench embed`: MiniLM speed in Swift against sentence-transformers (torch CPU) run in
/// the same invocation.
struct BenchEmbed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "embed",
    abstract: "Times MiniLM embeddings: one question, batches of 64, and an index build.")

  @Option(help: "Threads for OpenBLAS here and for torch in the peer.")
  var threads = Kernels.defaultThreadCount

  @Option(help: "Timed runs of the one-question latency (after 10 warm-up runs).")
  var runs = 100

  @Option(help: "Sentences per batch for the throughput figure.")
  var batchSize = 64

  @Option(help: "Timed runs of the batch.")
  var batchRuns = 7

  @Option(help: "Example texts embedded for the index build time.")
  var indexSize = 2000

  @Option(help: "The question timed alone.")
  var question = "most sixes by an opener in 2019"

  @Option(help: "The MiniLM folder (model.safetensors, config.json, vocab.txt).")
  var model: String?

  @Option(help: "The Python that runs the sentence-transformers peer.")
  var python = "python3"

  @Flag(help: "Skip the sentence-transformers peer.")
  var noPeer = false

  func validate() throws {
    guard threads >= 1 else {
      throw ValidationError("--threads must be at least 1, got \(threads).")
    }
    guard runs >= 1, batchRuns >= 1, batchSize >= 1, indexSize >= 1 else {
      throw ValidationError("--runs, --batch-runs, --batch-size and --index-size must be positive.")
    }
  }

  func run() throws {
    Kernels.setThreadCount(threads)
    let directory = model.map { URL(fileURLWithPath: $0) } ?? MiniLMFiles.defaultDirectory
    let clock = ContinuousClock()
    var embedder: SentenceEmbedder?
    let load = try clock.measure { embedder = try SentenceEmbedder(modelDirectory: directory) }
    guard let embedder else { return }
    #if DEBUG
      print("warning: debug build; time a release build (swift build -c release)")
    #endif
    print("MiniLM embedding benchmark: \(threads) threads, load average \(loadAverage())")
    print("model loaded in \(format(load.milliseconds)) ms from \(directory.path)")

    for _ in 0..<10 { _ = embedder.embed(question) }
    let single = (0..<runs).map { _ in clock.measure { _ = embedder.embed(question) }.milliseconds }

    let batch = BenchTexts.questions(count: batchSize, seed: 1)
    _ = embedder.embedMatrix(batch, batchSize: batchSize)
    let batchTimes = (0..<batchRuns).map { _ in
      clock.measure { _ = embedder.embedMatrix(batch, batchSize: batchSize) }.seconds
    }
    let throughput = Double(batchSize) / median(batchTimes)

    let indexTexts = BenchTexts.questions(count: indexSize, seed: 2)
    let examples = indexTexts.enumerated().map {
      Example(text: $1, payload: "\($0)", skeleton: "")
    }
    let build = try clock.measure {
      _ = try ExampleIndex(examples: examples, embedder: embedder, cacheDirectory: nil)
    }.seconds

    let peer = noPeer ? nil : runPeer(directory: directory, batch: batch, index: indexTexts)
    let tokens = embedder.tokenizer.encode(question).count
    print("")
    print(row("work", "cricq (Swift)", "sentence-transformers", "speed-up"))
    print(
      row(
        "one question, \(tokens) tokens (median of \(runs))", "\(format(median(single))) ms",
        peer.map { "\(format($0.single_ms)) ms" }, peer.map { $0.single_ms / median(single) }))
    print(
      row(
        "batch of \(batchSize) (median of \(batchRuns))", "\(format(throughput)) sent/s",
        peer.map { "\(format($0.batch_sentences_per_s)) sent/s" },
        peer.map { throughput / $0.batch_sentences_per_s }))
    print(
      row(
        "index build, \(indexSize) texts", "\(format(build)) s",
        peer.map { "\(format($0.index_s)) s" },
        peer.map { $0.index_s / build }))
    let sorted = single.sorted()
    print("")
    print(
      "one question: min \(format(sorted[0])) ms, p90 \(format(sorted[sorted.count * 9 / 10])) ms;"
        + " goal < 5 ms and ≥ 2× the peer")
    if let peer { print("peer: sentence-transformers on torch \(peer.torch) CPU") }
  }

  struct PeerResult: Decodable {
    let single_ms: Double
    let batch_sentences_per_s: Double
    let index_s: Double
    let torch: String
  }

  /// Runs the peer script; nil (with a note) when Python or sentence-transformers is missing.
  func runPeer(directory: URL, batch: [String], index: [String]) -> PeerResult? {
    let job: [String: Any] = [
      "model": directory.path, "threads": threads, "query": question, "runs": runs,
      "batch": batch, "batch_runs": batchRuns, "index": index,
    ]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, "-c", BenchEmbedPeer.script]
    var environment = ProcessInfo.processInfo.environment
    environment["HF_HUB_OFFLINE"] = "1"
    environment["TOKENIZERS_PARALLELISM"] = "false"
    environment["OMP_NUM_THREADS"] = "\(threads)"
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
      input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: job))
      try input.fileHandleForWriting.close()
    } catch {
      print("peer skipped: cannot run \(python): \(error)")
      return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let messages = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      let line = String(data: data, encoding: .utf8)?.split(separator: "\n").last,
      let result = try? JSONDecoder().decode(PeerResult.self, from: Data(line.utf8))
    else {
      let reason = String(data: messages, encoding: .utf8)?.split(separator: "\n").last ?? ""
      print("peer skipped: sentence-transformers did not run (\(reason))")
      return nil
    }
    return result
  }

  private func row(_ work: String, _ ours: String, _ peer: String?, _ ratio: Double?) -> String {
    work.padding(toLength: 40, withPad: " ", startingAt: 0)
      + ours.padding(toLength: 18, withPad: " ", startingAt: 0)
      + (peer ?? "—").padding(toLength: 24, withPad: " ", startingAt: 0)
      + (ratio.map { "\(format($0))×" } ?? "—")
  }

  private func row(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
    row(a, b, Optional(c), nil).dropLast() + d
  }
}

private func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

private func format(_ value: Double) -> String {
  value >= 100
    ? String(format: "%.0f", value)
    : value >= 10
      ? String(format: "%.1f", value)
      : String(format: "%.2f", value)
}

private func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
    .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
}

extension Duration {
  fileprivate var seconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) / 1e18
  }
  fileprivate var milliseconds: Double { seconds * 1000 }
}
