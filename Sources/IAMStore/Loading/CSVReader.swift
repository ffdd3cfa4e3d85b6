/// RFC 4180 CSV: fields separated by commas, optionally quoted with `"` (a doubled `""` inside
/// quotes is one quote), records ended by LF or CRLF. Each record keeps its 1-based line
/// number so errors can name it.
enum CSVReader {
    struct Record {
        var line: Int
        var fields: [String]
    }

    static func parse(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false }
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case 0x22: inQuotes = true
                case 0x2C: endField()
                case 0x0D: break
                case 0x0A:
                    endField()
                    if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
                    fields.removeAll(keepingCapacity: true)
                    line += 1
                    recordLine = line
                default: field.append(c)
                }
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
        }
        return records
    }
}
