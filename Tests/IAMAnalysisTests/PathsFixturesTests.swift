import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

// Fixture helpers for the paths suites (fictional accounts and names; see WorldBuilder).

let attackerArn = "arn:aws:iam::\(Acct.a):user/attacker"

/// A trust policy letting a service assume the role, optionally with a condition block (JSON).
func serviceTrust(_ service: String, condition: String? = nil) -> String {
    let cond = condition.map { #","Condition":\#($0)"# } ?? ""
    return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(service)"},"Action":"sts:AssumeRole"\#(cond)}]}"#
}

/// A trust policy letting AWS principals assume the role, optionally with a condition block (JSON).
func awsTrust(_ principals: [String], condition: String? = nil) -> String {
    let cond = condition.map { #","Condition":\#($0)"# } ?? ""
    return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":\#(jsonList(principals))},"Action":"sts:AssumeRole"\#(cond)}]}"#
}

extension WorldBuilder {
    /// Puts a role into an instance profile (EC2 runs code as it).
    mutating func instanceProfile(for roleArn: String, account: String = Acct.a) {
        let name = (ARN(roleArn)?.lastComponent ?? "role") + "-profile"
        snapshot.instanceProfiles.append(InstanceProfile(arn: "arn:aws:iam::\(account):instance-profile/\(name)", name: name,
                                                         account: account, roleArns: [roleArn]))
    }

    /// A credential-report row: console password, MFA and how many access keys the user has.
    mutating func credentials(_ userArn: String, password: Bool, mfa: Bool = false, keys: Int = 0) {
        let name = ARN(userArn)?.lastComponent ?? userArn
        var row = CredentialReportRow(account: ARN(userArn)?.account ?? Acct.a, user: name, arn: userArn)
        row.passwordEnabled = password
        row.mfaActive = mfa
        row.accessKey1Active = keys >= 1
        row.accessKey2Active = keys >= 2
        snapshot.credentialReport.append(row)
    }

    /// An organization whose root carries FullAWSAccess plus `scps` (JSON statements) as a second SCP;
    /// `Acct.a` and `Acct.b` are member accounts, `Acct.mgmt` the management account.
    mutating func organization(denying scps: [String]) {
        let root = "r-paths1"
        let nodes = [OrgNode(id: root, kind: .root, name: "Root"),
                     OrgNode(id: Acct.a, kind: .account, parentId: root),
                     OrgNode(id: Acct.b, kind: .account, parentId: root),
                     OrgNode(id: Acct.mgmt, kind: .account, parentId: root)]
        var policies = [OrgPolicy(id: "p-full", name: "FullAWSAccess", kind: .scp, document: parsePolicy(policy(allow("*")), .scp),
                                  targets: [root, Acct.a, Acct.b, Acct.mgmt])]
        if !scps.isEmpty {
            policies.append(OrgPolicy(id: "p-guard", name: "Guardrail", kind: .scp,
                                      document: parsePolicy(#"{"Version":"2012-10-17","Statement":[\#(scps.joined(separator: ","))]}"#, .scp),
                                      targets: [root]))
        }
        organization(Organization(id: "o-paths0001", managementAccountId: Acct.mgmt, nodes: nodes, policies: policies))
    }
}

extension World {
    /// The graph over this world (one worker: deterministic and cheap for small fixtures).
    var graph: PrincipalGraph { PrincipalGraph(authorizer: authorizer, options: GraphOptions(workers: 1)) }
}

extension PrincipalGraph {
    func edges(from: String, to: String) -> [Hop] { hops(from: from, to: to) }
    func edge(_ from: String, _ to: String, kind: String) -> Hop? {
        hops(from: from, to: to).first { $0.kind == kind }
    }
}

/// A policy document around a list of statements.
func policyOf(_ statements: [String]) -> String {
    #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
}

/// An Allow statement with a condition block (JSON).
func allowIf(_ action: String, on resource: String = "*", _ condition: String) -> String {
    #"{"Effect":"Allow","Action":"\#(action)","Resource":"\#(resource)","Condition":\#(condition)}"#
}

@Suite("Paths fixture helpers")
struct PathsFixtureHelperTests {
    @Test("the organization helper denies through an SCP (SCP deny applies to member accounts)")
    func scpHelper() {
        var w = WorldBuilder(accounts: [Acct.a, Acct.mgmt])
        w.user("attacker", inline: [policy(allow("iam:CreateAccessKey"))])
        w.organization(denying: [deny("iam:CreateAccessKey")])
        let r = w.build().authorizer.can(principalArn: attackerArn, action: "iam:CreateAccessKey",
                                         resource: "arn:aws:iam::\(Acct.a):user/x")
        #expect(r.decision == .deny)
    }
}
