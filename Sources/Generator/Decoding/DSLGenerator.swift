import DSL
import Foundation

/// Writes DSL with a language model, one token at a time, allowing only tokens that keep the
/// text a valid prefix of the grammar (`DSL.PrefixConstraint`), and ending only where the text
/// is a complete query. It never returns text the grammar rejects: when no complete query is
/// found within the token budget it throws `GenerationError`.
///
/// The KV cache of the previous prompt is kept: a new prompt reuses its longest common prefix
/// (the instruction header, and the examples when they are shared), so only the rest is fed.
public final class DSLGenerator {
  public let model: any NextTokenModel
  public let tokenizer: BPETokenizer
  /// Trie over the ordinary tokens (control tokens are never part of a query).
  public let trie: VocabularyTrie
  /// Tokens that end the output: `<|im_end|>`, `<|endoftext|>` and the model's EOS.
  public let stopTokens: [Int]
  public let contextCapacity: Int

  /// What speculative drafts cost and earn, carried from one generation to the next.
  let planner = DraftPlanner()
  private var session: (any NextTokenSession)?
  /// The tokens held in `session`'s cache.
  var sessionTokens: [Int] = []
  /// The last prompt fed and the hidden state after its last token: asked again while the
  /// cache still holds it (teacher forcing after decoding, the study), the prompt needs no
  /// forward pass at all.
  private var lastPrompt: (tokens: [Int], hidden: HiddenStates)?

  public init(model: any NextTokenModel, tokenizer: BPETokenizer, contextCapacity: Int = 2048) {
    self.model = model
    self.tokenizer = tokenizer
    self.contextCapacity = contextCapacity
    let bytes = tokenizer.tokenBytes
    trie = VocabularyTrie(tokenBytes: bytes) { tokenizer.tokenKinds[$0] == .normal }
    var stops: [Int] = []
    for id in [tokenizer.specialTokenID(ChatTemplate.end), tokenizer.specialTokenID("<|endoftext|>"), tokenizer.eosID] {
      if let id, !stops.contains(id), tokenizer.tokenKinds.indices.contains(id) { stops.append(id) }
    }
    stopTokens = stops
  }

  /// A masker for `constraint`; keep it while the constraint is in use so its cache of allowed
  /// sets carries over between calls.
  public func masker<C: PrefixConstraint>(for constraint: C) -> TokenMasker<C> {
    TokenMasker(
      constraint: constraint, trie: trie, tokenBytes: tokenizer.tokenBytes,
      stopTokens: stopTokens.map(Int32.init))
  }

  public func generate<C: PrefixConstraint>(
    prompt: Prompt, constraint: C, options: DecodingOptions = DecodingOptions()
  ) throws -> Generation {
    try generate(prompt: prompt, masker: masker(for: constraint), options: options)
  }

  public func generate<C: PrefixConstraint>(
    prompt: Prompt, masker: TokenMasker<C>, options: DecodingOptions = DecodingOptions()
  ) throws -> Generation {
    let started = Date()
    var timing = DecodeTiming()
    let generation: Generation
    switch options.strategy {
    case .greedy:
      generation = try greedy(prompt: prompt, masker: masker, options: options, timing: &timing)
    case .beam(let width):
      guard width >= 1 else { throw GenerationError.invalidOptions("beam width must be at least 1, found \(width)") }
      // Every token is scored by the model, forced ones included: with forced tokens left
      // unscored, outputs with more of them would look more likely than they are.
      var scored = options
      scored.jumpForward = false
      generation = try beamSearch(
        prompt: prompt, masker: masker, width: width, options: scored, timing: &timing)
    }
    var result = generation
    result.timing.totalSeconds = Date().timeIntervalSince(started)
    return result
  }

  /// Scores `gold` (DSL text) as the answer to `prompt` by teacher forcing: one batched forward
  /// pass over the gold tokens gives every position's next-token distribution.
  public func score<C: PrefixConstraint>(prompt: Prompt, gold: String, constraint: C) throws
    -> TeacherForcedScore
  {
    try score(prompt: prompt, gold: gold, masker: masker(for: constraint))
  }

  public func score<C: PrefixConstraint>(prompt: Prompt, gold: String, masker: TokenMasker<C>)
    throws -> TeacherForcedScore
  {
    try score(
      prompt: prompt, goldTokens: tokenizer.encodeOrdinary(gold) + stopTokens.prefix(1),
      masker: masker)
  }

  /// Scores exact tokens (for example a generation's own `steps`), the last being the stop token.
  public func score<C: PrefixConstraint>(
    prompt: Prompt, goldTokens: [Int], masker: TokenMasker<C>
  ) throws -> TeacherForcedScore {
    guard !goldTokens.isEmpty else { throw GenerationError.invalidOptions("the gold output has no tokens") }
    let started = Date()
    var timing = DecodeTiming()
    let (session, first) = try startSession(prompt.tokens, extra: goldTokens.count, timing: &timing)
    var logits = [session.logits(first, at: 0, rows: nil)]
    if goldTokens.count > 1 {
      let clock = Date()
      let fed = Array(goldTokens.dropLast())
      logits += try session.feedAll(fed)
      sessionTokens += fed
      timing.forwardCalls += 1
      timing.generateForwardCalls += 1
      timing.generateForwardSeconds += Date().timeIntervalSince(clock)
    }
    var state: C.State? = masker.constraint.initialState
    var rejectedAt: Int?
    var steps: [GoldStep] = []
    for (index, token) in goldTokens.enumerated() {
      var clock = Date()
      var candidates: [Int32] = []
      if let current = state {
        let allowed = masker.allowed(in: current)
        candidates = allowed.tokens + (allowed.canStop ? masker.stopTokens : [])
      }
      timing.maskSeconds += Date().timeIntervalSince(clock)
      clock = Date()
      let raw = LogitStatistics(logits[index])
      var distribution = StepDistribution(
        logits: logits[index], token: token, allowed: candidates, raw: raw, alternatives: 3,
        text: text(of:))
      if state == nil {
        distribution.maskedEntropyBits = .nan
        distribution.allowedMass = .nan
      }
      timing.scoringSeconds += Date().timeIntervalSince(clock)
      steps.append(GoldStep(token: token, text: text(of: token), distribution: distribution))
      if let current = state {
        let isStop = stopTokens.contains(token)
        let accepted = candidates.contains(Int32(token))
        state = isStop || !accepted ? nil : masker.state(after: token, from: current)
        if !accepted, rejectedAt == nil { rejectedAt = index }
      }
    }
    timing.totalSeconds = Date().timeIntervalSince(started)
    return TeacherForcedScore(steps: steps, rejectedAt: rejectedAt, timing: timing)
  }

  // MARK: - Prompt and cache

  /// The session holding `prompt`, reusing the cached prefix, and the hidden state after the
  /// prompt.
  func startSession(
    _ prompt: [Int], extra: Int, options: DecodingOptions = DecodingOptions(),
    timing: inout DecodeTiming
  ) throws -> (any NextTokenSession, HiddenStates) {
    guard !prompt.isEmpty else { throw GenerationError.invalidOptions("the prompt is empty") }
    guard prompt.count + extra <= contextCapacity else {
      throw GenerationError.promptTooLong(tokens: prompt.count + extra, capacity: contextCapacity)
    }
    let session = try self.session ?? model.makeSession(capacity: contextCapacity)
    self.session = session
    if let last = lastPrompt, last.tokens == prompt, session.count >= prompt.count,
      sessionTokens.starts(with: prompt)
    {
      session.truncate(to: prompt.count)
      sessionTokens = prompt
      timing.promptTokensReused += prompt.count
      return (session, last.hidden)
    }
    lastPrompt = nil
    // Keep at least one prompt token to feed: its logits are the first distribution.
    var shared = 0
    let limit = min(sessionTokens.count, prompt.count - 1, session.count)
    while shared < limit, sessionTokens[shared] == prompt[shared] { shared += 1 }
    session.truncate(to: shared)
    sessionTokens = Array(prompt[..<shared])
    let clock = Date()
    let rest = Array(prompt[shared...])
    var last: HiddenStates?
    var fed = 0
    for size in Self.promptChunks(rest.count, stoppable: options.shouldStop != nil) {
      try options.checkStop()
      last = try session.feedHidden(Array(rest[fed..<(fed + size)]), last: 1)
      fed += size
      sessionTokens = Array(prompt[..<(shared + fed)])
      timing.forwardCalls += 1
    }
    timing.promptSeconds += Date().timeIntervalSince(clock)
    timing.promptTokensFed += rest.count
    timing.promptTokensReused += shared
    guard let last else { throw GenerationError.invalidOptions("the prompt is empty") }
    lastPrompt = (prompt, last)
    return (session, last)
  }

  /// Prompt tokens per forward call when decoding can be stopped: a stop request waits for at
  /// most one such call.
  static let stoppablePromptChunk = 128

  /// How the prompt's uncached tokens are fed: in one call, or, when `shouldStop` is set, in
  /// near-equal chunks of at least `stoppablePromptChunk` tokens. Every chunk stays on the
  /// batched (sgemm) path, so the logits equal those of one call (a test checks this); each
  /// extra call dequantises the weights once more.
  static func promptChunks(_ count: Int, stoppable: Bool) -> [Int] {
    let parts = stoppable ? max(1, count / stoppablePromptChunk) : 1
    return (0..<parts).map { count * ($0 + 1) / parts - count * $0 / parts }
  }

  /// The fitted cost of a forward pass after the prompt, in seconds: fixed part and per token
  /// fed (nil before passes of two different lengths were seen).
  public var forwardPassCost: (fixed: Double, perToken: Double)? { planner.costModel() }

  /// Forgets the cached prompt prefix (for example after the instructions change).
  public func clearPrefixCache() {
    session?.truncate(to: 0)
    sessionTokens = []
    lastPrompt = nil
  }

  func text(of token: Int) -> String {
    String(decoding: tokenizer.tokenBytes[token], as: UTF8.self)
  }

  // MARK: - Grammar

  enum Decision<State> {
    case deadEnd
    case forcedStop(Int)
    case forced(Int, State)
    /// The model must choose among these (ordinary tokens, then stop tokens if allowed).
    case choose([Int32])
  }

  /// What the grammar leaves open in `state`: nothing, one forced token, or a choice.
  func decide<C: PrefixConstraint>(
    masker: TokenMasker<C>, state: C.State, options: DecodingOptions, timing: inout DecodeTiming
  ) -> Decision<C.State> {
    let clock = Date()
    defer { timing.maskSeconds += Date().timeIntervalSince(clock) }
    let allowed = masker.allowed(in: state)
    if allowed.tokens.isEmpty {
      guard allowed.canStop, let stop = stopTokens.first else { return .deadEnd }
      return options.jumpForward ? .forcedStop(stop) : .choose(masker.stopTokens)
    }
    if options.jumpForward, !allowed.canStop {
      var forced: Int32?
      if allowed.tokens.count == 1 {
        forced = allowed.tokens[0]
      } else if !allowed.forcedBytes.isEmpty,
        let (token, _) = trie.longestToken(prefixOf: allowed.forcedBytes)
      {
        // A forced byte run (a keyword's completion): take its longest token.
        forced = token
      }
      if let forced, let next = masker.state(after: Int(forced), from: state) {
        return .forced(Int(forced), next)
      }
    }
    return .choose(allowed.tokens + (allowed.canStop ? masker.stopTokens : []))
  }

  func outputText(_ steps: [TokenStep]) -> String {
    tokenizer.decode(steps.lazy.map(\.token).filter { !self.stopTokens.contains($0) })
  }

  // MARK: - Beam search

  private struct Beam<State> {
    var session: any NextTokenSession
    var unfed: [Int]
    var state: State
    var steps: [TokenStep]
    /// Sum of log₂ probabilities of the tokens under the model's full distribution.
    var score: Double
  }

  private struct Expansion {
    var beam: Int
    var token: Int
    var score: Double
    var distribution: StepDistribution
  }

  private func beamSearch<C: PrefixConstraint>(
    prompt: Prompt, masker: TokenMasker<C>, width: Int, options: DecodingOptions,
    timing: inout DecodeTiming
  ) throws -> Generation {
    let (shared, promptState) = try startSession(
      prompt.tokens, extra: options.maxTokens, options: options, timing: &timing)
    let promptLogits = shared.logits(promptState, at: 0, rows: nil)
    // Beams work on copies so the cached prompt stays as it is.
    var beams = [Beam(session: shared.fork(), unfed: [], state: masker.constraint.initialState, steps: [], score: 0)]
    var firstLogits: [Float]? = promptLogits
    var finished: [(steps: [TokenStep], score: Double)] = []
    var lastPartial = ""

    while !beams.isEmpty {
      var expansions: [Expansion] = []
      var live: [Beam<C.State>] = []
      for var beam in beams {
        try options.checkStop()
        // Follow forced tokens, then ask the model.
        var candidates: [Int32] = []
        var ended = false
        while beam.steps.count < options.maxTokens {
          switch decide(masker: masker, state: beam.state, options: options, timing: &timing) {
          case .deadEnd:
            ended = true
          case .forcedStop(let token):
            beam.steps.append(TokenStep(token: token, text: text(of: token), distribution: nil))
            finished.append((beam.steps, beam.score))
            ended = true
          case .forced(let token, let next):
            beam.steps.append(TokenStep(token: token, text: text(of: token), distribution: nil))
            beam.unfed.append(token)
            beam.state = next
            continue
          case .choose(let allowed):
            candidates = allowed
          }
          break
        }
        lastPartial = outputText(beam.steps)
        if ended || candidates.isEmpty { continue }
        var logits: [Float]
        if beam.unfed.isEmpty, let first = firstLogits {
          logits = first
        } else {
          let clock = Date()
          logits = try beam.session.feed(beam.unfed)
          beam.unfed = []
          timing.forwardCalls += 1
          timing.generateForwardCalls += 1
          timing.generateForwardSeconds += Date().timeIntervalSince(clock)
        }
        let clock = Date()
        let raw = LogitStatistics(logits)
        let index = live.count
        for token in StepDistribution.best(width, of: candidates, logits: logits) {
          let distribution = StepDistribution(
            logits: logits, token: Int(token), allowed: candidates, raw: raw,
            alternatives: options.alternatives, text: text(of:))
          expansions.append(
            Expansion(beam: index, token: Int(token), score: beam.score + distribution.rawLog2Prob,
              distribution: distribution))
        }
        timing.scoringSeconds += Date().timeIntervalSince(clock)
        live.append(beam)
      }
      firstLogits = nil
      expansions.sort { $0.score > $1.score }
      var next: [Beam<C.State>] = []
      var sessionTaken = Set<Int>()
      // The same text reached through different tokenisations counts once (the best-scored).
      var texts = Set<[UInt8]>()
      var kept = 0
      for expansion in expansions {
        if kept == width { break }
        var beam = live[expansion.beam]
        let tokens = beam.steps.map(\.token) + [expansion.token]
        guard texts.insert(tokens.flatMap { tokenizer.tokenBytes[$0] }).inserted else {
          continue
        }
        kept += 1
        let step = TokenStep(token: expansion.token, text: text(of: expansion.token), distribution: expansion.distribution)
        beam.steps.append(step)
        beam.score = expansion.score
        if stopTokens.contains(expansion.token) {
          finished.append((beam.steps, beam.score))
          continue
        }
        guard let state = masker.state(after: expansion.token, from: beam.state) else { continue }
        beam.state = state
        beam.unfed.append(expansion.token)
        if sessionTaken.contains(expansion.beam) {
          beam.session = live[expansion.beam].session.fork()
        } else {
          sessionTaken.insert(expansion.beam)
        }
        next.append(beam)
      }
      // Scores never rise as tokens are added: stop once no live beam can beat the best finished.
      let bestLive = next.map(\.score).max() ?? -.infinity
      let bestFinished = finished.map(\.score).max() ?? -.infinity
      if bestLive <= bestFinished {
        break
      }
      beams = next
    }
    guard let best = finished.max(by: { $0.score < $1.score }) else {
      throw GenerationError.budgetExhausted(maxTokens: options.maxTokens, partial: lastPartial)
    }
    return Generation(text: outputText(best.steps), steps: best.steps, timing: timing)
  }
}
