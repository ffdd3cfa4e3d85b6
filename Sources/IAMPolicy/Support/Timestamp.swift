import Foundation

/// Timestamps in every form the AWS CLI prints: ISO 8601 with `Z` or `+00:00`, with or without
/// fractional seconds (the mock adds microseconds), a date alone, or epoch seconds (CLI v1 prints
/// those for JSON-protocol services such as Organizations and Secrets Manager).
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { all -> Date? in
            // Trim what Foundation's `.whitespaces` trims (tab and the Unicode space separators),
            // on the bytes: ASCII directly, anything else only when an end is not ASCII.
            var start = 0, end = all.count
            while start < end, all[start] == 0x20 || all[start] == 0x09 { start += 1 }
            while end > start, all[end - 1] == 0x20 || all[end - 1] == 0x09 { end -= 1 }
            if start < end, all[start] >= 0x80 || all[end - 1] >= 0x80 {
                return parseTrimmed(String(decoding: UnsafeBufferPointer(rebasing: all[start..<end]), as: UTF8.self))
            }
            return parseTrimmed(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The slow path for text that may start or end with non-ASCII space separators.
    private static func parseTrimmed(_ s: String) -> Date? {
        let scalars = s.unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return nil }
        var t = String(scalars[first...last])
        return t.withUTF8 { parseTrimmed($0) }
    }

    /// Parses trimmed text: ISO 8601 when it starts like a date (`YYYY-`), else epoch seconds or
    /// milliseconds (a number that does not start with `+`).
    private static func parseTrimmed(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
        if u.isEmpty { return nil }
        // Four digits then '-' is never a number, so only such text can be a date.
        if u.count >= 5, u[4] == 0x2D, isDigit(u[0]), isDigit(u[1]), isDigit(u[2]), isDigit(u[3]) {
            return parseISO(u)
        }
        if u[0] == UInt8(ascii: "+") { return nil }
        return Double(String(decoding: u, as: UTF8.self)).map(epoch)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Epoch seconds, or milliseconds when the number is too large to be seconds.
    public static func epoch(_ d: Double) -> Date {
        Date(timeIntervalSince1970: d > 1e11 ? d / 1000 : d)
    }

    static func parseISO(_ t: String) -> Date? {
        var t = t
        return t.withUTF8 { parseISO($0) }
    }

    static func parseISO(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
        // Manual parse: ISO8601DateFormatter is slow and picky about fractional digits.
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                let c = u[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = num(0, 4), u.count >= 10, u[4] == 45, let month = num(5, 2), u[7] == 45, let day = num(8, 2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var frac = 0.0
        var offset = 0
        var i = 10
        if i < u.count, u[i] == 84 || u[i] == 116 || u[i] == 32 {  // T, t or space
            guard let h = num(i + 1, 2), u.count > i + 3, u[i + 3] == 58, let m = num(i + 4, 2) else { return nil }
            hour = h; minute = m
            i += 6
            if i < u.count, u[i] == 58 {
                guard let s = num(i + 1, 2) else { return nil }
                second = s
                i += 3
            }
            if i < u.count, u[i] == 46 || u[i] == 44 {  // . or ,
                var j = i + 1
                var scale = 0.1
                while j < u.count, u[j] >= 48 && u[j] <= 57 { frac += Double(u[j] - 48) * scale; scale /= 10; j += 1 }
                i = j
            }
            if i < u.count {
                if u[i] == 90 || u[i] == 122 { i += 1 }  // Z
                else if u[i] == 43 || u[i] == 45 {  // + or -
                    let sign = u[i] == 43 ? 1 : -1
                    guard let oh = num(i + 1, 2) else { return nil }
                    var om = 0
                    if i + 3 < u.count, u[i + 3] == 58 { om = num(i + 4, 2) ?? 0; i += 6 }
                    else if let m2 = num(i + 3, 2) { om = m2; i += 5 }
                    else { i += 3 }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
            guard i == u.count else { return nil }
        } else if i != u.count {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = daysFromCivil(year, month, day)
        let secs = Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + frac
        return Date(timeIntervalSince1970: secs)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// ISO 8601 in UTC with `Z`, seconds precision: how every timestamp is stored and shown.
    public static func format(_ date: Date) -> String {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        var days = t / 86400
        var rem = t % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ys = String(y)
        return "\(String(repeating: "0", count: max(0, 4 - ys.count)))\(ys)-\(p2(m))-\(p2(d))T\(p2(rem / 3600)):\(p2(rem % 3600 / 60)):\(p2(rem % 60))Z"
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
