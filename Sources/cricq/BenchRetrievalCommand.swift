import ArgumentParser
import DSL
import Foundation
import Kernels
import Retriever

/// `cricq bench retrieval`: recall@k of an example with the query's DSL skeleton, for each
/// selection method. Uses the corpus's test split against its train split, or leave-one-out over
/// the train split while there is no test split.
struct BenchRetrieval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retrieval",
    abstract: "Recall@k of same-skeleton examples for plain, MMR and skeleton-coverage selection.")

  @Option(help: "Corpus file or folder (default: corpus/).")
  var corpus = "corpus"

  @Option(help: "MMR trade-off between similarity (1) and novelty (0).")
  var lambda: Float = 0.7

  @Option(help: "The MiniLM folder (model.safetensors, config.json, vocab.txt).")
  var model: String?

  func run() throws {
    Kernels.setThreadCount(Kernels.defaultThreadCount)
    let pairs = try Corpus.load(URL(fileURLWithPath: corpus))
    let train = pairs.filter { $0.split == "train" }
    let test = pairs.filter { $0.split == "test" }
    let embedder = try SentenceEmbedder(
      modelDirectory: model.map { URL(fileURLWithPath: $0) } ?? MiniLMFiles.defaultDirectory)
    let examples = train.map {
      Example(text: $0.question, payload: $0.id, skeleton: DSLSkeleton.of($0.dsl))
    }
    let index = try ExampleIndex(examples: examples, embedder: embedder, name: "bench-plain")
    let skeletons = Set(examples.map(\.skeleton)).count
    let method = test.isEmpty ? "leave-one-out over train" : "test split against train"
    print(
      "corpus \(corpus): \(train.count) train, \(test.count) test, \(skeletons) train skeletons;"
        + " \(method)")
    let ks = [1, 4, 8]
    let queryVectors = test.isEmpty ? nil : embedder.embedMatrix(test.map(\.question))
    print(
      "text".padding(toLength: 8, withPad: " ", startingAt: 0)
        + "selection".padding(toLength: 26, withPad: " ", startingAt: 0)
        + ks.map { "R@\($0)".padding(toLength: 8, withPad: " ", startingAt: 0) }.joined())
    let selections: [(String, ExampleSelection)] = [
      ("similarity", .similarity),
      ("MMR λ=\(lambda)", .maximalMarginalRelevance(lambda: lambda)),
      ("skeleton coverage", .skeletonCoverage()),
    ]
    for (name, selection) in selections {
      let recall =
        queryVectors.map {
          RetrievalEvaluation.recall(
            index: index, queryEmbeddings: $0, goldSkeletons: test.map { DSLSkeleton.of($0.dsl) },
            ks: ks, selection: selection)
        } ?? RetrievalEvaluation.leaveOneOut(index: index, ks: ks, selection: selection)
      print(
        "plain".padding(toLength: 8, withPad: " ", startingAt: 0)
          + name.padding(toLength: 26, withPad: " ", startingAt: 0)
          + ks.map {
            String(format: "%.3f", recall[$0] ?? 0).padding(
              toLength: 8, withPad: " ", startingAt: 0)
          }.joined())
    }
    print(
      "masked rows need the Understanding linker's masked text (QuestionLinker.understand(q)"
        + ".masked); it is not on this branch yet.")
  }
}
