import Testing
@testable import IAMPolicy

@Suite("JSON parser")
struct JSONParserTests {
    @Test func parsesNestedValuesKeepingOrderAndNumberText() throws {
        let v = try JSONParser.parse(#"{"b": [1, 2.50, true, null], "a": "x\u00e9\n"}"#)
        guard case .object(let m) = v else { Issue.record("not an object"); return }
        #expect(m.map(\.key) == ["b", "a"])
        #expect(v["b"]?.arrayValue?[1] == .number("2.50"))
        #expect(v["a"]?.stringValue == "x\u{e9}\n")
    }

    @Test func truncatedInputNamesLineColumnAndPath() {
        do {
            _ = try JSONParser.parse("{\n  \"Users\": [\n    {\"UserName\": \"al")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.path.description == "$.Users[0].UserName")
            #expect(error.message.contains("truncated"))
        }
    }

    @Test func rejectsTrailingGarbage() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{} x") }
    }
}
