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

    func failure(_ text: String) -> JSONParseError? {
        do { _ = try JSONParser.parse(text); return nil } catch { return error }
    }

    /// Paths are kept as offsets while parsing and rebuilt only for an error: member names with
    /// escapes, dots and non-ASCII come back as written.
    @Test func errorPathsRebuildMemberNamesWithEscapes() {
        let e = failure(#"{"a\"b": [0, {"c.d": {"\u00e9t\u00e9": [1, 2, tru]}}]}"#)
        #expect(e?.path.description == #"$["a\"b"][1]["c.d"].été[2]"#)
        #expect(e?.message == "invalid literal; expected 'true'")
        #expect(e?.line == 1)
        #expect(e?.column == 47)
    }

    /// Errors between members or elements name the container, not the member before them.
    @Test func errorsBetweenMembersNameTheContainer() {
        #expect(failure(#"{"Users": [{"Name": "a"} {"Name": "b"}]}"#)?.path.description == "$.Users")
        #expect(failure(#"{"Users": [{"Name": "a" "Arn": "b"}]}"#)?.path.description == "$.Users[0]")
        #expect(failure(#"{"Users": [{"Name" "a"}]}"#)?.message == #"expected ':' after member name "Name""#)
        #expect(failure(#"{"Users": [{"Na\u006de" "a"}]}"#)?.message == #"expected ':' after member name "Name""#)
        #expect(failure(#"{"Users": [{"Name": "a", 7: 1}]}"#)?.message == "expected a member name in double quotes")
        #expect(failure(#"{"Users": [{"Name": "a", 7: 1}]}"#)?.path.description == "$.Users[0]")
        #expect(failure("{\"Users\": [{\"Na\u{1}me\": 1}]}")?.message == "control character inside a string; strings must escape it")
        #expect(failure(#"{"Users": [{"Name"#)?.message == "unexpected end of input inside a string (truncated file?)")
    }

    @Test func truncationDeepInsideArraysNamesEveryIndex() {
        let e = failure("[[0, 1, [\"a\", \"b\", {\"LongMemberNameForInterning\": [5, 6, {\"LongMemberNameForInterning\": ")
        #expect(e?.path.description == "$[0][2][2].LongMemberNameForInterning[2].LongMemberNameForInterning")
        #expect(e?.message == "unexpected end of input (truncated file?); expected a value")
    }

    /// Long member names are shared between occurrences; their text must still be exactly what
    /// each occurrence says (names that collide in the table, or differ only at the end).
    @Test func repeatedLongMemberNamesKeepTheirText() throws {
        let names = (0..<600).map { "AttachedManagedPolicies\($0)" } + ["AttachedManagedPolicies", "AttachedManagedPolicieZ",
                                                                          "Attached\\u004danagedPolicies", "PolicyVersionList", "é" + String(repeating: "x", count: 20)]
        var text = "["
        for round in 0..<3 {
            for (i, n) in names.enumerated() { text += (round + i > 0 ? "," : "") + "{\"\(n)\": \(i)}" }
        }
        text += "]"
        let v = try JSONParser.parse(text)
        let items = try #require(v.arrayValue)
        #expect(items.count == names.count * 3)
        for (i, item) in items.enumerated() {
            let n = names[i % names.count].replacingOccurrences(of: "\\u004d", with: "M")
            #expect(item.objectValue?.first?.key == n)
        }
    }

    @Test func stringsWithEscapesDecode() throws {
        let v = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20ac\ud83d\ude00", "x\u0000y"]"#)
        #expect(v == ["\"\\/\u{8}\u{C}\n\r\t", "Aé€😀", "x\u{0}y"])
        #expect(failure(#"["\ud800"]"#)?.message == "lone surrogate in \\u escape")
        #expect(failure(#"["\ud800\u0041"]"#)?.message == "invalid surrogate pair in \\u escape")
        #expect(failure(#"["\q"]"#)?.message == "invalid escape '\\q' in a string")
        #expect(failure(#"["\u12"]"#)?.message == "invalid hex digit in \\u escape")
    }

    @Test func literalsAndNumbers() throws {
        #expect(try JSONParser.parse("[true,false,null,-0,1.5e+3,0]") == [true, false, nil, .number("-0"), .number("1.5e+3"), 0])
        #expect(failure("[nul]")?.message == "invalid literal; expected 'null'")
        #expect(failure("[fals")?.message == "invalid literal; expected 'false'")
        #expect(failure("[1.]")?.message == "invalid number: digits expected after '.'")
        #expect(failure("\u{FEFF}")?.message == "the file is empty; expected a JSON value")
        #expect(try JSONParser.parse("\u{FEFF} {\"a\": 1} ") == ["a": 1])
        #expect(try JSONParser.parse(bytes: Array("[\"é\"]".utf8)) == ["é"])
    }
}

