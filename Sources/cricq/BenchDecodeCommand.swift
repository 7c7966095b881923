import ArgumentParser
import CricketDB
import DSL
import Foundation
import Generator

/// `cricq bench decode`: where constrained decoding spends its time (the grammar mask against
/// the forward passes), with few-shot prompts from the corpus.
struct BenchDecode: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Grammar-constrained decoding: the mask's share of decode time, prefix reuse, jump forward.")

  @Option(help: "Model: qwen, smollm, or a GGUF path.")
  var model = "qwen"

  @Option(help: "Questions to translate (test-split pairs of the corpus).")
  var questions = 8

  @Option(help: "Examples in each prompt (the first train pairs, the same for every question).")
  var k = 4

  @Option(help: "Corpus file or folder.")
  var corpus = "corpus"

  func validate() throws {
    guard questions >= 1 else { throw ValidationError("--questions must be at least 1, found \(questions)") }
    guard k >= 0 else { throw ValidationError("--k must not be negative, found \(k)") }
  }

  func run() async throws {
    let url =
      ["qwen", "smollm", "qwen1.5b"].contains(model)
      ? CricqPaths.models.appendingPathComponent("\(model)/model.gguf") : URL(fileURLWithPath: model)
    var clock = Date()
    let file = try GGUFFile(url: url)
    let tokenizer = try BPETokenizer(file: file)
    let tokenizerSeconds = Date().timeIntervalSince(clock)
    let decoder = try DecoderModel(file: file)
    clock = Date()
    let generator = DSLGenerator(model: decoder, tokenizer: tokenizer)
    let trieSeconds = Date().timeIntervalSince(clock)
    print(
      String(
        format: "load: tokenizer %.0f ms (%d tokens), vocabulary trie %.0f ms (%d nodes)",
        tokenizerSeconds * 1000, tokenizer.vocabularySize, trieSeconds * 1000, generator.trie.nodeCount))

    let pairs = try Corpus.load(URL(fileURLWithPath: corpus))
    let examples = pairs.filter { $0.split == "train" }.prefix(k).map {
      FewShotExample(question: $0.question, dsl: $0.dsl)
    }
    var tests = pairs.filter { $0.split == "test" }
    if tests.count < questions { tests += pairs.filter { $0.split == "train" }.dropFirst(k) }
    let builder = PromptBuilder(tokenizer: tokenizer)
    // Names are open (any quoted name): the slowest mask, since a name admits most tokens.
    let masker = generator.masker(for: DSLConstraint())

    var rows: [DecodeTiming] = []
    var tokens: [(total: Int, forced: Int)] = []
    var exact = 0
    for pair in tests.prefix(questions) {
      let prompt = builder.prompt(examples: Array(examples), question: pair.question)
      do {
        let generation = try generator.generate(prompt: prompt, masker: masker)
        rows.append(generation.timing)
        tokens.append((generation.steps.count, generation.steps.filter(\.isForced).count))
        if generation.text == pair.dsl { exact += 1 }
        let t = generation.timing
        print(
          String(
            format: "%@  prompt %d fed + %d reused, %.2f s | %d tokens (%d forced), %d forward calls %.2f s | mask %.1f ms (%.2f %%) | min p %.2f",
            pair.id, t.promptTokensFed, t.promptTokensReused, t.promptSeconds, generation.steps.count,
            tokens.last!.forced, t.forwardCalls - 1, t.generateForwardSeconds, t.maskSeconds * 1000,
            t.maskShare * 100, generation.minProbability))
        print("    \(generation.text == pair.dsl ? "=" : "≠") \(generation.text)")
      } catch {
        print("\(pair.id)  failed: \(error)")
      }
    }
    guard !rows.isEmpty else { return }
    func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    let masked = rows.map(\.maskSeconds).reduce(0, +)
    let decode = rows.map { $0.generateForwardSeconds + $0.maskSeconds + $0.scoringSeconds }.reduce(0, +)
    let scoring = rows.map(\.scoringSeconds).reduce(0, +)
    let forced = tokens.map(\.forced).reduce(0, +)
    let total = tokens.map(\.total).reduce(0, +)
    print(
      String(
        format: """
          %d questions, k = %d: exact match %d/%d
          median per question: prompt %.2f s (first question fed %d tokens, later ones %.0f), decode forward %.2f s, mask %.1f ms, scoring %.1f ms
          mask share of decode time (all questions): %.3f %%; scoring (softmax, entropies) %.2f %%
          jump forward: %d of %d tokens appended without their own forward pass (%.0f %%)
          """, rows.count, k, exact, rows.count, median(rows.map(\.promptSeconds)),
        rows[0].promptTokensFed, median(rows.dropFirst().map { Double($0.promptTokensFed) } + [0]),
        median(rows.map(\.generateForwardSeconds)), median(rows.map(\.maskSeconds)) * 1000,
        median(rows.map(\.scoringSeconds)) * 1000, masked / decode * 100, scoring / decode * 100,
        forced, total, Double(forced) / Double(max(total, 1)) * 100))
  }
}
