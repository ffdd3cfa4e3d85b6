import Testing
import IAMPolicy
@testable import IAMStore

/// The byte-level JSON writer used for table columns writes what the shared JSONWriter writes.
@Suite struct JSONTextTests {
    @Test func compactMatchesJSONWriterIncludingEscapes() throws {
        let text = #"{"a": "q\"uote \\ back\nline\ttab\u0001ctl", "é": ["ünï", 1.50, true, null, {}], "n": -0.0e5}"#
        let v = try JSONParser.parse(text)
        #expect(JSONText.compact(v) == JSONWriter.compact(v))
        #expect(try JSONParser.parse(JSONText.compact(v)) == v)
    }

    @Test func listsAndObjects() {
        #expect(JSONText.array([]) == "[]")
        #expect(JSONText.array(["a\"b", "c"]) == #"["a\"b","c"]"#)
        #expect(JSONText.object(["b": "2", "a": "1"]) == #"{"a":"1","b":"2"}"#)
        var out: [UInt8] = []
        JSONText.principal(PrincipalSpec(anyone: true, aws: ["111122223333"], service: ["s3.amazonaws.com"]), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"AWS":["*","111122223333"],"Service":["s3.amazonaws.com"]}"#)
    }
}
