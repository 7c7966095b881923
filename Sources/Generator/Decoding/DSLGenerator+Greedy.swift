import DSL
import Foundation

/// Greedy decoding, plain or speculative.
///
/// Speculative: before each forward pass, a draft of likely next tokens is appended to the
/// tokens awaiting the model (the grammar's forced tokens; guesses by `DraftProposer`), and one
/// batched pass gives the hidden state after each. Greedy then runs over those states as if it
/// had fed the tokens one by one: while its choice equals the next draft token, that token is
/// already in the cache; at the first difference the rest of the draft is cut from the cache,
/// and the choice made there (from the state already computed) is fed with the next pass.
/// Batches stay below `maxVerifyBatch`, where the forward pass computes each position as a
/// single token would be, so tokens and figures equal plain greedy's exactly.
extension DSLGenerator {
  /// Longest batch fed in one verification pass: shorter batches use the per-token kernels
  /// (quantised products, row-wise attention; `Linear.gemmThreshold` and
  /// `DecoderModel.rowwiseAttentionLimit` are 16).
  static let maxVerifyBatch = 15
  /// Most draft tokens per forward pass.
  static let maxDraftTokens = 10
  /// Without raw statistics, at most this many allowed tokens get their own output rows; more
  /// than this and the whole vocabulary's logits (split over the threads) are cheaper.
  static let allowedRowsLimit = 16_384

  func greedy<C: PrefixConstraint>(
    prompt: Prompt, masker: TokenMasker<C>, options: DecodingOptions, timing: inout DecodeTiming
  ) throws -> Generation {
    let (session, promptState) = try startSession(
      prompt.tokens, extra: options.maxTokens, options: options, timing: &timing)
    let proposer = DraftProposer(
      prompt: prompt.tokens, supplied: options.draft.map { tokenizer.encodeOrdinary($0) } ?? [])
    // Hidden states after the output so far (row `row`) and after each token of `draft`, which
    // are in the cache but not yet confirmed; nil while tokens in `unfed` await the model.
    var states: HiddenStates? = promptState
    var row = 0
    var draft: ArraySlice<Int> = []
    var unfed: [Int] = []
    var state = masker.constraint.initialState
    var steps: [TokenStep] = []

    /// Cuts the unconfirmed draft from the cache; the next token must then be fed.
    func dropDraft() {
      session.truncate(to: session.count - draft.count)
      sessionTokens.removeLast(draft.count)
      draft = []
      states = nil
    }
    /// Follows a token greedy has settled on: it is the draft's next one, or it needs feeding.
    func follow(_ token: Int) {
      if states != nil, draft.first == token {
        draft.removeFirst()
        row += 1
        timing.acceptedDraftTokens += 1
      } else {
        dropDraft()
        unfed.append(token)
      }
    }

    while steps.count < options.maxTokens {
      try options.checkStop()
      switch decide(masker: masker, state: state, options: options, timing: &timing) {
      case .deadEnd:
        throw GenerationError.deadEnd(partial: outputText(steps))
      case .forcedStop(let token):
        dropDraft()
        steps.append(TokenStep(token: token, text: text(of: token), distribution: nil))
        return Generation(text: outputText(steps), steps: steps, timing: timing)
      case .forced(let token, let next):
        steps.append(TokenStep(token: token, text: text(of: token), distribution: nil))
        state = next
        follow(token)
      case .choose(let candidates):
        if states == nil {
          var guesses: [Int] = []
          if options.speculative {
            guesses = makeDraft(
              proposer: proposer, masker: masker, from: state, output: steps.map(\.token),
              limit: min(
                Self.maxDraftTokens, Self.maxVerifyBatch - unfed.count,
                options.maxTokens - steps.count - 1),
              options: options, timing: &timing)
          }
          let clock = Date()
          let batch = unfed + guesses
          states = try session.feedHidden(batch, last: guesses.count + 1)
          sessionTokens += batch
          unfed = []
          row = 0
          draft = guesses[...]
          timing.forwardCalls += 1
          timing.generateForwardCalls += 1
          timing.draftedTokens += guesses.count
          timing.generateForwardSeconds += Date().timeIntervalSince(clock)
        }
        let (best, distribution) = choose(
          among: candidates, session: session, states: states!, row: row, options: options,
          timing: &timing)
        steps.append(TokenStep(token: best, text: text(of: best), distribution: distribution))
        if stopTokens.contains(best) {
          dropDraft()
          return Generation(text: outputText(steps), steps: steps, timing: timing)
        }
        guard let next = masker.state(after: best, from: state) else {
          throw GenerationError.deadEnd(partial: outputText(steps))
        }
        state = next
        follow(best)
      }
    }
    throw GenerationError.budgetExhausted(maxTokens: options.maxTokens, partial: outputText(steps))
  }

  /// Up to `limit` tokens that may follow `output` in grammar state `state`: forced tokens as
  /// the grammar forces them, then the proposer's guesses while the grammar allows them.
  private func makeDraft<C: PrefixConstraint>(
    proposer: DraftProposer, masker: TokenMasker<C>, from state: C.State, output: [Int],
    limit: Int, options: DecodingOptions, timing: inout DecodeTiming
  ) -> [Int] {
    var draft: [Int] = []
    var current = state
    var output = output
    drafting: while draft.count < limit {
      let token: Int
      switch decide(masker: masker, state: current, options: options, timing: &timing) {
      case .forced(let forced, _):
        token = forced
      case .choose:
        guard let guess = proposer.next(after: output), !stopTokens.contains(guess),
          tokenizer.tokenKinds[guess] == .normal
        else { break drafting }
        token = guess
      case .deadEnd, .forcedStop:
        break drafting
      }
      // The grammar accepts an ordinary token's bytes exactly when the mask allows it.
      guard let next = masker.state(after: token, from: current) else { break }
      draft.append(token)
      output.append(token)
      current = next
    }
    return draft
  }

  /// Greedy's choice among `candidates` at hidden state `row`, with its figures.
  private func choose(
    among candidates: [Int32], session: any NextTokenSession, states: HiddenStates, row: Int,
    options: DecodingOptions, timing: inout DecodeTiming
  ) -> (Int, StepDistribution) {
    var clock = Date()
    let values: [Float]
    if options.rawStatistics {
      let logits = session.logits(states, at: row, rows: nil)
      timing.generateForwardSeconds += Date().timeIntervalSince(clock)
      clock = Date()
      defer { timing.scoringSeconds += Date().timeIntervalSince(clock) }
      let best = Int(StepDistribution.best(1, of: candidates, logits: logits)[0])
      return (
        best,
        StepDistribution(
          logits: logits, token: best, allowed: candidates, raw: LogitStatistics(logits),
          alternatives: options.alternatives, text: text(of:))
      )
    } else if candidates.count > Self.allowedRowsLimit {
      let logits = session.logits(states, at: row, rows: nil)
      values = candidates.map { logits[Int($0)] }
    } else {
      values = session.logits(states, at: row, rows: candidates)
    }
    timing.generateForwardSeconds += Date().timeIntervalSince(clock)
    clock = Date()
    defer { timing.scoringSeconds += Date().timeIntervalSince(clock) }
    let chosen = StepDistribution.bestPositions(1, values: values)[0]
    return (
      Int(candidates[chosen]),
      StepDistribution(
        candidateLogits: values, candidates: candidates, chosen: chosen,
        alternatives: options.alternatives, text: text(of:))
    )
  }
}
