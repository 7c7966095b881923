import Foundation
import Testing

@testable import DSL

/// Every corpus DSL is canonical: it parses, prints back to itself, and the prefix
/// automaton accepts it byte by byte.
@Test func corpusIsCanonicalAndAcceptedByTheAutomaton() throws {
  let pairs = try Corpus.load(Corpus.repositoryFolder())
  #expect(pairs.count >= 40)
  let constraint = DSLConstraint()
  for pair in pairs {
    let query: DSLQuery
    do {
      query = try DSLParser.parse(pair.dsl)
    } catch {
      Issue.record("\(pair.id): \(error)")
      continue
    }
    #expect(query.printed == pair.dsl, "\(pair.id)")
    var state = constraint.initialState
    for (offset, byte) in pair.dsl.utf8.enumerated() {
      guard let next = constraint.advance(state, byte: byte) else {
        Issue.record("\(pair.id): automaton rejects byte \(offset) of \(pair.dsl)")
        break
      }
      state = next
    }
    #expect(constraint.isComplete(state), "\(pair.id)")
  }
}
