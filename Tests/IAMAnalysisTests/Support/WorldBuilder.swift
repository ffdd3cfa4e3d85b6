import Foundation
import IAMPolicy
@testable import IAMAnalysis

/// Fictional account IDs used across the solver tests.
enum Acct {
    static let a = "111122223333"       // main member account
    static let b = "444455556666"       // second loaded member account
    static let ext = "777788889999"     // an account that is not loaded
    static let mgmt = "999988887777"    // the organization's management account
}

/// The "now" of every test authorizer: 2026-06-15T12:00:00Z.
let testNow = Date(timeIntervalSince1970: 1_781_524_800)

/// Parses a fixture policy; fixtures are literals, so a bad one is a bug in the test.
func parsePolicy(_ json: String, _ kind: PolicyKind) -> PolicyDocument {
    do { return try PolicyParser.parse(text: json, kind: kind) } catch {
        preconditionFailure("bad fixture policy (\(kind)): \(error)\n\(json)")
    }
}

/// `{"Version":"2012-10-17","Statement":[…]}` around statement objects.
func policy(_ statements: String...) -> String {
    #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
}

/// An Allow statement for identity-style policies.
func allow(_ actions: String..., on resources: String = "*") -> String {
    #"{"Effect":"Allow","Action":\#(jsonList(actions)),"Resource":\#(jsonList(resources.split(separator: "|").map(String.init)))}"#
}

/// A Deny statement for identity-style policies.
func deny(_ actions: String..., on resources: String = "*") -> String {
    #"{"Effect":"Deny","Action":\#(jsonList(actions)),"Resource":\#(jsonList(resources.split(separator: "|").map(String.init)))}"#
}

func jsonList(_ items: [String]) -> String {
    "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]"
}

/// Builds a fictional snapshot step by step.
struct WorldBuilder {
    var snapshot = Snapshot()
    private var uniqueCounter = 0

    init(accounts: [String] = [Acct.a]) {
        for a in accounts { snapshot.accounts.append(Account(id: a)) }
    }

    private mutating func nextId(_ prefix: String) -> String {
        uniqueCounter += 1
        return prefix + String(format: "EXAMPLE%012d", uniqueCounter)
    }

    @discardableResult
    mutating func managed(_ name: String, account: String = Acct.a, _ json: String) -> String {
        let owner = account == "aws" ? "aws" : account
        let arn = "arn:aws:iam::\(owner):policy/\(name)"
        let doc = parsePolicy(json, .identity)
        snapshot.policies.append(ManagedPolicy(arn: arn, name: name, id: nextId("ANPA"), account: owner, defaultVersionId: "v1",
                                               versions: [PolicyVersion(versionId: "v1", isDefault: true, document: doc)]))
        return arn
    }

    /// A managed policy with a non-default version that differs (only the default is in force).
    @discardableResult
    mutating func managedVersions(_ name: String, account: String = Acct.a, defaultJSON: String, otherJSON: String) -> String {
        let arn = "arn:aws:iam::\(account):policy/\(name)"
        snapshot.policies.append(ManagedPolicy(
            arn: arn, name: name, id: nextId("ANPA"), account: account, defaultVersionId: "v2",
            versions: [PolicyVersion(versionId: "v1", isDefault: false, document: parsePolicy(otherJSON, .identity)),
                       PolicyVersion(versionId: "v2", isDefault: true, document: parsePolicy(defaultJSON, .identity))]))
        return arn
    }

    @discardableResult
    mutating func group(_ name: String, account: String = Acct.a, inline: [String] = [], managed: [String] = []) -> String {
        let arn = "arn:aws:iam::\(account):group/\(name)"
        snapshot.groups.append(IAMGroup(arn: arn, name: name, id: nextId("AGPA"), account: account, attachedPolicyArns: managed,
                                        inlinePolicies: inline.enumerated().map { InlinePolicy(name: "\(name)-inline-\($0.offset)", document: parsePolicy($0.element, .identity)) }))
        return arn
    }

    @discardableResult
    mutating func user(_ name: String, account: String = Acct.a, path: String = "/", id: String? = nil, inline: [String] = [],
                       managed: [String] = [], groups: [String] = [], boundary: String? = nil, tags: [String: String] = [:]) -> String {
        let arn = "arn:aws:iam::\(account):user\(path)\(name)"
        snapshot.users.append(IAMUser(arn: arn, name: name, id: id ?? nextId("AIDA"), path: path, account: account, groups: groups,
                                      attachedPolicyArns: managed,
                                      inlinePolicies: inline.enumerated().map { InlinePolicy(name: "\(name)-inline-\($0.offset)", document: parsePolicy($0.element, .identity)) },
                                      boundaryArn: boundary, tags: tags))
        return arn
    }

    @discardableResult
    mutating func role(_ name: String, account: String = Acct.a, path: String = "/", id: String? = nil, trust: String? = nil,
                       inline: [String] = [], managed: [String] = [], boundary: String? = nil, tags: [String: String] = [:]) -> String {
        let arn = "arn:aws:iam::\(account):role\(path)\(name)"
        snapshot.roles.append(IAMRole(arn: arn, name: name, id: id ?? nextId("AROA"), path: path, account: account,
                                      trustPolicy: trust.map { parsePolicy($0, .trust) }, attachedPolicyArns: managed,
                                      inlinePolicies: inline.enumerated().map { InlinePolicy(name: "\(name)-inline-\($0.offset)", document: parsePolicy($0.element, .identity)) },
                                      boundaryArn: boundary, tags: tags))
        return arn
    }

    mutating func resource(_ arn: String, type: String, account: String, policy json: String?, tags: [String: String] = [:]) {
        let parsed = ARN(arn)
        snapshot.resourcePolicies.append(ResourcePolicy(arn: arn, resourceType: type, account: account, region: parsed?.region ?? "",
                                                        name: parsed?.lastComponent ?? arn, policy: json.map { parsePolicy($0, .resource) },
                                                        tags: tags))
    }

    mutating func organization(_ org: Organization) { snapshot.organization = org }

    func build(catalog: ActionCatalog = TestCatalog.catalog) -> World {
        var s = snapshot
        s.reindex()
        return World(snapshot: s, authorizer: Authorizer(snapshot: s, catalog: catalog, now: testNow))
    }
}

struct World: Sendable {
    let snapshot: Snapshot
    let authorizer: Authorizer
}
