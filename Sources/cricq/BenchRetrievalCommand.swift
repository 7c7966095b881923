import ArgumentParser
import DSL
import Foundation
import Kernels
import Retriever
import Understanding

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

  @Option(help: "The database the entity linker reads names from (default: $CRICQ_HOME).")
  var db: String?

  func run() throws {
    Kernels.setThreadCount(Kernels.defaultThreadCount)
    let pairs = try Corpus.load(URL(fileURLWithPath: corpus))
    let train = pairs.filter { $0.split == "train" }
    let test = pairs.filter { $0.split == "test" }
    let embedder = try SentenceEmbedder(
      modelDirectory: model.map { URL(fileURLWithPath: $0) } ?? MiniLMFiles.defaultDirectory)
    let linker = try QuestionLinker.load(database: db.map { URL(fileURLWithPath: $0) })
    let method = test.isEmpty ? "leave-one-out over train" : "test split against train"
    let skeletons = Set(train.map { DSLSkeleton.of($0.dsl) }).count
    print(
      "corpus \(corpus): \(train.count) train, \(test.count) test, \(skeletons) train skeletons;"
        + " \(method)")
    // The ceiling: queries whose skeleton some other train pair has.
    let trainSkeletons = train.map { DSLSkeleton.of($0.dsl) }
    let counts = Dictionary(trainSkeletons.map { ($0, 1) }, uniquingKeysWith: +)
    let reachable =
      test.isEmpty
      ? trainSkeletons.filter { counts[$0, default: 0] > 1 }.count
      : test.filter { counts[DSLSkeleton.of($0.dsl), default: 0] > 0 }.count
    print(
      "queries with a same-skeleton example available: \(reachable) of "
        + "\(test.isEmpty ? train.count : test.count)")
    let ks = [1, 4, 8]
    print(
      "text".padding(toLength: 8, withPad: " ", startingAt: 0)
        + "selection".padding(toLength: 26, withPad: " ", startingAt: 0)
        + ks.map { "R@\($0)".padding(toLength: 8, withPad: " ", startingAt: 0) }.joined())
    let selections: [(String, ExampleSelection)] = [
      ("similarity", .similarity),
      ("MMR λ=\(lambda)", .maximalMarginalRelevance(lambda: lambda)),
      ("skeleton coverage", .skeletonCoverage()),
    ]
    // Plain embeds the questions as written; masked embeds the linker's masked question
    // ("most sixes by <player1> in <year1>") on both sides.
    let texts: [(String, (String) -> String)] = [
      ("plain", { $0 }), ("masked", { linker.understand($0).masked }),
    ]
    for (textName, textOf) in texts {
      let examples = train.map {
        Example(text: textOf($0.question), payload: $0.id, skeleton: DSLSkeleton.of($0.dsl))
      }
      let index = try ExampleIndex(
        examples: examples, embedder: embedder, name: "bench-\(textName)")
      let queryVectors = test.isEmpty ? nil : embedder.embedMatrix(test.map { textOf($0.question) })
      let gold = test.map { DSLSkeleton.of($0.dsl) }
      for (name, selection) in selections {
        let recall =
          queryVectors.map {
            RetrievalEvaluation.recall(
              index: index, queryEmbeddings: $0, goldSkeletons: gold, ks: ks, selection: selection)
          } ?? RetrievalEvaluation.leaveOneOut(index: index, ks: ks, selection: selection)
        print(
          textName.padding(toLength: 8, withPad: " ", startingAt: 0)
            + name.padding(toLength: 26, withPad: " ", startingAt: 0)
            + ks.map {
              String(format: "%.3f", recall[$0] ?? 0)
                .padding(toLength: 8, withPad: " ", startingAt: 0)
            }.joined())
      }
    }
  }
}
