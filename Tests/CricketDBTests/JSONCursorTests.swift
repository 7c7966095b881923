import Foundation
import Testing

@testable import CricketDB

@Suite struct JSONCursorTests {
  private func withCursor<T>(_ text: String, _ body: (inout JSONCursor) throws -> T) throws -> T {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
      var cursor = JSONCursor(buffer, name: "test.json")
      return try body(&cursor)
    }
  }

  @Test func stringsDecodeEscapesAndSurrogatePairs() throws {
    let text = try withCursor(#""Lord\u0027s \"HQ\" \u00e9 \ud83c\udfcf\n""#) { try $0.readString() }
    #expect(text == "Lord's \"HQ\" é 🏏\n")
    let plain = try withCursor(#"  "Mohammad Ashraful" "#) { try $0.readString() }
    #expect(plain == "Mohammad Ashraful")
  }

  @Test func keysAreMatchedAndUnknownValuesSkipped() throws {
    let found = try withCursor(#"{"skip": {"a": [1, 2.5e3, true, null, "x"]}, "batter": "V Kohli"}"#) { cursor in
      var batter = ""
      try cursor.beginObject()
      while let key = try cursor.nextKey() {
        switch key {
        case "batter": batter = try cursor.readString()
        default: try cursor.skipValue()
        }
      }
      try cursor.end()
      return batter
    }
    #expect(found == "V Kohli")
  }

  @Test func errorsGiveTheByteOffsetAndWhatWasExpected() throws {
    do {
      _ = try withCursor(#"{"over": 1.5}"#) { cursor in
        try cursor.beginObject()
        _ = try cursor.nextKey()
        return try cursor.readInt()
      }
      Issue.record("a fraction should not read as a whole number")
    } catch let error as ImportError {
      #expect(error.description == "test.json: invalid JSON at byte 10: expected a whole number, found '.'")
    }
    do {
      _ = try withCursor(#"{"a": "unterminated"#) { cursor in
        try cursor.beginObject()
        _ = try cursor.nextKey()
        return try cursor.readString()
      }
      Issue.record("an unterminated string should fail")
    } catch let error as ImportError {
      #expect(error.description.hasSuffix("expected the end of a string, found the end of the file (truncated?)"))
    }
  }
}
