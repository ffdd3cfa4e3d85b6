import Foundation

extension String {
    /// Every occurrence of `target` replaced, compared byte for byte (UTF-8). Foundation's
    /// `replacingOccurrences(of:with:)` goes through NSString and was a seventh of path search.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var haystack = self, needle = target
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin -> String in
                let n = pin.count, h = hay.count
                guard n <= h, let hb = hay.baseAddress, let pb = pin.baseAddress else { return self }
                var out: [UInt8] = []
                var i = 0, copied = 0
                while i + n <= h {
                    if hay[i] == pin[0], memcmp(hb + i, pb, n) == 0 {
                        if out.isEmpty { out.reserveCapacity(h + replacement.utf8.count) }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[copied..<i]))
                        out.append(contentsOf: replacement.utf8)
                        i += n
                        copied = i
                    } else {
                        i += 1
                    }
                }
                if copied == 0 { return self }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[copied..<h]))
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}
