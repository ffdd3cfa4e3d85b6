import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Role trust policies and KMS key policies: both must allow explicitly, even in the same account.
enum TrustCases {
    static let aliceId = "AIDAALICEEXAMPLE0001"

    static func trust(_ statements: String...) -> String {
        #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
    }
    static func assume(_ principal: String, condition: String? = nil) -> String {
        let c = condition.map { #","Condition":\#($0)"# } ?? ""
        return #"{"Effect":"Allow","Principal":\#(principal),"Action":"sts:AssumeRole"\#(c)}"#
    }

    static let world: World = {
        var w = WorldBuilder(accounts: [Acct.a, Acct.b])
        let a = Acct.a
        let denyAssume = w.managed("DenyAssumeBoundary", policy(allow("s3:*")))
        w.user("alice", id: aliceId)
        w.user("deployer", inline: [policy(allow("sts:AssumeRole", "kms:*"))])
        w.user("redteam", inline: [policy(allow("sts:AssumeRole"))], tags: ["team": "red"])
        w.user("blueteam", inline: [policy(allow("sts:AssumeRole"))], tags: ["team": "blue"])
        w.user("bounded-assumer", inline: [policy(allow("sts:AssumeRole"))], boundary: denyAssume)
        w.user("denied-assumer", inline: [policy(allow("sts:AssumeRole"), deny("sts:AssumeRole", on: "arn:aws:iam::\(a):role/named-user"))])
        w.role("app", inline: [policy(allow("kms:Decrypt"))])
        w.role("named-user", trust: trust(assume(#"{"AWS":"arn:aws:iam::\#(a):user/alice"}"#)))
        w.role("named-user2", trust: trust(assume(#"{"AWS":"arn:aws:iam::\#(a):user/deployer"}"#)))
        w.role("acct-trust", trust: trust(assume(#"{"AWS":"arn:aws:iam::\#(a):root"}"#)))
        w.role("ec2-role", trust: trust(assume(#"{"Service":"ec2.amazonaws.com"}"#)))
        w.role("uid-trust", trust: trust(assume(#"{"AWS":"\#(aliceId)"}"#)))
        w.role("orphan-trust", trust: trust(assume(#"{"AWS":"AROAORPHANEDEXAMPLE99"}"#)))
        w.role("mfa-role", trust: trust(assume(#"{"AWS":"\#(a)"}"#, condition: #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#)))
        w.role("team-role", trust: trust(assume(#"{"AWS":"\#(a)"}"#, condition: #"{"StringEquals":{"aws:PrincipalTag/team":"red"}}"#)))
        w.role("star-trust", trust: trust(assume(#""*""#, condition: #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::\#(a):user/al*"}}"#)))
        w.role("cross-trust", trust: trust(assume(#"{"AWS":"\#(Acct.b)"}"#)))
        w.role("ext-trust", trust: trust(assume(#"{"AWS":"arn:aws:iam::\#(Acct.ext):root"}"#)))
        w.role("web-trust", trust: trust(#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::\#(a):saml-provider/corp"},"Action":"sts:AssumeRoleWithSAML"}"#))
        w.user("bassume", account: Acct.b, inline: [policy(allow("sts:AssumeRole", "kms:Decrypt"))])
        w.user("bnone", account: Acct.b)
        w.role("b-role", account: Acct.b, trust: trust(assume(#"{"AWS":"\#(a)"}"#)))

        let key = { (id: String) in "arn:aws:kms:eu-west-1:\(a):key/\(id)" }
        w.resource(key("k-enable-iam"), type: "kms:key", account: a, policy: trust(
            #"{"Sid":"EnableIAM","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(a):root"},"Action":"kms:*","Resource":"*"}"#,
            #"{"Sid":"AliceDecrypt","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(a):user/alice"},"Action":"kms:Decrypt","Resource":"*"}"#))
        w.resource(key("k-app-only"), type: "kms:key", account: a, policy: trust(
            #"{"Sid":"AppOnly","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(a):role/app"},"Action":"kms:Decrypt","Resource":"*"}"#))
        w.resource(key("k-cross"), type: "kms:key", account: a, policy: trust(
            #"{"Sid":"EnableIAM","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(a):root"},"Action":"kms:*","Resource":"*"}"#,
            #"{"Sid":"AccountB","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(Acct.b):root"},"Action":"kms:Decrypt","Resource":"*"}"#))
        return w.build()
    }()

    static func a(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(Acct.a):\(kind)/\(name)" }
    static func b(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(Acct.b):\(kind)/\(name)" }
    static func key(_ id: String) -> String { "arn:aws:kms:eu-west-1:\(Acct.a):key/\(id)" }

    static let cases: [EvalCase] = {
        let w = world
        return [
            w.c("trust policy naming the user ARN: no identity allow needed in the same account (EVAL23 RBP table)", a("user", "alice"), "sts:AssumeRole", a("role", "named-user"), .allow, reason: "trust policy of role named-user"),
            w.c("trust policy naming another user: not this one", a("user", "alice"), "sts:AssumeRole", a("role", "named-user2"), .deny, reason: "does not allow"),
            w.c("trust policy must allow explicitly: identity allow alone is not enough (EVALNOW exception)", a("user", "deployer"), "sts:AssumeRole", a("role", "named-user"), .deny, reason: "must allow explicitly"),
            w.c("trust policy naming the account: identity allow needed (PRIN account principal)", a("user", "alice"), "sts:AssumeRole", a("role", "acct-trust"), .deny, reason: "no identity policy"),
            w.c("trust policy naming the account + identity allow ⇒ allow", a("user", "deployer"), "sts:AssumeRole", a("role", "acct-trust"), .allow),
            w.c("trust policy naming a service only: IAM principals cannot assume", a("user", "deployer"), "sts:AssumeRole", a("role", "ec2-role"), .deny),
            w.c("explicit deny in identity overrides a trust-policy user grant", a("user", "denied-assumer"), "sts:AssumeRole", a("role", "named-user"), .deny, reason: "explicitly denied"),
            w.c("boundary limits an account-delegated assume (boundary ∩ identity)", a("user", "bounded-assumer"), "sts:AssumeRole", a("role", "acct-trust"), .deny, reason: "boundary"),
            w.c("unique ID in a trust policy resolves to the user (PRIN unique IDs)", a("user", "alice"), "sts:AssumeRole", a("role", "uid-trust"), .allow),
            w.c("unique ID resolved: other users are not named", a("user", "deployer"), "sts:AssumeRole", a("role", "uid-trust"), .deny),
            w.c("orphaned unique ID matches nothing (PRIN: deleted entity)", a("user", "deployer"), "sts:AssumeRole", a("role", "orphan-trust"), .deny),
            w.c("trust condition on an unknown key ⇒ conditional (peer-tools #2: same context as queries)", a("user", "deployer"), "sts:AssumeRole", a("role", "mfa-role"), .conditional, condition: "aws:MultiFactorAuthPresent"),
            w.c("trust condition satisfied by --context ⇒ allow", a("user", "deployer"), "sts:AssumeRole", a("role", "mfa-role"), .allow, context: [("aws:MultiFactorAuthPresent", "true")]),
            w.c("trust condition on aws:PrincipalTag filled from tags: match ⇒ allow (peer-tools #2)", a("user", "redteam"), "sts:AssumeRole", a("role", "team-role"), .allow),
            w.c("trust condition on aws:PrincipalTag filled from tags: mismatch ⇒ deny", a("user", "blueteam"), "sts:AssumeRole", a("role", "team-role"), .deny),
            w.c("Principal * with aws:PrincipalArn condition: matching principal allowed (PRIN)", a("user", "alice"), "sts:AssumeRole", a("role", "star-trust"), .allow),
            w.c("Principal * with aws:PrincipalArn condition: other principal denied", a("user", "deployer"), "sts:AssumeRole", a("role", "star-trust"), .deny),
            w.c("cross-account assume: trust names account B and B's identity allows (XACCT)", b("user", "bassume"), "sts:AssumeRole", a("role", "cross-trust"), .allow),
            w.c("cross-account assume: trust names account B but B's identity is empty (XACCT)", b("user", "bnone"), "sts:AssumeRole", a("role", "cross-trust"), .deny),
            w.c("cross-account assume: trust does not name the caller's account", b("user", "bassume"), "sts:AssumeRole", a("role", "acct-trust"), .deny),
            w.c("cross-account assume from A into B", a("user", "deployer"), "sts:AssumeRole", b("role", "b-role"), .allow),
            w.c("assume a role in an account that is not loaded ⇒ deny (no resource side)", a("user", "deployer"), "sts:AssumeRole", "arn:aws:iam::\(Acct.ext):role/vendor", .deny, reason: "cross-account"),
            w.c("assume a role that does not exist in a loaded account ⇒ deny", a("user", "deployer"), "sts:AssumeRole", a("role", "ghost"), .deny, reason: "not a role"),
            w.c("trust naming an unloaded account does not match loaded principals", a("user", "deployer"), "sts:AssumeRole", a("role", "ext-trust"), .deny),
            w.c("SAML trust (Federated) does not match IAM users", a("user", "deployer"), "sts:AssumeRoleWithSAML", a("role", "web-trust"), .deny),
            w.c("non-sts actions on a role use identity policies, not the trust policy", a("user", "deployer"), "iam:GetRole", a("role", "named-user"), .deny, reason: "implicit deny"),
            // KMS
            w.c("KMS: key policy enabling IAM policies + identity allow ⇒ allow (KMS key policies)", a("user", "deployer"), "kms:Encrypt", key("k-enable-iam"), .allow),
            w.c("KMS: key policy naming the user ARN ⇒ allow without identity policy", a("user", "alice"), "kms:Decrypt", key("k-enable-iam"), .allow, reason: "AliceDecrypt"),
            w.c("KMS: key policy naming the user for Decrypt only", a("user", "alice"), "kms:Encrypt", key("k-enable-iam"), .deny),
            w.c("KMS: without the key policy's allow, IAM policies grant nothing (KMS key policies)", a("user", "deployer"), "kms:Decrypt", key("k-app-only"), .deny, reason: "must allow explicitly"),
            w.c("KMS: key policy naming the role ARN ⇒ allow", a("role", "app"), "kms:Decrypt", key("k-app-only"), .allow),
            w.c("KMS: key policy not loaded ⇒ conditional on it", a("user", "deployer"), "kms:Decrypt", key("k-unknown"), .conditional, condition: "key policy"),
            w.c("KMS: cross-account key policy names account B, B identity allows ⇒ allow", b("user", "bassume"), "kms:Decrypt", key("k-cross"), .allow),
            w.c("KMS: cross-account key policy names account B, B identity empty ⇒ deny", b("user", "bnone"), "kms:Decrypt", key("k-cross"), .deny),
            w.c("KMS: cross-account grant is limited to the listed action", b("user", "bassume"), "kms:Encrypt", key("k-cross"), .deny),
            w.c("KMS: the account root user is allowed by the enabling statement", "arn:aws:iam::\(Acct.a):root", "kms:Decrypt", key("k-enable-iam"), .allow),
            w.c("KMS: the account root user needs the key policy too", "arn:aws:iam::\(Acct.a):root", "kms:Decrypt", key("k-app-only"), .deny),
        ]
    }()
}

@Suite("Trust and key policy evaluation")
struct TrustAndKeyPolicyTests {
    @Test(arguments: TrustCases.cases)
    func evaluates(_ c: EvalCase) { c.check() }

    @Test("orphaned unique IDs in trust policies are reported (PRIN: deleted entity)")
    func orphanedIdReported() {
        #expect(TrustCases.world.authorizer.warnings.contains { $0.contains("AROAORPHANEDEXAMPLE99") })
        #expect(!TrustCases.world.authorizer.warnings.contains { $0.contains(TrustCases.aliceId) })
        let orphaned = TrustCases.world.authorizer.orphanedPrincipals
        #expect(orphaned == [OrphanedPrincipal(policy: "trust policy of role orphan-trust", resourceArn: TrustCases.a("role", "orphan-trust"),
                                               statement: "#0", uniqueId: "AROAORPHANEDEXAMPLE99")])
    }
}
