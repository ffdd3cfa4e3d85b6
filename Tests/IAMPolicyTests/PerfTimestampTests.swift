import Foundation
import Testing
@testable import IAMPolicy

/// Every timestamp form the AWS CLI prints (aws-cli-formats: ISO 8601 with `Z`, `+00:00` or
/// `+0000`, fractional seconds, a date alone; epoch seconds from CLI v1 JSON-protocol services),
/// with surrounding spaces and tabs trimmed and nothing else.
@Suite("Timestamp forms")
struct PerfTimestampTests {
    static let base = 1_704_164_645.0  // 2024-01-02T03:04:05Z

    static let accepted: [(String, Double)] = [
        ("2024-01-02T03:04:05Z", base),
        ("2024-01-02T03:04:05z", base),
        ("2024-01-02t03:04:05Z", base),
        ("2024-01-02T03:04:05+00:00", base),
        ("2024-01-02T03:04:05+0000", base),
        ("2024-01-02T03:04:05+00", base),
        ("2024-01-02T05:34:05+02:30", base),
        ("2024-01-01T22:04:05-05:00", base),
        ("2024-01-02T03:04:05.250Z", base + 0.25),
        ("2024-01-02T03:04:05,5Z", base + 0.5),
        ("2024-01-02T03:04:05.123456+00:00", base + 0.123456),
        ("2024-01-02 03:04:05", base),
        ("2024-01-02T03:04", base - 5),
        ("2024-01-02", base - 3 * 3600 - 4 * 60 - 5),
        ("1704164645", base),
        ("1704164645.5", base + 0.5),
        ("1704164645000", base),          // milliseconds
        ("-86400", -86400),
        ("0", 0),
        ("1e3", 1000),
        ("  2024-01-02T03:04:05Z", base),
        ("2024-01-02T03:04:05Z\t ", base),
        ("\t1704164645 ", base),
        ("\u{A0}2024-01-02T03:04:05Z\u{2003}", base),  // Unicode space separators, as Foundation trimmed
        ("\u{3000}1704164645", base),
    ]

    @Test(arguments: accepted)
    func acceptedForms(_ text: String, _ epoch: Double) throws {
        let d = try #require(Timestamp.parse(text), "\(text.debugDescription)")
        #expect(abs(d.timeIntervalSince1970 - epoch) < 1e-6, "\(text.debugDescription)")
    }

    @Test(arguments: ["", "   ", "\u{A0}", "+1704164645", "2024-01-02\n", "\n2024-01-02", "2024-1-02", "2024-13-02",
                      "2024-01-32", "2024-01-02T24:00:00Z", "2024-01-02X", "2024-01-02T03:04:05Q", "1234-5", "é2024-01-02",
                      "2024-01-02é", "yesterday", "0x1p3z"])
    func rejectedForms(_ text: String) {
        #expect(Timestamp.parse(text) == nil, "\(text.debugDescription)")
    }

    @Test func formatRoundTrips() throws {
        for t in [0.0, Self.base, -1, 253_402_300_799] {
            let s = Timestamp.format(Date(timeIntervalSince1970: t))
            #expect(try #require(Timestamp.parse(s)).timeIntervalSince1970 == t)
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: Self.base)) == "2024-01-02T03:04:05Z")
    }
}
