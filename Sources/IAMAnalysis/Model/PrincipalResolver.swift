import Foundation
import IAMPolicy

/// Finds a principal, policy or resource from what a person types: a full ARN, `user/NAME`,
/// `role/NAME`, `group/NAME`, `policy/NAME`, or a bare name when it is unique across the snapshot.
public enum EntityRef: Sendable, Hashable {
    case user(IAMUser)
    case role(IAMRole)
    case group(IAMGroup)
    case policy(ManagedPolicy)
    case resource(ResourcePolicy)
    case account(Account)

    public var arn: String {
        switch self {
        case .user(let u): return u.arn
        case .role(let r): return r.arn
        case .group(let g): return g.arn
        case .policy(let p): return p.arn
        case .resource(let r): return r.arn
        case .account(let a): return "arn:aws:iam::\(a.id):root"
        }
    }
}

public struct ResolveError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var candidates: [String]
    public var description: String {
        candidates.isEmpty ? message : message + "; candidates: " + candidates.prefix(8).joined(separator: ", ")
    }
}

extension Snapshot {
    /// Resolves a typed name. Throws with the candidates when the name is ambiguous or unknown.
    public func resolve(_ text: String) throws -> EntityRef {
        if text.hasPrefix("arn:") {
            if let u = user(arn: text) { return .user(u) }
            if let r = role(arn: text) { return .role(r) }
            if let g = group(arn: text) { return .group(g) }
            if let p = policy(arn: text) { return .policy(p) }
            if let r = resourcePolicy(arn: text) { return .resource(r) }
            if let a = ARN(text), a.service == "iam", a.resource == "root", let acct = account(id: a.account) { return .account(acct) }
            // An assumed-role session ARN resolves to its role.
            if let a = ARN(text), a.service == "sts", a.resource.hasPrefix("assumed-role/") {
                let roleName = a.resource.split(separator: "/").dropFirst().first.map(String.init) ?? ""
                if let r = roles.first(where: { $0.account == a.account && $0.name == roleName }) { return .role(r) }
            }
            throw ResolveError(message: "no loaded principal, policy or resource has the ARN \(text)", candidates: [])
        }
        if AccountID.isValid(text), let acct = account(id: text) { return .account(acct) }
        if let arn = arn(forUniqueId: text) { return try resolve(arn) }
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            let (kind, name) = (parts[0].lowercased(), parts[1])
            var found: [EntityRef] = []
            switch kind {
            case "user": found = users.filter { $0.name == name }.map { .user($0) }
            case "role": found = roles.filter { $0.name == name }.map { .role($0) }
            case "group": found = groups.filter { $0.name == name }.map { .group($0) }
            case "policy": found = policies.filter { $0.name == name }.map { .policy($0) }
            default:
                found = resourcePolicies.filter { $0.name == text }.map { .resource($0) }
            }
            return try unique(found, text)
        }
        var found: [EntityRef] = []
        found += users.filter { $0.name == text }.map { .user($0) }
        found += roles.filter { $0.name == text }.map { .role($0) }
        found += groups.filter { $0.name == text }.map { .group($0) }
        found += policies.filter { $0.name == text && !$0.isAWSManaged }.map { .policy($0) }
        if found.isEmpty { found += policies.filter { $0.name == text }.map { .policy($0) } }
        found += resourcePolicies.filter { $0.name == text }.map { .resource($0) }
        return try unique(found, text)
    }

    /// Like `resolve`, but only users and roles (the principals that make requests).
    public func resolvePrincipal(_ text: String) throws -> EntityRef {
        let e = try resolve(text)
        switch e {
        case .user, .role: return e
        default:
            throw ResolveError(message: "\(text) is not a user or role", candidates: [])
        }
    }

    private func unique(_ found: [EntityRef], _ text: String) throws -> EntityRef {
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            let lower = text.lowercased()
            var near = users.map(\.name) + roles.map(\.name) + groups.map(\.name)
            near = near.filter { $0.lowercased().contains(lower) }
            throw ResolveError(message: "nothing named \"\(text)\" is loaded", candidates: near.sorted())
        }
        throw ResolveError(message: "\"\(text)\" is ambiguous; name it by ARN or as user/NAME, role/NAME", candidates: found.map(\.arn).sorted())
    }
}
