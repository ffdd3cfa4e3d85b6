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
        var t = needsTrimming(text) ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
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

    /// Whether either end of the text may be whitespace or a newline (Foundation's set covers
    /// ASCII controls and spaces, and some non-ASCII characters): most documents start with `{`
    /// and end with `}`, and skip Foundation's trimming.
    static func needsTrimming(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return first <= 0x20 || first >= 0x80 || last <= 0x20 || last >= 0x80
    }

    /// Parses a document given as JSON: an object, or a JSON string holding the document
    /// (S3/SQS/SNS/Lambda/Secrets Manager outputs and SCP `Content` carry it that way).
    ///
    /// Error paths are built only when an error is thrown (documents are parsed by the
    /// hundred thousand on a load, nearly all valid): functions take the path of the value as
    /// an autoclosure, and duplicate members are found with a bit per grammar element (an
    /// unknown element is an error at its first occurrence, so only known ones can repeat).
    public static func parse(json: JSONValue, kind: PolicyKind) throws -> PolicyDocument {
        if case .string(let s) = json { return try parse(text: s, kind: kind) }
        guard case .object(let members) = json else {
            throw PolicyError(path: .root, message: "expected a policy document (a JSON object), found \(json.kindName)")
        }
        var version: String?
        var id: String?
        var statementValue: JSONValue?
        var seen: UInt8 = 0
        for m in members {
            let bit: UInt8
            switch m.key {
            case "Version": bit = 1
            case "Id": bit = 2
            case "Statement": bit = 4
            default:
                throw PolicyError(path: JSONPath.root.appending(m.key), message: "unknown policy element \"\(m.key)\"; expected Version, Id or Statement")
            }
            if seen & bit != 0 {
                throw PolicyError(path: JSONPath.root.appending(m.key), message: "duplicate element \"\(m.key)\"")
            }
            seen |= bit
            switch bit {
            case 1:
                guard let s = m.value.stringValue else {
                    throw PolicyError(path: JSONPath.root.appending("Version"), message: "expected a string, found \(m.value.kindName)")
                }
                guard s == "2012-10-17" || s == "2008-10-17" else {
                    throw PolicyError(path: JSONPath.root.appending("Version"), message: "unknown policy version \"\(s)\"; expected \"2012-10-17\" or \"2008-10-17\"")
                }
                version = s
            case 2:
                id = m.value.scalarText
            default:
                statementValue = m.value
            }
        }
        guard let statementValue else {
            throw PolicyError(path: .root, message: "the policy has no Statement element")
        }
        var statements: [Statement] = []
        switch statementValue {
        case .object:
            statements.append(try parseStatement(statementValue, index: 0, path: JSONPath.root.appending("Statement"), kind: kind))
        case .array(let items):
            statements.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                statements.append(try parseStatement(item, index: i, path: JSONPath.root.appending("Statement").appending(i), kind: kind))
            }
        default:
            throw PolicyError(path: JSONPath.root.appending("Statement"), message: "expected a statement object or an array of statements, found \(statementValue.kindName)")
        }
        return PolicyDocument(version: version, id: id, statements: statements, json: json)
    }

    /// Statement elements, one bit each, for finding duplicates.
    private static func statementElementBit(_ key: String) -> UInt16? {
        switch key {
        case "Sid": return 1 << 0
        case "Effect": return 1 << 1
        case "Action": return 1 << 2
        case "NotAction": return 1 << 3
        case "Resource": return 1 << 4
        case "NotResource": return 1 << 5
        case "Principal": return 1 << 6
        case "NotPrincipal": return 1 << 7
        case "Condition": return 1 << 8
        default: return nil
        }
    }

    static func parseStatement(_ v: JSONValue, index: Int, path: @autoclosure () -> JSONPath, kind: PolicyKind) throws -> Statement {
        guard case .object(let members) = v else {
            throw PolicyError(path: path(), message: "expected a statement object, found \(v.kindName)")
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
        var seen: UInt16 = 0
        for m in members {
            guard let bit = statementElementBit(m.key) else {
                throw PolicyError(path: path().appending(m.key), message: "unknown statement element \"\(m.key)\"; expected Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal or Condition")
            }
            if seen & bit != 0 { throw PolicyError(path: path().appending(m.key), message: "duplicate element \"\(m.key)\"") }
            seen |= bit
            switch m.key {
            case "Sid":
                guard let s = m.value.stringValue else { throw PolicyError(path: path().appending(m.key), message: "expected a string, found \(m.value.kindName)") }
                sid = s
            case "Effect":
                guard let s = m.value.stringValue else { throw PolicyError(path: path().appending(m.key), message: "expected \"Allow\" or \"Deny\", found \(m.value.kindName)") }
                // Effect is case-sensitive in the policy grammar.
                guard let e = Effect(rawValue: s) else { throw PolicyError(path: path().appending(m.key), message: "expected \"Allow\" or \"Deny\" (case-sensitive), found \"\(s)\"") }
                effect = e
            case "Action", "NotAction":
                if actions != nil { throw PolicyError(path: path().appending(m.key), message: "a statement may have Action or NotAction, not both") }
                actions = try stringList(m.value, path: path().appending(m.key))
                actionsNegated = m.key == "NotAction"
            case "Resource", "NotResource":
                if resources != nil { throw PolicyError(path: path().appending(m.key), message: "a statement may have Resource or NotResource, not both") }
                resources = try stringList(m.value, path: path().appending(m.key))
                resourcesNegated = m.key == "NotResource"
            case "Principal", "NotPrincipal":
                if principal != nil { throw PolicyError(path: path().appending(m.key), message: "a statement may have Principal or NotPrincipal, not both") }
                principal = try parsePrincipal(m.value, path: path().appending(m.key))
                principalNegated = m.key == "NotPrincipal"
            default:  // Condition
                conditions = try parseConditions(m.value, path: path().appending(m.key))
            }
        }
        guard let effect else { throw PolicyError(path: path(), message: "the statement has no Effect") }
        guard let actions else { throw PolicyError(path: path(), message: "the statement has no Action or NotAction") }
        switch kind {
        case .identity, .boundary, .session, .scp:
            if principal != nil { throw PolicyError(path: path(), message: "a \(kind.rawValue) policy statement may not have a Principal") }
            if resources == nil { throw PolicyError(path: path(), message: "the statement has no Resource or NotResource") }
        case .resource, .rcp:
            if principal == nil && kind == .resource { throw PolicyError(path: path(), message: "a resource policy statement needs a Principal or NotPrincipal") }
            if resources == nil && kind == .rcp { throw PolicyError(path: path(), message: "the statement has no Resource or NotResource") }
        case .trust:
            if principal == nil { throw PolicyError(path: path(), message: "a trust policy statement needs a Principal") }
        }
        return Statement(
            sid: sid, effect: effect, actions: actions, actionsNegated: actionsNegated,
            resources: resources, resourcesNegated: resourcesNegated,
            principal: principal, principalNegated: principalNegated,
            conditions: conditions, index: index)
    }

    static func stringList(_ v: JSONValue, path: @autoclosure () -> JSONPath) throws -> [String] {
        switch v {
        case .string(let s): return [s]
        case .array(let items):
            var list: [String] = []
            list.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else {
                    throw PolicyError(path: path().appending(i), message: "expected a string, found \(item.kindName)")
                }
                list.append(s)
            }
            return list
        default:
            throw PolicyError(path: path(), message: "expected a string or an array of strings, found \(v.kindName)")
        }
    }

    static func parsePrincipal(_ v: JSONValue, path: @autoclosure () -> JSONPath) throws -> PrincipalSpec {
        if case .string(let s) = v {
            if s == "*" { return .everyone }
            // The Lambda API (and the mock) sometimes store an account principal as a bare account ID.
            if AccountID.isValid(s) { return PrincipalSpec(aws: [s]) }
            throw PolicyError(path: path(), message: "a principal given as a string must be \"*\"; name others as {\"AWS\": …}")
        }
        guard case .object(let members) = v else {
            throw PolicyError(path: path(), message: "expected \"*\" or an object of principal types, found \(v.kindName)")
        }
        var spec = PrincipalSpec()
        for m in members {
            // Lambda policies written by older tooling sometimes hold bare account numbers.
            var list: [String] = []
            switch m.value {
            case .number(let n): list = [n]
            case .array(let items):
                list.reserveCapacity(items.count)
                for (i, item) in items.enumerated() {
                    if case .number(let n) = item, AccountID.isValid(n) { list.append(n); continue }
                    guard case .string(let s) = item else {
                        throw PolicyError(path: path().appending(m.key).appending(i), message: "expected a string, found \(item.kindName)")
                    }
                    list.append(s)
                }
            default: list = try stringList(m.value, path: path().appending(m.key))
            }
            switch m.key {
            case "AWS":
                if list.contains("*") { spec.anyone = true; spec.aws += list.filter { $0 != "*" } } else { spec.aws += list }
            case "Service": spec.service += list
            case "Federated": spec.federated += list
            case "CanonicalUser": spec.canonicalUser += list
            default:
                throw PolicyError(path: path().appending(m.key), message: "unknown principal type \"\(m.key)\"; expected AWS, Service, Federated or CanonicalUser")
            }
        }
        return spec
    }

    static func parseConditions(_ v: JSONValue, path: @autoclosure () -> JSONPath) throws -> [ConditionClause] {
        guard case .object(let ops) = v else {
            throw PolicyError(path: path(), message: "expected an object of condition operators, found \(v.kindName)")
        }
        var clauses: [ConditionClause] = []
        for op in ops {
            guard case .object(let keys) = op.value else {
                throw PolicyError(path: path().appending(op.key), message: "expected an object of condition keys, found \(op.value.kindName)")
            }
            for k in keys {
                var values: [String] = []
                switch k.value {
                case .array(let items):
                    values.reserveCapacity(items.count)
                    for (i, item) in items.enumerated() {
                        guard let t = item.scalarText else {
                            throw PolicyError(path: path().appending(op.key).appending(k.key).appending(i), message: "expected a string, number or boolean, found \(item.kindName)")
                        }
                        values.append(t)
                    }
                default:
                    guard let t = k.value.scalarText else {
                        throw PolicyError(path: path().appending(op.key).appending(k.key), message: "expected a string, number, boolean or an array of them, found \(k.value.kindName)")
                    }
                    values.append(t)
                }
                clauses.append(ConditionClause(operatorName: op.key, key: k.key, values: values))
            }
        }
        return clauses
    }
}
