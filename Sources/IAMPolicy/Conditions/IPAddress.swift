/// IPv4 and IPv6 addresses and CIDR blocks for the IpAddress/NotIpAddress operators.
/// IPv4 lives in the low 32 bits of `lo`; IPv6 in `hi`:`lo`.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let isV6: Bool
    let hi: UInt64
    let lo: UInt64

    /// Parses a dotted-quad IPv4 or an RFC 4291 IPv6 address (with `::` and an embedded IPv4 tail).
    public init?(_ text: String) {
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let (hi, lo) = IPAddress.parseV6(Substring(text)) else { return nil }
            self.isV6 = true; self.hi = hi; self.lo = lo
        } else {
            guard let v4 = IPAddress.parseV4(Substring(text)) else { return nil }
            self.isV6 = false; self.hi = 0; self.lo = UInt64(v4)
        }
    }

    init(v6hi: UInt64, lo: UInt64) { isV6 = true; hi = v6hi; self.lo = lo }
    init(v4: UInt32) { isV6 = false; hi = 0; lo = UInt64(v4) }

    /// `::ffff:a.b.c.d` as the IPv4 address it maps.
    var mappedV4: IPAddress? {
        guard isV6, hi == 0, lo >> 32 == 0xFFFF else { return nil }
        return IPAddress(v4: UInt32(truncatingIfNeeded: lo))
    }

    var asMappedV6: IPAddress { isV6 ? self : IPAddress(v6hi: 0, lo: 0xFFFF_0000_0000 | lo) }

    public var description: String {
        if !isV6 { return "\(lo >> 24 & 255).\(lo >> 16 & 255).\(lo >> 8 & 255).\(lo & 255)" }
        let groups = (0..<8).map { i -> String in
            let word = i < 4 ? hi >> UInt64((3 - i) * 16) : lo >> UInt64((7 - i) * 16)
            return String(word & 0xFFFF, radix: 16)
        }
        return groups.joined(separator: ":")
    }

    /// Dotted quad: four decimal octets of one to three digits, each at most 255.
    static func parseV4(_ s: Substring) -> UInt32? {
        var v: UInt32 = 0, octet: UInt32 = 0, digits = 0, dots = 0
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                octet = octet * 10 + UInt32(b - 0x30)
                guard digits <= 3, octet <= 255 else { return nil }
            } else if b == UInt8(ascii: "."), digits > 0, dots < 3 {
                v = v << 8 | octet; octet = 0; digits = 0; dots += 1
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return v << 8 | octet
    }

    static func parseV6(_ s: Substring) -> (UInt64, UInt64)? {
        var words: [UInt16] = []
        var gap: Int?
        var rest = s
        if rest.hasPrefix("::") { gap = 0; rest = rest.dropFirst(2) }
        else if rest.hasPrefix(":") { return nil }
        while !rest.isEmpty {
            let end = rest.firstIndex(of: ":") ?? rest.endIndex
            let group = rest[..<end]
            if group.utf8.contains(UInt8(ascii: ".")) {
                // An embedded IPv4 address ends the text.
                guard end == rest.endIndex, let v4 = parseV4(group) else { return nil }
                words.append(UInt16(v4 >> 16)); words.append(UInt16(v4 & 0xFFFF))
                rest = rest[end...]
                break
            }
            guard (1...4).contains(group.count), let w = UInt16(group, radix: 16) else { return nil }
            words.append(w)
            rest = rest[end...]
            if rest.hasPrefix("::") {
                guard gap == nil else { return nil }
                gap = words.count; rest = rest.dropFirst(2)
            } else if rest.hasPrefix(":") {
                rest = rest.dropFirst()
                if rest.isEmpty { return nil }
            }
        }
        if let gap {
            guard words.count < 8 else { return nil }
            words.insert(contentsOf: [UInt16](repeating: 0, count: 8 - words.count), at: gap)
        }
        guard words.count == 8 else { return nil }
        var hi: UInt64 = 0, lo: UInt64 = 0
        for i in 0..<4 { hi = hi << 16 | UInt64(words[i]) }
        for i in 4..<8 { lo = lo << 16 | UInt64(words[i]) }
        return (hi, lo)
    }
}

/// A CIDR block; a bare address is a /32 (IPv4) or /128 (IPv6) block.
public struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefix: Int

    public init?(_ text: String) {
        let t = Substring(text)
        var addressText = t
        var prefix: Int?
        if let slash = t.firstIndex(of: "/") {
            addressText = t[..<slash]
            let p = t[t.index(after: slash)...]
            guard (1...3).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            prefix = n
        }
        guard let a = IPAddress(String(addressText)) else { return nil }
        let bits = a.isV6 ? 128 : 32
        let n = prefix ?? bits
        guard n <= bits else { return nil }
        self.address = a
        self.prefix = n
    }

    public var description: String { "\(address)/\(prefix)" }

    /// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) match IPv4 blocks and vice versa.
    public func contains(_ ip: IPAddress) -> Bool {
        if address.isV6 == ip.isV6 { return Self.samePrefix(address, ip, prefix) }
        if !address.isV6, let v4 = ip.mappedV4 { return Self.samePrefix(address, v4, prefix) }
        if address.isV6, !ip.isV6 { return Self.samePrefix(address, ip.asMappedV6, prefix) }
        return false
    }

    static func samePrefix(_ a: IPAddress, _ b: IPAddress, _ prefix: Int) -> Bool {
        if !a.isV6 {
            guard prefix > 0 else { return true }
            let mask: UInt64 = (0xFFFF_FFFF << UInt64(32 - prefix)) & 0xFFFF_FFFF
            return a.lo & mask == b.lo & mask
        }
        func mask(_ bits: Int) -> UInt64 { bits <= 0 ? 0 : bits >= 64 ? ~0 : ~0 << UInt64(64 - bits) }
        let mh = mask(prefix), ml = mask(prefix - 64)
        return a.hi & mh == b.hi & mh && a.lo & ml == b.lo & ml
    }
}
