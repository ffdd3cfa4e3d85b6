/// A compiled ARN glob. The pattern's first five colons split it into the six ARN parts
/// (`arn:partition:service:region:account:resource`); each part is matched against the same part
/// of the value, so `*` and `?` stay within their part — except in the sixth part, which runs to
/// the end of the value colons included. When a pattern has fewer than six parts and its last part
/// ends with `*`, that `*` matches past colons to the end (`arn:aws:*`, `arn:aws:iam::*`). This is
/// the IAM rule for Resource elements and for the ARN condition operators ("each of the six
/// colon-delimited components … is checked separately").
struct ARNGlob: Sendable, Hashable {
    /// Out-of-band code for a separating colon.
    static let sep: UInt16 = 0x102

    enum Shape: Sendable, Hashable {
        case any
        case exact([UInt8])
        case prefix([UInt8])
        case general
    }

    let ops: [UInt16]
    let shape: Shape

    init(ops: [UInt16]) {
        self.ops = ops
        shape = ARNGlob.shape(ops: ops)
    }

    static func shape(ops: [UInt16]) -> Shape {
        if ops == [GlobOps.star] { return .any }
        var seps = 0
        var wild: Int?
        for (i, op) in ops.enumerated() {
            if op == sep { seps += 1 }
            // A literal colon before the sixth part can never match (value parts hold no colons),
            // which the byte-wise fast paths would miss.
            else if op == UInt16(UInt8(ascii: ":")), seps < 5 { return .general }
            else if wild == nil, GlobOps.isStar(op) || op == GlobOps.one { wild = i }
        }
        let bytes = { (o: ArraySlice<UInt16>) in o.map { $0 == ARNGlob.sep ? UInt8(ascii: ":") : UInt8($0) } }
        guard let wild else { return .exact(bytes(ops[...])) }
        // One trailing star in the sixth part, or ending a short pattern: a plain prefix test.
        if wild == ops.count - 1, ops[wild] == GlobOps.star {
            return .prefix(bytes(ops[..<wild]))
        }
        return .general
    }

    func matches(_ value: String) -> Bool {
        switch shape {
        case .any: return true
        case .exact(let lit):
            return withUTF8Bytes(value) { v in v.count == lit.count && GlobPattern.equalBytes(lit, v, 0, fold: false) }
        case .prefix(let lit):
            return withUTF8Bytes(value) { v in v.count >= lit.count && GlobPattern.equalBytes(lit, v, 0, fold: false) }
        case .general:
            return ARNGlob.matches(ops, value)
        }
    }

    /// Part-wise matching straight from a program (also used for freshly substituted templates,
    /// so nothing is built per call).
    static func matches(_ ops: [UInt16], _ value: String) -> Bool {
        ops.withUnsafeBufferPointer { o in withUTF8Bytes(value) { matchParts(o, $0) } }
    }

    private static func matchParts(_ ops: UnsafeBufferPointer<UInt16>, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func colon(after pos: Int) -> Int? {
            var i = pos
            while i < v.count { if v[i] == UInt8(ascii: ":") { return i }; i += 1 }
            return nil
        }
        @inline(__always) func glob(_ part: UnsafeBufferPointer<UInt16>, _ from: Int, _ to: Int) -> Bool {
            if part.contains(GlobOps.segmentStar) { return GlobOps.matchNFA(part, v, from: from, to: to) }
            return GlobOps.match(part, v, from: from, to: to, foldCase: false)
        }
        var pos = 0, start = 0, index = 0
        while true {
            var end = start
            while end < ops.count, ops[end] != sep { end += 1 }
            let part = UnsafeBufferPointer(rebasing: ops[start..<end])
            if end < ops.count {
                guard let c = colon(after: pos), glob(part, pos, c) else { return false }
                pos = c + 1; start = end + 1; index += 1
                continue
            }
            // The last part: the sixth runs to the end; a short pattern's trailing star runs on.
            if index >= 5 { return glob(part, pos, v.count) }
            if let l = part.last, GlobOps.isStar(l) { return glob(part, pos, colon(after: pos) ?? v.count) }
            guard colon(after: pos) == nil else { return false }
            return glob(part, pos, v.count)
        }
    }

    /// Whether some ARN matches both globs (e.g. a statement's resource pattern and an action's
    /// resource-type pattern). Parts past a short pattern's end are `*` when it runs on. Literal
    /// parts are compared first (the service part rejects most pairs without any table).
    func overlaps(_ other: ARNGlob) -> Bool {
        if shape == .any || other.shape == .any { return true }
        let mine = partRanges, theirs = other.partRanges
        let n = max(mine.count, theirs.count)
        let star: ArraySlice<UInt16> = [GlobOps.star]
        func part(_ g: ARNGlob, _ ranges: [Range<Int>], _ i: Int) -> ArraySlice<UInt16>? {
            if i < ranges.count { return g.ops[ranges[i]] }
            let last = g.ops[ranges[ranges.count - 1]]
            return ranges.count < 6 && last.last.map(GlobOps.isStar) == true ? star : nil
        }
        func isLiteral(_ p: ArraySlice<UInt16>) -> Bool { !p.contains { $0 >= GlobOps.star } }
        var wild: [(ArraySlice<UInt16>, ArraySlice<UInt16>)] = []
        for i in 0..<n {
            guard let a = part(self, mine, i), let b = part(other, theirs, i) else { return false }
            if isLiteral(a), isLiteral(b) {
                if !a.elementsEqual(b) { return false }
            } else {
                wild.append((a, b))
            }
        }
        return wild.allSatisfy { GlobOps.intersect(Array($0.0), Array($0.1)) }
    }

    /// The ranges of `ops` holding each part.
    private var partRanges: [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (i, op) in ops.enumerated() where op == ARNGlob.sep {
            ranges.append(start..<i); start = i + 1
        }
        ranges.append(start..<ops.count)
        return ranges
    }

    /// An ARN glob for a catalog resource-type pattern such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    /// Placeholders are wildcards; those known never to hold `/` (bucket, table, function and queue
    /// names, IDs) match no `/`, so that the bucket type does not cover objects nor a table its
    /// streams. Any other placeholder may hold `/` (object keys, paths, log groups, secret names).
    init(catalogPattern text: String) {
        var ops: [UInt16] = []
        var seps = 0
        var rest = Substring(text)
        func appendText(_ s: Substring) {
            for b in s.utf8 {
                if b == UInt8(ascii: ":"), seps < 5 { ops.append(ARNGlob.sep); seps += 1 }
                else if b == UInt8(ascii: "*") { ops.append(GlobOps.star) }
                else { ops.append(UInt16(b)) }
            }
        }
        while let open = rest.firstVariableOpening(), let close = rest[open.upperBound...].firstIndex(of: "}") {
            appendText(rest[..<open.lowerBound])
            let name = rest[open.upperBound..<close]
            let op = ARNGlob.slashFreePlaceholders.contains(String(name)) ? GlobOps.segmentStar : GlobOps.star
            if ops.last.map(GlobOps.isStar) != true { ops.append(op) }
            rest = rest[rest.index(after: close)...]
        }
        appendText(rest)
        self.init(ops: ops)
    }

    /// (Partition, Region and Account sit in colon-free parts anyway: a plain `*` is cheaper there.)
    static let slashFreePlaceholders: Set<String> = [
        "BucketName", "TableName", "StreamLabel", "IndexName", "FunctionName",
        "QueueName", "TopicName", "KeyId", "InstanceId", "ImageId", "SubnetId", "SecurityGroupId", "VpcId",
        "NetworkInterfaceId", "VolumeId", "SnapshotId", "ClusterName", "StateMachineName",
    ]
}

/// Builds glob programs from text that may hold policy variables, for ARN patterns (with part
/// separators) and plain string patterns. Variables become `Chunk.variable`; everything else is
/// compiled once.
struct GlobTemplate: Sendable, Hashable {
    enum Chunk: Sendable, Hashable {
        case ops([UInt16])
        case variable(key: String, lowercasedKey: String, defaultValue: String?)
    }

    /// A colon that never separates parts (text of a variable left unsubstituted before the fifth
    /// colon of a Resource). Turned back into `:` when the program is finalized.
    static let fixedColon: UInt16 = 0x104

    let chunks: [Chunk]
    let segmented: Bool
    let foldCase: Bool

    var isStatic: Bool { chunks.count <= 1 && !chunks.contains { if case .variable = $0 { return true }; return false } }
    var staticOps: [UInt16] {
        if case .ops(let o)? = chunks.first { return o }
        return []
    }

    /// - Parameters:
    ///   - segmented: ARN pattern (first five colons separate parts) or plain string pattern.
    ///   - wildcards: whether `*`/`?` in the text are wildcards (Like operators, resources) or literal (Equals).
    ///   - variablesFromPart: variables substitute only from this ARN part on (5 for Resource: "after
    ///     the fifth colon" of the text); before it they are literal text.
    init(_ text: String, segmented: Bool, wildcards: Bool = true, foldCase: Bool = false,
         variablesEnabled: Bool, variablesFromPart: Int = 0) {
        self.segmented = segmented
        self.foldCase = foldCase
        let pieces = variablesEnabled ? PolicyVariables.parse(text) : [.text(text)]
        var chunks: [Chunk] = []
        var ops: [UInt16] = []
        ops.reserveCapacity(text.utf8.count)
        var colons = 0
        func literal(_ s: String) { GlobOps.appendLiteral(s, foldCase: foldCase, to: &ops) }
        for piece in pieces {
            switch piece {
            case .text(let s):
                for b in s.utf8 {
                    if b == UInt8(ascii: ":") { colons += 1 }
                    if wildcards, b == UInt8(ascii: "*") {
                        if ops.last != GlobOps.star { ops.append(GlobOps.star) }
                    } else if wildcards, b == UInt8(ascii: "?") {
                        ops.append(GlobOps.one)
                    } else {
                        ops.append(UInt16(foldCase ? GlobOps.lower(b) : b))
                    }
                }
            case .literal(let c, let raw):
                if colons >= variablesFromPart { literal(c) } else { GlobTemplate.appendFixed(raw, foldCase: foldCase, to: &ops) }
            case .variable(let key, let d, let raw):
                if colons >= variablesFromPart {
                    if !ops.isEmpty { chunks.append(.ops(ops)); ops = [] }
                    chunks.append(.variable(key: key, lowercasedKey: key.lowercased(), defaultValue: d))
                } else {
                    GlobTemplate.appendFixed(raw, foldCase: foldCase, to: &ops)
                }
            }
        }
        if !ops.isEmpty || chunks.isEmpty { chunks.append(.ops(ops)) }
        // A static program is finalized once; one with variables at every resolve, so that colons
        // in substituted values count among the five separators (`ArnEquals "${aws:PrincipalArn}"`).
        if chunks.count == 1, case .ops(let o) = chunks[0] { chunks[0] = .ops(GlobTemplate.finalize(o, segmented: segmented)) }
        self.chunks = chunks
    }

    /// Literal text whose colons never separate parts.
    private static func appendFixed(_ s: String, foldCase: Bool, to ops: inout [UInt16]) {
        for b in s.utf8 { ops.append(b == UInt8(ascii: ":") ? fixedColon : UInt16(foldCase ? GlobOps.lower(b) : b)) }
    }

    /// Turns the first five colons into part separators (ARN patterns) and fixed colons back into `:`.
    static func finalize(_ ops: [UInt16], segmented: Bool) -> [UInt16] {
        var out = ops
        var seps = 0
        for i in out.indices {
            if out[i] == UInt16(UInt8(ascii: ":")), segmented, seps < 5 { out[i] = ARNGlob.sep; seps += 1 }
            else if out[i] == fixedColon { out[i] = UInt16(UInt8(ascii: ":")) }
        }
        return out
    }

    enum Resolved {
        case ops([UInt16])
        case missing(key: String)
        /// Unknown variables; `widened` stands in `*` for each, to test whether the answer could be yes.
        case unknown(key: String, widened: [UInt16])
    }

    /// Substitutes the variables (their values are literal text).
    func resolve(_ context: RequestContext) -> Resolved {
        var ops: [UInt16] = []
        ops.reserveCapacity(64)
        var unknownKey: String?
        var unknownBeforeResourcePart = false
        for chunk in chunks {
            switch chunk {
            case .ops(let o): ops += o
            case .variable(let key, let lower, let d):
                switch PolicyVariables.value(lowercasedKey: lower, defaultValue: d, in: context) {
                case .value(let v): GlobOps.appendLiteral(v, foldCase: foldCase, to: &ops)
                case .missing: return .missing(key: key)
                case .unknown:
                    if unknownKey == nil { unknownKey = key }
                    // An unknown value may hold separating colons: nothing after it can be aligned.
                    if segmented, ops.lazy.filter({ $0 == UInt16(UInt8(ascii: ":")) }).count < 5 { unknownBeforeResourcePart = true }
                    if ops.last != GlobOps.star { ops.append(GlobOps.star) }
                }
            }
        }
        if let unknownKey {
            return .unknown(key: unknownKey, widened: unknownBeforeResourcePart ? [GlobOps.star] : GlobTemplate.finalize(ops, segmented: segmented))
        }
        return .ops(GlobTemplate.finalize(ops, segmented: segmented))
    }
}
