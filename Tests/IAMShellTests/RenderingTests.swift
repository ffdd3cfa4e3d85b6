import Testing
@testable import IAMShell

@Suite struct RenderingTests {
    /// Text with a comma, a quote and a line break; a number; a NULL; a real.
    static let sample = ResultTable(columns: ["name", "n", "note"], rows: [
        [.text("alice"), .integer(3), .null],
        [.text("b,\"o\"b"), .integer(12), .text("two\nlines")],
        [.text("ci"), .real(1.5), .text("x|y")],
    ])

    func render(_ mode: OutputMode, headers: Bool = true, _ table: ResultTable = sample) -> String {
        Renderer(mode: mode, headers: headers).render(table)
    }

    @Test func table() {
        #expect(render(.table) == """
        +--------+-----+-------+
        | name   | n   | note  |
        +--------+-----+-------+
        | alice  |   3 | NULL  |
        | b,"o"b |  12 | two   |
        |        |     | lines |
        | ci     | 1.5 | x|y   |
        +--------+-----+-------+

        """)
    }

    @Test func tableWithoutHeaders() {
        let t = ResultTable(columns: ["a", "b"], rows: [[.text("x"), .integer(1)]])
        #expect(render(.table, headers: false, t) == "+---+---+\n| x | 1 |\n+---+---+\n")
    }

    @Test func box() {
        let t = ResultTable(columns: ["name", "n"], rows: [[.text("alice"), .integer(3)]])
        #expect(render(.box, t) == """
        ┌───────┬───┐
        │ name  │ n │
        ├───────┼───┤
        │ alice │ 3 │
        └───────┴───┘

        """)
    }

    @Test func csvIsRFC4180() {
        #expect(render(.csv) == "name,n,note\r\nalice,3,\r\n\"b,\"\"o\"\"b\",12,\"two\nlines\"\r\nci,1.5,x|y\r\n")
        #expect(render(.csv, headers: false).hasPrefix("alice,3,\r\n"))
    }

    @Test func tsvEscapes() {
        let t = ResultTable(columns: ["a", "b"], rows: [[.text("t\tab"), .text("back\\slash\nnl")], [.null, .integer(2)]])
        #expect(render(.tsv, t) == "a\tb\nt\\tab\tback\\\\slash\\nnl\n\t2\n")
    }

    @Test func jsonNumbersAndNull() {
        #expect(render(.json) == """
        [{"name": "alice", "n": 3, "note": null},
         {"name": "b,\\"o\\"b", "n": 12, "note": "two\\nlines"},
         {"name": "ci", "n": 1.5, "note": "x|y"}]

        """)
    }

    @Test func jsonContractSingleRow() {
        let t = ResultTable(columns: ["n"], rows: [[.integer(3)]])
        #expect(render(.json, t) == "[{\"n\": 3}]\n")
    }

    @Test func jsonEmptyIsEmptyArray() {
        #expect(render(.json, ResultTable(columns: ["n"])) == "[]\n")
        #expect(render(.jsonl, ResultTable(columns: ["n"])) == "")
    }

    @Test func jsonIgnoresHeadersAndDedupesKeys() {
        let t = ResultTable(columns: ["x", "x"], rows: [[.integer(1), .integer(2)]])
        #expect(render(.json, headers: false, t) == "[{\"x\": 1, \"x_2\": 2}]\n")
    }

    @Test func jsonNestsJSONCellsAndBooleans() {
        let t = ResultTable(columns: ["list", "flag", "real"], rows: [[.list(["a", "b"]), .bool(true), .real(2)]])
        #expect(render(.json, t) == "[{\"list\": [\"a\",\"b\"], \"flag\": true, \"real\": 2.0}]\n")
        #expect(render(.csv, t) == "list,flag,real\r\n\"[\"\"a\"\",\"\"b\"\"]\",true,2.0\r\n")
    }

    @Test func jsonl() {
        let t = ResultTable(columns: ["n"], rows: [[.integer(1)], [.integer(2)]])
        #expect(render(.jsonl, t) == "{\"n\": 1}\n{\"n\": 2}\n")
    }

    @Test func markdown() {
        #expect(render(.markdown) == """
        | name   |   n | note         |
        |--------|----:|--------------|
        | alice  |   3 | NULL         |
        | b,"o"b |  12 | two<br>lines |
        | ci     | 1.5 | x\\|y         |

        """)
    }

    @Test func line() {
        #expect(render(.line) == """
        name = alice
           n = 3
        note = NULL

        name = b,"o"b
           n = 12
        note = two
               lines

        name = ci
           n = 1.5
        note = x|y

        """)
    }

    @Test func longCellsWrapInTableButNeverInCSV() {
        let long = "arn:aws:iam::111122223333:role/" + String(repeating: "x", count: 30)
        let t = ResultTable(columns: ["arn"], rows: [[.text(long)]])
        let table = Renderer(mode: .table, maxColumnWidth: 32).render(t)
        #expect(table == """
        +----------------------------------+
        | arn                              |
        +----------------------------------+
        | arn:aws:iam::111122223333:role/  |
        | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx   |
        +----------------------------------+

        """)
        #expect(Renderer(mode: .csv, maxColumnWidth: 32).render(t) == "arn\r\n\(long)\r\n")
        #expect(Renderer(mode: .json, maxColumnWidth: 32).render(t) == "[{\"arn\": \"\(long)\"}]\n")
    }

    @Test func tableFitsTerminalWidth() {
        let t = ResultTable(columns: ["a", "b"], rows: [[.text(String(repeating: "a", count: 40)), .text(String(repeating: "b", count: 40))]])
        let text = Renderer(mode: .table, terminalWidth: 50).render(t)
        for line in text.split(separator: "\n") { #expect(line.count <= 50) }
        #expect(text.filter { $0 == "a" }.count == 41)  // 40 cells + header, nothing lost
    }

    @Test func controlCharactersCannotEscapeTheTable() {
        let t = ResultTable(columns: ["x"], rows: [[.text("a\u{1B}[31mred\tb")]])
        #expect(render(.table, t).contains("a?[31mred b"))
    }

    @Test func wideCharactersAlign() {
        let t = ResultTable(columns: ["name"], rows: [[.text("日本")], [.text("abcd")]])
        #expect(render(.table, t) == "+------+\n| name |\n+------+\n| 日本 |\n| abcd |\n+------+\n")
    }

    @Test func noColumnsRendersNothing() {
        for mode in OutputMode.allCases where mode != .json {
            #expect(render(mode, ResultTable(columns: [])) == "")
        }
    }
}
