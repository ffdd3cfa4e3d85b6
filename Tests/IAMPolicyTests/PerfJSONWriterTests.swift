import Testing
@testable import IAMPolicy

/// The byte-based writer must write exactly what the scalar-by-scalar writer wrote: `\"`, `\\`,
/// `\n`, `\r`, `\t`, other control characters as `\u00xx` (lowercase hex), everything else
/// (DEL, `/`, non-ASCII) as literal UTF-8 (RFC 8259 §7).
@Suite("JSON writer output")
struct PerfJSONWriterTests {
    @Test func quoteEscapesOnlyWhatJSONRequires() {
        #expect(JSONWriter.quote("") == #""""#)
        #expect(JSONWriter.quote("plain") == #""plain""#)
        #expect(JSONWriter.quote("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONWriter.quote("l1\nl2\rl3\tx") == #""l1\nl2\rl3\tx""#)
        #expect(JSONWriter.quote("\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}") == #""\u0000\u0001\u0008\u000c\u001b\u001f""#)
        #expect(JSONWriter.quote("/ \u{7F} é ✓ 😀") == "\"/ \u{7F} é ✓ 😀\"")
        // Escapes at the start, in the middle and at the end of runs that need none.
        #expect(JSONWriter.quote("\"x\"") == #""\"x\"""#)
        #expect(JSONWriter.quote("ab\u{1}") == #""ab\u0001""#)
    }

    @Test func compactAndPrettyLayout() {
        let v: JSONValue = ["b": [1, "x\ny", nil, true, false, [], [:]], "a": ["k": "v"], "n": .number("-0.50e3")]
        #expect(JSONWriter.compact(v) == #"{"b":[1,"x\ny",null,true,false,[],{}],"a":{"k":"v"},"n":-0.50e3}"#)
        #expect(JSONWriter.pretty(v) == """
            {
              "b": [
                1,
                "x\\ny",
                null,
                true,
                false,
                [],
                {}
              ],
              "a": {
                "k": "v"
              },
              "n": -0.50e3
            }
            """)
        #expect(JSONWriter.pretty(["k": [1]], indent: 4) == "{\n    \"k\": [\n        1\n    ]\n}")
        #expect(JSONWriter.pretty(["k": [1]], indent: 0) == "{\n\"k\": [\n1\n]\n}")
        #expect(JSONWriter.compact("s") == #""s""#)
        #expect(JSONWriter.pretty(.null) == "null")
    }

    @Test func writeIntoBytesMatchesCompactAndPretty() {
        let v: JSONValue = ["k\"ey": ["é\t", 2, ["x": nil]]]
        var out: [UInt8] = Array("prefix".utf8)
        JSONWriter.write(v, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix" + JSONWriter.compact(v))
        var pretty: [UInt8] = []
        JSONWriter.write(v, into: &pretty, indent: 2)
        #expect(String(decoding: pretty, as: UTF8.self) == JSONWriter.pretty(v))
        var s: [UInt8] = []
        JSONWriter.writeString("a\u{1}", into: &s)
        #expect(String(decoding: s, as: UTF8.self) == JSONWriter.quote("a\u{1}"))
    }

    /// Every scalar class in keys and values survives compact and pretty writing and parsing back.
    @Test func roundTripsEveryCharacterClass() throws {
        var scalars: [Unicode.Scalar] = (0..<0x80).compactMap { Unicode.Scalar($0) }
        scalars += ["\u{80}", "\u{FF}", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}"]
        var strings: [String] = [""]
        for (i, u) in scalars.enumerated() {
            strings.append(String(u))
            strings.append("ab" + String(u) + "cd" + String(scalars[(i * 7) % scalars.count]))
        }
        let value = JSONValue.object(strings.enumerated().map { i, s in JSONMember(s + "#\(i)", [.string(s), .string(s + s)]) })
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.pretty(value)) == value)
        for s in strings {
            #expect(try JSONParser.parse(JSONWriter.quote(s)) == .string(s))
        }
    }
}
