import Foundation
import IAMPolicy

/// Field access for AWS CLI outputs: exact member names first (what the CLI writes), then
/// case-insensitively (hand-written and raw-API files vary), with the CLI's value forms.
extension JSONValue {
    func field(_ key: String) -> JSONValue? {
        if let v = self[key] { return v }
        return member(ignoringCase: key)
    }

    func str(_ key: String) -> String? {
        guard let v = field(key) else { return nil }
        switch v {
        case .string(let s): return s
        case .number(let n): return n
        default: return nil
        }
    }

    func int(_ key: String) -> Int? { field(key)?.intValue }

    /// `true`/`false` as JSON booleans or as text in any case.
    func bool(_ key: String) -> Bool? {
        guard let v = field(key) else { return nil }
        switch v {
        case .bool(let b): return b
        case .string(let s): return BoolText.parse(s)
        default: return nil
        }
    }

    func array(_ key: String) -> [JSONValue]? { field(key)?.arrayValue }

    /// A timestamp in any form the CLI prints: ISO 8601 text or epoch seconds.
    func date(_ key: String) -> Date? {
        guard let v = field(key) else { return nil }
        switch v {
        case .string(let s): return InputDate.parse(s)
        case .number(let n): return Double(n).flatMap(InputDate.epoch)
        default: return nil
        }
    }

    /// Tags as the CLI prints them (`[{"Key":…,"Value":…}]`) or as a plain object.
    func tags(_ key: String = "Tags") -> [String: String] {
        guard let v = field(key) else { return [:] }
        var out: [String: String] = [:]
        switch v {
        case .array(let items):
            for t in items {
                if let k = t.str("Key") { out[k] = t.str("Value") ?? "" }
            }
        case .object(let members):
            for m in members { out[m.key] = m.value.scalarText ?? "" }
        default: break
        }
        return out
    }

    /// Top-level member names, for recognising a file by its content.
    var keys: Set<String> {
        guard case .object(let members) = self else { return [] }
        return Set(members.map(\.key))
    }
}

/// `true`/`false` in any case (the credential report documents TRUE/FALSE, files hold true/false).
enum BoolText {
    static func parse(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

/// Timestamps from input files, limited to years 0001–9999: anything else (an absurd epoch
/// number, NaN, infinity) is not a timestamp, and could not be stored as ISO 8601 text.
enum InputDate {
    static let range: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    static func parse(_ s: String) -> Date? {
        Timestamp.parse(s).flatMap(valid)
    }

    static func epoch(_ d: Double) -> Date? {
        d.isFinite ? valid(Timestamp.epoch(d)) : nil
    }

    static func valid(_ d: Date) -> Date? {
        let t = d.timeIntervalSince1970
        return t.isFinite && range.contains(t) ? d : nil
    }
}
