import DSL
import Foundation
import Generator
import Retriever
import Understanding

/// `cricq study`: loads the questions, the pool and the models, runs every cell not yet in
/// results.csv, the wind tunnel, and writes the report.
public final class Study {
  public let configuration: StudyConfiguration

  public init(configuration: StudyConfiguration) { self.configuration = configuration }

  var resultsURL: URL { configuration.output.appendingPathComponent("results.csv") }
  var timingURL: URL { configuration.output.appendingPathComponent("timing.csv") }
  var windTunnelURL: URL { configuration.output.appendingPathComponent("windtunnel.csv") }

  /// The study's questions, linked and masked.
  public func questions(linker: QuestionLinker, log: (String) -> Void) throws -> [StudyItem] {
    let pairs = try Corpus.load(configuration.evalFile)
    let tests = pairs.filter { $0.split == "test" }
    var chosen = tests.isEmpty ? pairs : tests
    if tests.isEmpty {
      log(
        "\(configuration.evalFile.lastPathComponent) has no test split: every pair is a "
          + "question, kept out of its own examples (leave-one-out)")
    }
    if let limit = configuration.limit { chosen = Array(chosen.prefix(limit)) }
    let items = prepare(chosen, linker: linker, log: log)
    guard !items.isEmpty else {
      throw StudyError.noQuestions("no usable questions in \(configuration.evalFile.path)")
    }
    return items
  }

  func prepare(_ pairs: [CorpusPair], linker: QuestionLinker, log: (String) -> Void)
    -> [StudyItem]
  {
    pairs.compactMap { pair in
      do { return try StudyItem(pair: pair, linker: linker) } catch {
        log("skipping \(pair.id): its DSL does not parse (\(error))")
        return nil
      }
    }
  }

  public func run(log: @escaping (String) -> Void) throws {
    try FileManager.default.createDirectory(
      at: configuration.output, withIntermediateDirectories: true)
    let linker = try QuestionLinker.load(
      aliases: configuration.corpusFolder.appendingPathComponent("aliases"))
    let items = try questions(linker: linker, log: log)
    let embedder = try SentenceEmbedder()
    let pool = try ExamplePool(
      files: ExamplePool.trainFiles(in: configuration.corpusFolder), linker: linker,
      embedder: embedder)
    let examples = StudyExamples(pool: pool, embedder: embedder)
    let executor = try DSLExecutor()
    let done = Set(try StudyResultsFile.rows(at: resultsURL).map(\.key))
    let results = try StudyResultsFile(url: resultsURL)
    log(
      "\(items.count) questions, pool of \(pool.examples.count) examples, \(done.count) cells already done"
    )

    for model in configuration.models {
      let name = Self.displayName(model)
      let generator = try StudyRunner.loadGenerator(model)
      let runner = StudyRunner(
        modelName: name, generator: generator,
        builder: PromptBuilder(tokenizer: generator.tokenizer),
        executor: executor, examples: examples)
      // The wind tunnel first: it is short, and the cells after it can be stopped at any point.
      try runWindTunnel(name: name, generator: generator, log: log)
      let total = items.count * configuration.selections.count * configuration.ks.count
      let remaining =
        total
        - done.filter { key in
          key.model == name && configuration.ks.contains(key.k)
            && configuration.selections.map(\.rawValue).contains(key.selection)
            && items.contains { $0.id == key.questionID }
        }.count
      var progress = StudyProgress(label: name, total: remaining)
      var lastQuestion: String?
      var timed = (cells: 0, seconds: 0.0)
      // Wall time is checkpointed per finished question, so a killed run keeps its timing.
      func checkpoint() throws {
        let cells = progress.finished - timed.cells
        guard cells > 0 else { return }
        try appendTiming(model: name, cells: cells, seconds: progress.elapsed - timed.seconds)
        timed = (progress.finished, progress.elapsed)
      }
      try runner.run(
        items: items, ks: configuration.ks, selections: configuration.selections,
        seed: configuration.seed, done: done
      ) { row in
        if let last = lastQuestion, last != row.key.questionID { try checkpoint() }
        lastQuestion = row.key.questionID
        try results.append(row)
        log(progress.step(row))
      }
      try checkpoint()
      log(progress.summary())
      log(runner.costSummary)
    }
    for file in try Self.writeReport(output: configuration.output, seed: configuration.seed) {
      log("wrote \(file.path)")
    }
  }

  static func displayName(_ model: String) -> String {
    model.hasSuffix(".gguf")
      ? URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent : model
  }

  func appendTiming(model: String, cells: Int, seconds: Double) throws {
    let manager = FileManager.default
    if !manager.fileExists(atPath: timingURL.path) {
      try CSV.line(["model", "cells", "wall_seconds"]).write(
        to: timingURL, atomically: true, encoding: .utf8)
    }
    let handle = try FileHandle(forWritingTo: timingURL)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(
      contentsOf: Data(CSV.line([model, String(cells), String(format: "%.1f", seconds)]).utf8))
  }

  func runWindTunnel(name: String, generator: DSLGenerator, log: (String) -> Void) throws {
    guard configuration.windTunnelTrials > 0 else { return }
    var existing = try WindTunnelReport.load(windTunnelURL)
    if existing.contains(where: { $0.model == name }) {
      log("wind tunnel: \(name) already in \(windTunnelURL.lastPathComponent)")
      return
    }
    let started = Date()
    let measurements = try WindTunnel(generator: generator).run(
      ks: configuration.ks, trials: configuration.windTunnelTrials, seed: configuration.seed
    ) { trial in
      log("wind tunnel \(name): trial \(trial)/\(self.configuration.windTunnelTrials)")
    }
    log(String(format: "wind tunnel \(name): %.0f s", Date().timeIntervalSince(started)))
    existing.append((name, measurements))
    try WindTunnelReport.csv(existing).write(to: windTunnelURL, atomically: true, encoding: .utf8)
  }
}
