/// A part of the rewritten question: plain text, or a value that becomes a placeholder.
enum Piece {
  case text(String)
  case slot(Slot)
}

/// A value found in the question, before its placeholder number is known.
struct Slot {
  var kind: BindingKind
  var value: String
  var score: Double
  var matchedBy: String
  var start: Int
  var end: Int
  var rivals: [ScoredName] = []
}

/// A run of tokens the linker recognised, not yet rendered.
struct PendingSpan {
  var first: Int
  var last: Int
  var charStart: Int
  var charEnd: Int
  var content: Content
  var years: (Int?, Int?) = (nil, nil)

  enum Content {
    /// Already rewritten (times, numbers, glossary phrases).
    case resolved([Piece])
    /// Name candidates still to be scored against the whole question's context.
    case names([IndexEntry], fuzzyDistance: Int)
    case glossary(Int)
  }
}
