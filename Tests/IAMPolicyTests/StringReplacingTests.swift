import Foundation
import Testing
@testable import IAMPolicy

/// `replacingAll` must give what Foundation's `replacingOccurrences(of:with:)` gives: every
/// non-overlapping occurrence, left to right; nothing to replace gives the text back.
@Suite("String replacement")
struct StringReplacingTests {
    static let cases: [(String, String, String)] = [
        ("arn:aws:iam::{account}:role/{name}", "{account}", "111122223333"),
        ("arn:aws:s3:::bucket/*/x?", "*", "iamsh"),
        ("aaaa", "aa", "b"),                      // non-overlapping: "bb"
        ("no match here", "zz", "y"),
        ("", "x", "y"),
        ("x", "xyz", "q"),                        // target longer than the text
        ("é/(each member)/ü (each member)", "(each member)", "arn:aws:iam::111122223333:user/dev.dana"),
        ("tail match", "match", ""),
    ]

    @Test("agrees with Foundation", arguments: cases.indices)
    func agrees(_ i: Int) {
        let (text, target, replacement) = Self.cases[i]
        #expect(text.replacingAll(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test("an empty target changes nothing")
    func emptyTarget() {
        #expect("abc".replacingAll("", with: "x") == "abc")
    }
}
