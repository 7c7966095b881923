import ArgumentParser
import CricketDB
import DSL
import Foundation
import Generator

/// `cricq bench decode`: plain against speculative greedy decoding (forward calls per output
/// token, decode time) and where decoding spends its time, with few-shot prompts from the corpus.
struct BenchDecode: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Grammar-constrained decoding: plain against speculative, forward calls per token, the mask's share.")

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

    // Each question is decoded three ways: as before speculation (every step's logits over the
    // whole vocabulary, one forward pass per chosen token), with only the allowed tokens' output
    // rows, and speculatively as well (the default).
    let modes: [(name: String, options: DecodingOptions)] = [
      ("plain, full logits", DecodingOptions(speculative: false, rawStatistics: true)),
      ("plain, allowed rows", DecodingOptions(speculative: false)),
      ("speculative", DecodingOptions()),
    ]
    var rows: [[DecodeTiming]] = Array(repeating: [], count: modes.count)
    var tokens: [(total: Int, forced: Int)] = []
    var exact = 0
    for pair in tests.prefix(questions) {
      let prompt = builder.prompt(examples: Array(examples), question: pair.question)
      do {
        var texts: [String] = []
        for (index, mode) in modes.enumerated() {
          let generation = try generator.generate(prompt: prompt, masker: masker, options: mode.options)
          texts.append(generation.text)
          rows[index].append(generation.timing)
          let t = generation.timing
          print(
            String(
              format: "%@ %-20@ prompt %d fed + %d reused, %.2f s | %d tokens, %d forward calls (draft %d/%d accepted) | decode %.0f ms, mask %.1f ms | min p %.2f",
              pair.id, mode.name, t.promptTokensFed, t.promptTokensReused, t.promptSeconds,
              generation.steps.count, t.generateForwardCalls, t.acceptedDraftTokens, t.draftedTokens,
              (t.totalSeconds - t.promptSeconds) * 1000, t.maskSeconds * 1000, generation.minProbability))
          if index == 0 {
            tokens.append((generation.steps.count, generation.steps.filter(\.isForced).count))
          }
        }
        if Set(texts).count > 1 { print("    the modes disagree: \(texts)") }
        if texts[0] == pair.dsl { exact += 1 }
        print("    \(texts[0] == pair.dsl ? "=" : "≠") \(texts[0])")
      } catch {
        print("\(pair.id)  failed: \(error)")
      }
    }
    guard !tokens.isEmpty else { return }
    func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    let forced = tokens.map(\.forced).reduce(0, +)
    let total = tokens.map(\.total).reduce(0, +)
    print(
      String(
        format: "%d questions, k = %d: exact match %d/%d; jump forward: %d of %d tokens (%.0f %%) forced",
        tokens.count, k, exact, tokens.count, forced, total,
        Double(forced) / Double(max(total, 1)) * 100))
    let baseline = median(rows[0].map { $0.totalSeconds - $0.promptSeconds })
    for (index, mode) in modes.enumerated() {
      let r = rows[index]
      let decode = median(r.map { $0.totalSeconds - $0.promptSeconds })
      let calls = r.map(\.generateForwardCalls).reduce(0, +)
      let drafted = r.map(\.draftedTokens).reduce(0, +)
      let accepted = r.map(\.acceptedDraftTokens).reduce(0, +)
      let decodeAll = r.map { $0.generateForwardSeconds + $0.maskSeconds + $0.scoringSeconds }
        .reduce(0, +)
      print(
        String(
          format: "%-20@ median decode %.0f ms (x%.2f), forward calls per output token %.2f, draft tokens accepted %d/%d, mask %.2f %% and scoring %.2f %% of decode",
          mode.name, decode * 1000, baseline / max(decode, 1e-9), Double(calls) / Double(max(total, 1)),
          accepted, drafted, r.map(\.maskSeconds).reduce(0, +) / decodeAll * 100,
          r.map(\.scoringSeconds).reduce(0, +) / decodeAll * 100))
    }
  }
}
