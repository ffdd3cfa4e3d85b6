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

    let parts: [[UInt16]]
    /// Fewer than six parts and the last ends with `*`.
    let runsOn: Bool
    let shape: Shape
    /// Some part holds a slash-free star (catalog patterns) and needs the NFA matcher.
    let needsNFA: Bool

    init(ops: [UInt16]) {
        var parts: [[UInt16]] = [[]]
        var literalColonEarly = false
        for op in ops {
            if op == ARNGlob.sep {
                parts.append([])
            } else {
                if op == UInt16(UInt8(ascii: ":")), parts.count < 6 { literalColonEarly = true }
                parts[parts.count - 1].append(op)
            }
        }
        self.parts = parts
        let last = parts[parts.count - 1]
        runsOn = parts.count < 6 && last.last.map(GlobOps.isStar) == true
        needsNFA = ops.contains(GlobOps.segmentStar)
        shape = ARNGlob.shape(ops: ops, parts: parts, runsOn: runsOn, literalColonEarly: literalColonEarly)
    }

    static func shape(ops: [UInt16], parts: [[UInt16]], runsOn: Bool, literalColonEarly: Bool) -> Shape {
        if ops == [GlobOps.star] { return .any }
        // A literal colon before the sixth part can never match (value parts hold no colons),
        // which the byte-wise fast paths would miss.
        if literalColonEarly { return .general }
        let wild = ops.firstIndex { GlobOps.isStar($0) || $0 == GlobOps.one }
        let bytes = { (o: ArraySlice<UInt16>) in o.map { $0 == ARNGlob.sep ? UInt8(ascii: ":") : UInt8($0) } }
        guard let wild else { return .exact(bytes(ops[...])) }
        if wild == ops.count - 1, ops[wild] == GlobOps.star, parts.count >= 6 || runsOn {
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
            return withUTF8Bytes(value) { matchParts($0) }
        }
    }

    private func matchParts(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func colon(after pos: Int) -> Int? {
            var i = pos
            while i < v.count { if v[i] == UInt8(ascii: ":") { return i }; i += 1 }
            return nil
        }
        @inline(__always) func glob(_ part: [UInt16], _ from: Int, _ to: Int) -> Bool {
            if needsNFA { return GlobOps.matchNFA(part, v, from: from, to: to) }
            return part.withUnsafeBufferPointer { GlobOps.match($0, v, from: from, to: to, foldCase: false) }
        }
        var pos = 0
        let lastIndex = parts.count - 1
        for i in 0..<lastIndex {
            guard let c = colon(after: pos), glob(parts[i], pos, c) else { return false }
            pos = c + 1
        }
        let last = parts[lastIndex]
        if lastIndex >= 5 { return glob(last, pos, v.count) }
        if runsOn { return glob(last, pos, colon(after: pos) ?? v.count) }
        guard colon(after: pos) == nil else { return false }
        return glob(last, pos, v.count)
    }

    /// Whether some ARN matches both globs (e.g. a statement's resource pattern and an action's
    /// resource-type pattern). Parts past a short pattern's end are `*` when it runs on.
    func overlaps(_ other: ARNGlob) -> Bool {
        if shape == .any || other.shape == .any { return true }
        let n = max(parts.count, other.parts.count)
        for i in 0..<n {
            guard let a = part(i, n), let b = other.part(i, n) else { return false }
            // A short pattern's run-on part and the sixth part are free of the colon limit;
            // part-wise intersection is exact everywhere else.
            if !GlobOps.intersect(a, b) { return false }
        }
        return true
    }

    private func part(_ i: Int, _ n: Int) -> [UInt16]? {
        if i < parts.count { return parts[i] }
        return runsOn ? [GlobOps.star] : nil
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
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            appendText(rest[..<open.lowerBound])
            let name = rest[open.upperBound..<close]
            let op = ARNGlob.slashFreePlaceholders.contains(String(name)) ? GlobOps.segmentStar : GlobOps.star
            if ops.last.map(GlobOps.isStar) != true { ops.append(op) }
            rest = rest[rest.index(after: close)...]
        }
        appendText(rest)
        self.init(ops: ops)
    }

    static let slashFreePlaceholders: Set<String> = [
        "Partition", "Region", "Account", "BucketName", "TableName", "StreamLabel", "IndexName", "FunctionName",
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
        case variable(key: String, defaultValue: String?)
    }

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
    ///     the fifth colon"); before it they are literal text.
    init(_ text: String, segmented: Bool, wildcards: Bool = true, foldCase: Bool = false,
         variablesEnabled: Bool, variablesFromPart: Int = 0) {
        self.segmented = segmented
        self.foldCase = foldCase
        let pieces = variablesEnabled ? PolicyVariables.parse(text) : [.text(text)]
        var chunks: [Chunk] = []
        var ops: [UInt16] = []
        ops.reserveCapacity(text.utf8.count)
        var seps = 0
        func literal(_ s: String) { GlobOps.appendLiteral(s, foldCase: foldCase, to: &ops) }
        for piece in pieces {
            switch piece {
            case .text(let s):
                for b in s.utf8 {
                    if segmented, b == UInt8(ascii: ":"), seps < 5 {
                        ops.append(ARNGlob.sep); seps += 1
                    } else if wildcards, b == UInt8(ascii: "*") {
                        if ops.last != GlobOps.star { ops.append(GlobOps.star) }
                    } else if wildcards, b == UInt8(ascii: "?") {
                        ops.append(GlobOps.one)
                    } else {
                        ops.append(UInt16(foldCase ? GlobOps.lower(b) : b))
                    }
                }
            case .literal(let c, let raw):
                literal(seps >= variablesFromPart ? c : raw)
            case .variable(let key, let d, let raw):
                if seps >= variablesFromPart {
                    if !ops.isEmpty { chunks.append(.ops(ops)); ops = [] }
                    chunks.append(.variable(key: key, defaultValue: d))
                } else {
                    literal(raw)
                }
            }
        }
        if !ops.isEmpty || chunks.isEmpty { chunks.append(.ops(ops)) }
        self.chunks = chunks
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
        var unknownKey: String?
        for chunk in chunks {
            switch chunk {
            case .ops(let o): ops += o
            case .variable(let key, let d):
                switch PolicyVariables.value(of: key, defaultValue: d, in: context) {
                case .value(let v): GlobOps.appendLiteral(v, foldCase: foldCase, to: &ops)
                case .missing: return .missing(key: key)
                case .unknown:
                    if unknownKey == nil { unknownKey = key }
                    if ops.last != GlobOps.star { ops.append(GlobOps.star) }
                }
            }
        }
        if let unknownKey { return .unknown(key: unknownKey, widened: ops) }
        return .ops(ops)
    }
}
