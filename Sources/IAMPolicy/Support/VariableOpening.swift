extension Substring {
    /// The range of the first `${`, found byte by byte: Foundation's `range(of:)` goes through
    /// CFString and dominated the compile time of policies with variables.
    func firstVariableOpening() -> Range<Index>? {
        var dollar: Index?
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "{"), let d = dollar { return d..<utf8.index(after: i) }
            dollar = b == UInt8(ascii: "$") ? i : nil
            i = utf8.index(after: i)
        }
        return nil
    }
}
