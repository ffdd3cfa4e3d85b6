/// A location inside a JSON document, printed the way people write it: `$.RoleDetailList[3].RoleName`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }
    public var components: [Component]
    public init(_ components: [Component] = []) { self.components = components }

    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    public var description: String {
        var s = "$"
        for c in components {
            switch c {
            case .key(let k):
                if !k.isEmpty, k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    s += "." + k
                } else {
                    s += "[\"" + k.replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
                }
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}
