import Foundation

/// What kind of policy a document is; the grammar differs (identity policies have no Principal,
/// trust policies have no Resource, resource policies need a Principal).
public enum PolicyKind: String, Sendable, Hashable, CaseIterable {
    case identity      // managed, inline and group policies
    case boundary      // permissions boundary (identity grammar)
    case session       // session policy (identity grammar)
    case resource      // S3, KMS, Lambda, SQS, SNS, Secrets Manager, generic
    case trust         // role trust (assume-role) policy
    case scp           // Organizations service control policy
    case rcp           // Organizations resource control policy
}

/// A grammar error inside a policy document: where (JSON path inside the document) and what was expected.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: JSONPath
    public var message: String
    public init(path: JSONPath, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

public enum PolicyParser {
    /// Parses a document given as text: JSON, or the URL-encoded JSON the raw IAM API returns.
    public static func parse(text: String, kind: PolicyKind) throws -> PolicyDocument {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.hasPrefix("%7B") || t.hasPrefix("%7b") {
            guard let decoded = t.removingPercentEncoding else {
                throw PolicyError(path: .root, message: "the URL-encoded policy document has an invalid percent escape")
            }
            t = decoded
        }
        let json: JSONValue
        do { json = try JSONParser.parse(t) } catch {
            throw PolicyError(path: error.path, message: "the policy document is not valid JSON: line \(error.line), column \(error.column): \(error.message)")
        }
        return try parse(json: json, kind: kind)
    }

    /// Parses a document given as JSON: an object, or a JSON string holding the document
    /// (S3/SQS/SNS/Lambda/Secrets Manager outputs and SCP `Content` carry it that way).
    public static func parse(json: JSONValue, kind: PolicyKind) throws -> PolicyDocument {
        if case .string(let s) = json { return try parse(text: s, kind: kind) }
        guard case .object(let members) = json else {
            throw PolicyError(path: .root, message: "expected a policy document (a JSON object), found \(json.kindName)")
        }
        var version: String?
        var id: String?
        var statementValue: JSONValue?
        var seen = Set<String>()
        for m in members {
            if !seen.insert(m.key).inserted {
                throw PolicyError(path: JSONPath.root.appending(m.key), message: "duplicate element \"\(m.key)\"")
            }
            switch m.key {
            case "Version":
                guard let s = m.value.stringValue else {
                    throw PolicyError(path: JSONPath.root.appending("Version"), message: "expected a string, found \(m.value.kindName)")
                }
                guard s == "2012-10-17" || s == "2008-10-17" else {
                    throw PolicyError(path: JSONPath.root.appending("Version"), message: "unknown policy version \"\(s)\"; expected \"2012-10-17\" or \"2008-10-17\"")
                }
                version = s
            case "Id":
                id = m.value.scalarText
            case "Statement":
                statementValue = m.value
            default:
                throw PolicyError(path: JSONPath.root.appending(m.key), message: "unknown policy element \"\(m.key)\"; expected Version, Id or Statement")
            }
        }
        guard let statementValue else {
            throw PolicyError(path: .root, message: "the policy has no Statement element")
        }
        let base = JSONPath.root.appending("Statement")
        var statements: [Statement] = []
        switch statementValue {
        case .object:
            statements.append(try parseStatement(statementValue, index: 0, path: base, kind: kind))
        case .array(let items):
            for (i, item) in items.enumerated() {
                statements.append(try parseStatement(item, index: i, path: base.appending(i), kind: kind))
            }
        default:
            throw PolicyError(path: base, message: "expected a statement object or an array of statements, found \(statementValue.kindName)")
        }
        return PolicyDocument(version: version, id: id, statements: statements, json: json)
    }

    static func parseStatement(_ v: JSONValue, index: Int, path: JSONPath, kind: PolicyKind) throws -> Statement {
        guard case .object(let members) = v else {
            throw PolicyError(path: path, message: "expected a statement object, found \(v.kindName)")
        }
        var sid: String?
        var effect: Effect?
        var actions: [String]?
        var actionsNegated = false
        var resources: [String]?
        var resourcesNegated = false
        var principal: PrincipalSpec?
        var principalNegated = false
        var conditions: [ConditionClause] = []
        var seen = Set<String>()
        for m in members {
            let p = path.appending(m.key)
            if !seen.insert(m.key).inserted { throw PolicyError(path: p, message: "duplicate element \"\(m.key)\"") }
            switch m.key {
            case "Sid":
                guard let s = m.value.stringValue else { throw PolicyError(path: p, message: "expected a string, found \(m.value.kindName)") }
                sid = s
            case "Effect":
                guard let s = m.value.stringValue else { throw PolicyError(path: p, message: "expected \"Allow\" or \"Deny\", found \(m.value.kindName)") }
                // Effect is case-sensitive in the policy grammar.
                guard let e = Effect(rawValue: s) else { throw PolicyError(path: p, message: "expected \"Allow\" or \"Deny\" (case-sensitive), found \"\(s)\"") }
                effect = e
            case "Action", "NotAction":
                if actions != nil { throw PolicyError(path: p, message: "a statement may have Action or NotAction, not both") }
                actions = try stringList(m.value, path: p)
                actionsNegated = m.key == "NotAction"
            case "Resource", "NotResource":
                if resources != nil { throw PolicyError(path: p, message: "a statement may have Resource or NotResource, not both") }
                resources = try stringList(m.value, path: p)
                resourcesNegated = m.key == "NotResource"
            case "Principal", "NotPrincipal":
                if principal != nil { throw PolicyError(path: p, message: "a statement may have Principal or NotPrincipal, not both") }
                principal = try parsePrincipal(m.value, path: p)
                principalNegated = m.key == "NotPrincipal"
            case "Condition":
                conditions = try parseConditions(m.value, path: p)
            default:
                throw PolicyError(path: p, message: "unknown statement element \"\(m.key)\"; expected Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal or Condition")
            }
        }
        guard let effect else { throw PolicyError(path: path, message: "the statement has no Effect") }
        guard let actions else { throw PolicyError(path: path, message: "the statement has no Action or NotAction") }
        switch kind {
        case .identity, .boundary, .session, .scp:
            if principal != nil { throw PolicyError(path: path, message: "a \(kind.rawValue) policy statement may not have a Principal") }
            if resources == nil { throw PolicyError(path: path, message: "the statement has no Resource or NotResource") }
        case .resource, .rcp:
            if principal == nil && kind == .resource { throw PolicyError(path: path, message: "a resource policy statement needs a Principal or NotPrincipal") }
            if resources == nil && kind == .rcp { throw PolicyError(path: path, message: "the statement has no Resource or NotResource") }
        case .trust:
            if principal == nil { throw PolicyError(path: path, message: "a trust policy statement needs a Principal") }
        }
        return Statement(
            sid: sid, effect: effect, actions: actions, actionsNegated: actionsNegated,
            resources: resources, resourcesNegated: resourcesNegated,
            principal: principal, principalNegated: principalNegated,
            conditions: conditions, index: index)
    }

    static func stringList(_ v: JSONValue, path: JSONPath) throws -> [String] {
        switch v {
        case .string(let s): return [s]
        case .array(let items):
            return try items.enumerated().map { i, item in
                guard let s = item.stringValue else {
                    throw PolicyError(path: path.appending(i), message: "expected a string, found \(item.kindName)")
                }
                return s
            }
        default:
            throw PolicyError(path: path, message: "expected a string or an array of strings, found \(v.kindName)")
        }
    }

    static func parsePrincipal(_ v: JSONValue, path: JSONPath) throws -> PrincipalSpec {
        if case .string(let s) = v {
            if s == "*" { return .everyone }
            // The Lambda API (and the mock) sometimes store an account principal as a bare account ID.
            if AccountID.isValid(s) { return PrincipalSpec(aws: [s]) }
            throw PolicyError(path: path, message: "a principal given as a string must be \"*\"; name others as {\"AWS\": …}")
        }
        guard case .object(let members) = v else {
            throw PolicyError(path: path, message: "expected \"*\" or an object of principal types, found \(v.kindName)")
        }
        var spec = PrincipalSpec()
        for m in members {
            let p = path.appending(m.key)
            // Lambda policies written by older tooling sometimes hold bare account numbers.
            let list: [String]
            switch m.value {
            case .number(let n): list = [n]
            case .array(let items):
                list = try items.enumerated().map { i, item in
                    if case .number(let n) = item, AccountID.isValid(n) { return n }
                    guard let s = item.stringValue else {
                        throw PolicyError(path: p.appending(i), message: "expected a string, found \(item.kindName)")
                    }
                    return s
                }
            default: list = try stringList(m.value, path: p)
            }
            switch m.key {
            case "AWS":
                if list.contains("*") { spec.anyone = true }
                spec.aws += list.filter { $0 != "*" }
            case "Service": spec.service += list
            case "Federated": spec.federated += list
            case "CanonicalUser": spec.canonicalUser += list
            default:
                throw PolicyError(path: p, message: "unknown principal type \"\(m.key)\"; expected AWS, Service, Federated or CanonicalUser")
            }
        }
        return spec
    }

    static func parseConditions(_ v: JSONValue, path: JSONPath) throws -> [ConditionClause] {
        guard case .object(let ops) = v else {
            throw PolicyError(path: path, message: "expected an object of condition operators, found \(v.kindName)")
        }
        var clauses: [ConditionClause] = []
        for op in ops {
            let p = path.appending(op.key)
            guard case .object(let keys) = op.value else {
                throw PolicyError(path: p, message: "expected an object of condition keys, found \(op.value.kindName)")
            }
            for k in keys {
                let kp = p.appending(k.key)
                var values: [String] = []
                switch k.value {
                case .array(let items):
                    for (i, item) in items.enumerated() {
                        guard let t = item.scalarText else {
                            throw PolicyError(path: kp.appending(i), message: "expected a string, number or boolean, found \(item.kindName)")
                        }
                        values.append(t)
                    }
                default:
                    guard let t = k.value.scalarText else {
                        throw PolicyError(path: kp, message: "expected a string, number, boolean or an array of them, found \(k.value.kindName)")
                    }
                    values.append(t)
                }
                clauses.append(ConditionClause(operatorName: op.key, key: k.key, values: values))
            }
        }
        return clauses
    }
}
