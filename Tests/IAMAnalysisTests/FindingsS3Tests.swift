import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// External access to S3 buckets: principals, zone of trust, conditions, Deny statements, action
/// scoping and Block Public Access.
@Suite("Findings: S3 buckets")
struct FindingsS3Tests {
    func allow(_ principal: String, actions: String = #""s3:GetObject""#, resource: String = #""arn:aws:s3:::example-reports/*""#,
               condition: String? = nil, sid: String = "S") -> String {
        var s = #"{"Sid":"\#(sid)","Effect":"Allow","Principal":\#(principal),"Action":\#(actions),"Resource":\#(resource)"#
        if let c = condition { s += #","Condition":\#(c)"# }
        return s + "}"
    }

    func run(_ statements: String..., zone: ZoneOfTrust.Kind? = nil, withOrganization: Bool = true) -> [ExternalAccessFinding] {
        FX.findings(FX.bucket, "s3:bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[\(statements.joined(separator: ","))]}",
                    zone: zone, withOrganization: withOrganization)
    }

    @Test func principalStarIsPublic() {
        let f = run(allow(#""*""#))
        #expect(f.count == 1)
        #expect(f.first?.principal == "*")
        #expect(f.first?.isPublic == true)
        #expect(f.first?.kind == "public")
        #expect(f.first?.actions == ["s3:GetObject"])
        #expect(f.first?.accessLevels == ["Read"])
        #expect(f.first?.resourceType == "AWS::S3::Bucket")
        #expect(f.first?.account == FX.own)
        #expect(f.first?.grantedBy == ["S"])
    }

    @Test func awsStarMeansTheSameAsStar_PRIN() {
        let a = run(allow(#""*""#)), b = run(allow(#"{"AWS":"*"}"#))
        #expect(b.count == 1 && b.first?.isPublic == true)
        #expect(a.map(\.id) == b.map(\.id))
    }

    @Test func namedExternalAccountIsCrossAccount() {
        let f = run(allow(#"{"AWS":"444455556666"}"#))
        #expect(f.count == 1)
        #expect(f.first?.principal == FX.external)
        #expect(f.first?.principalType == "account")
        #expect(f.first?.isPublic == false)
        #expect(f.first?.kind == "cross-account")
    }

    @Test func accountRootArnIsTheAccount_PRIN() {
        let a = run(allow(#"{"AWS":"arn:aws:iam::444455556666:root"}"#))
        let b = run(allow(#"{"AWS":"444455556666"}"#))
        #expect(a.first?.principal == FX.external)
        #expect(a.map(\.id) == b.map(\.id))
    }

    @Test func externalRoleIsCrossAccountWithItsArn() {
        let f = run(allow(#"{"AWS":"arn:aws:iam::444455556666:role/reader"}"#))
        #expect(f.first?.principal == "arn:aws:iam::444455556666:role/reader")
        #expect(f.first?.principalType == "role")
    }

    @Test func sameAccountSharingIsNoFinding() {
        #expect(run(allow(#"{"AWS":"arn:aws:iam::111122223333:role/app"}"#)).isEmpty)
        #expect(run(allow(#"{"AWS":"111122223333"}"#)).isEmpty)
    }

    @Test func organizationMemberIsTrustedOnlyInAnOrganizationZone() {
        #expect(run(allow(#"{"AWS":"222233334444"}"#)).isEmpty)
        #expect(run(allow(#"{"AWS":"222233334444"}"#), zone: .account).count == 1)
        // Without Organizations data the zone is the account.
        #expect(run(allow(#"{"AWS":"222233334444"}"#), withOrganization: false).count == 1)
    }

    @Test func principalOrgIdOfOwnOrganizationConfines() {
        let c = #"{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}"#
        #expect(run(allow(#""*""#, condition: c)).isEmpty)
    }

    @Test func principalOrgIdInAccountZoneNarrowsButStaysExternal() {
        let c = #"{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}"#
        let f = run(allow(#""*""#, condition: c), zone: .account)
        #expect(f.count == 1)
        #expect(f.first?.isPublic == false)
        #expect(f.first?.conditions.first?.key == "aws:PrincipalOrgID")
    }

    @Test func principalOrgIdOfAnotherOrganizationIsAFinding() {
        let f = run(allow(#""*""#, condition: #"{"StringEquals":{"aws:PrincipalOrgID":"o-otherorg99"}}"#))
        #expect(f.count == 1)
        #expect(f.first?.isPublic == false)
        #expect(f.first?.conditionsText.contains("o-otherorg99") == true)
    }

    @Test func principalOrgIdIfExistsDoesNotConfine_COND() {
        // IfExists is true when the key is absent: principals outside any organization (and
        // anonymous callers) still get in.
        let f = run(allow(#""*""#, condition: #"{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-exampleorg1"}}"#))
        #expect(f.count == 1)
        #expect(f.first?.isPublic == true)
    }

    @Test func principalOrgIdWithWildcardDoesNotConfine() {
        let f = run(allow(#""*""#, condition: #"{"StringLike":{"aws:PrincipalOrgID":"o-*"}}"#))
        #expect(f.count == 1)
        #expect(f.first?.isPublic == true)
    }

    @Test func principalOrgPathsOfOwnOrganizationConfines() {
        let c = #"{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":["o-exampleorg1/r-ab12/ou-ab12-prod/*"]}}"#
        #expect(run(allow(#""*""#, condition: c)).isEmpty)
    }

    @Test func principalAccountOwnConfines() {
        #expect(run(allow(#""*""#, condition: #"{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"#)).isEmpty)
    }

    @Test func principalAccountExternalRefinesThePrincipal() {
        let f = run(allow(#""*""#, condition: #"{"StringEquals":{"aws:PrincipalAccount":["111122223333","444455556666"]}}"#))
        #expect(f.count == 1)
        #expect(f.first?.principal == FX.external)
        #expect(f.first?.isPublic == false)
    }

    @Test func principalAccountForAnotherAccountExcludesANamedPrincipal() {
        let f = run(allow(#"{"AWS":"444455556666"}"#, condition: #"{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"#))
        #expect(f.isEmpty)
    }

    @Test func resourceAccountVariableConfines_VARS() {
        let c = #"{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}"#
        #expect(run(allow(#""*""#, condition: c)).isEmpty)
    }

    @Test func resourceOrgIdVariableConfines_VARS() {
        let c = #"{"StringEquals":{"aws:PrincipalOrgID":"${aws:ResourceOrgID}"}}"#
        #expect(run(allow(#""*""#, condition: c)).isEmpty)
    }

    @Test func otherVariablesDoNotConfine() {
        let c = #"{"StringEquals":{"aws:PrincipalAccount":"${aws:PrincipalTag/acct}"}}"#
        #expect(run(allow(#""*""#, condition: c)).first?.isPublic == true)
    }

    @Test func principalArnOfOwnRoleConfines() {
        let c = #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app-*"}}"#
        #expect(run(allow(#""*""#, condition: c)).isEmpty)
    }

    @Test func principalArnOfExternalRoleRefines() {
        let c = #"{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::444455556666:role/auditor"}}"#
        let f = run(allow(#""*""#, condition: c))
        #expect(f.first?.principal == "arn:aws:iam::444455556666:role/auditor")
        #expect(f.first?.isPublic == false)
    }

    @Test func principalArnWithWildcardAccountStaysPublic() {
        let c = #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/auditor"}}"#
        let f = run(allow(#""*""#, condition: c))
        #expect(f.first?.principal == "*")
        #expect(f.first?.isPublic == true)
    }

    @Test func userIdOfLoadedRoleConfines() {
        let role = IAMRole(arn: "arn:aws:iam::111122223333:role/app", name: "app", id: "AROAEXAMPLEAPP", account: FX.own)
        let s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(allow(#""*""#, condition: #"{"StringLike":{"aws:userid":"AROAEXAMPLEAPP:*"}}"#)))],
                            roles: [role])
        #expect(FX.analyze(s).findings.isEmpty)
    }

    @Test func sourceAccountOwnConfines() {
        #expect(run(allow(#""*""#, condition: #"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#)).isEmpty)
    }

    @Test func sourceArnOfOwnLoadedBucketConfines() {
        let other = "arn:aws:s3:::example-logs"
        let s = FX.snapshot(resources: [
            (FX.bucket, "s3:bucket", FX.doc(allow(#""*""#, actions: #""s3:PutObject""#, condition: #"{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::example-logs"}}"#))),
            (other, "s3:bucket", FX.doc(allow(#"{"AWS":"111122223333"}"#, resource: #""arn:aws:s3:::example-logs/*""#))),
        ])
        #expect(FX.analyze(s).findings.isEmpty)
    }

    @Test func sourceArnOfUnknownBucketNarrowsButStaysExternal() {
        let f = run(allow(#""*""#, actions: #""s3:PutObject""#, condition: #"{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::somebody-elses"}}"#))
        #expect(f.count == 1)
        #expect(f.first?.isPublic == false)
    }

    @Test func sourceIpNarrowsButKeepsTheFinding_AAfindingsView() {
        let f = run(allow(#""*""#, condition: #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#))
        #expect(f.count == 1)
        #expect(f.first?.principal == "*")
        // S3 "meaning of public": a policy limited to a set of CIDRs is not public.
        #expect(f.first?.isPublic == false)
        #expect(f.first?.conditionsText == #"IpAddress aws:SourceIp "203.0.113.0/24""#)
    }

    @Test func sourceIpOfEverywhereIsStillPublic() {
        #expect(run(allow(#""*""#, condition: #"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#)).first?.isPublic == true)
    }

    @Test func sourceVpceNarrowsButKeepsTheFinding() {
        let f = run(allow(#""*""#, condition: #"{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}"#))
        #expect(f.count == 1)
        #expect(f.first?.isPublic == false)
        #expect(f.first?.conditionMap["aws:SourceVpce"] == "vpce-1a2b3c4d")
    }

    @Test func secureTransportDoesNotNarrowPublicity() {
        let f = run(allow(#""*""#, condition: #"{"Bool":{"aws:SecureTransport":"true"}}"#))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.conditions.count == 1)
    }

    @Test func servicePrincipalIsNoFinding_AAconcepts() {
        #expect(run(allow(#"{"Service":"logging.s3.amazonaws.com"}"#, actions: #""s3:PutObject""#)).isEmpty)
    }

    @Test func principalIsAWSServiceConditionConfines() {
        #expect(run(allow(#""*""#, condition: #"{"Bool":{"aws:PrincipalIsAWSService":"true"}}"#)).isEmpty)
    }

    @Test func deletedPrincipalUniqueIdIsNoFindingButANote() {
        let s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(allow(#"{"AWS":"AROAGONEGONEGONE"}"#)))])
        let r = FX.analyze(s)
        #expect(r.findings.isEmpty)
        #expect(r.notes.contains { $0.contains("AROAGONEGONEGONE") })
    }

    @Test func explicitDenyOutsideTheOrganizationRemovesPublicAccess_EVALNOW() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::example-reports","arn:aws:s3:::example-reports/*"],"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}}"#
        #expect(run(allow(#""*""#), deny).isEmpty)
        #expect(run(allow(#"{"AWS":"444455556666"}"#), deny).isEmpty)
    }

    @Test func explicitDenyOutsideTheOrganizationKeepsMemberAccessInAccountZone() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::example-reports/*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-exampleorg1"}}}"#
        let f = run(allow(#"{"AWS":"222233334444"}"#), deny, zone: .account)
        #expect(f.count == 1)
        #expect(f.first?.principal == FX.member)
    }

    @Test func unconditionalDenyOfSomeActionsLeavesTheOthers() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":["s3:DeleteObject","s3:PutObject"],"Resource":"arn:aws:s3:::example-reports/*"}"#
        let f = run(allow(#""*""#, actions: #""s3:*""#), deny)
        let actions = Set(f.flatMap(\.actions))
        #expect(!actions.contains("s3:DeleteObject") && !actions.contains("s3:PutObject"))
        #expect(actions.contains("s3:GetObject"))
    }

    @Test func denyOnPartOfTheObjectsDoesNotRemoveAccess() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/private/*"}"#
        #expect(run(allow(#""*""#), deny).count == 1)
    }

    @Test func denyWithANonIdentityConditionNarrowsToItsNegation() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::example-reports/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}"#
        let f = run(allow(#""*""#), deny)
        #expect(f.count == 1)
        #expect(f.first?.isPublic == false)
        #expect(f.first?.conditionsText == #"StringEquals aws:SourceVpce "vpce-1a2b3c4d""#)
    }

    @Test func denyWithSeveralConditionsIsLeftAlone() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-exampleorg1"},"Bool":{"aws:SecureTransport":"false"}}}"#
        #expect(run(allow(#""*""#), deny).first?.isPublic == true)
    }

    @Test func denyNotPrincipalOwnAccountRemovesExternalAccess() {
        let deny = #"{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:role/reader"]},"Action":"s3:*","Resource":"arn:aws:s3:::example-reports/*"}"#
        #expect(run(allow(#"{"AWS":"555566667777"}"#), deny).isEmpty)
        // `*` survives only as the principals the NotPrincipal spares.
        let f = run(allow(#""*""#), deny)
        #expect(f.map(\.principal) == ["arn:aws:iam::444455556666:role/reader"])
    }

    @Test func objectOnlyStatementListsOnlyObjectActions_NotActionScope() {
        let f = run(allow(#""*""#, actions: #""s3:*""#))
        let actions = Set(f.flatMap(\.actions))
        #expect(actions == ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl"])
    }

    @Test func starActionOnBucketAndObjectsListsOnlyS3ActionsThatTargetThem() {
        let f = run(allow(#""*""#, actions: #""*""#, resource: #"["arn:aws:s3:::example-reports","arn:aws:s3:::example-reports/*"]"#))
        let actions = Set(f.flatMap(\.actions))
        #expect(actions.contains("s3:ListBucket") && actions.contains("s3:GetObject"))
        #expect(!actions.contains("s3:ListAllMyBuckets"))
        #expect(!actions.contains { !$0.hasPrefix("s3:") })
        #expect(f.first?.accessLevels == ["List", "Read", "Write", "Permissions management", "Tagging"])
    }

    @Test func notActionIsScopedToTheResource_elementsNotAction() {
        let f = run(#"{"Effect":"Allow","Principal":"*","NotAction":"s3:Delete*","Resource":"arn:aws:s3:::example-reports/*"}"#)
        let actions = Set(f.flatMap(\.actions))
        #expect(actions == ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"])
    }

    @Test func statementOnAnotherBucketIsNoFinding() {
        #expect(run(allow(#""*""#, resource: #""arn:aws:s3:::someone-else/*""#)).isEmpty)
    }

    @Test func prefixOfObjectsIsReached() {
        #expect(run(allow(#""*""#, resource: #""arn:aws:s3:::example-reports/public/*""#)).count == 1)
    }

    @Test func restrictPublicBucketsBlocksAPublicPolicy_S3BPA() {
        let s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(allow(#""*""#), allow(#"{"AWS":"444455556666"}"#, sid: "X")))])
        let onBucket = PublicAccessBlocks(buckets: [FX.bucket: PublicAccessBlock(restrictPublicBuckets: true)])
        let r = FX.analyze(s, bpa: onBucket)
        #expect(r.findings.isEmpty)
        #expect(r.notes.contains { $0.contains("RestrictPublicBuckets") })
        // The account-level setting counts too (most restrictive combination).
        let onAccount = PublicAccessBlocks(accounts: [FX.own: PublicAccessBlock(restrictPublicBuckets: true)])
        #expect(FX.analyze(s, bpa: onAccount).findings.isEmpty)
    }

    @Test func restrictPublicBucketsLeavesANonPublicPolicyAlone_S3BPA() {
        let s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(allow(#"{"AWS":"444455556666"}"#)))])
        let bpa = PublicAccessBlocks(buckets: [FX.bucket: PublicAccessBlock(restrictPublicBuckets: true)])
        #expect(FX.analyze(s, bpa: bpa).findings.count == 1)
    }

    @Test func blockPublicPolicyAloneDoesNotChangeAnExistingPolicy_S3BPA() {
        let s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(allow(#""*""#)))])
        let bpa = PublicAccessBlocks(buckets: [FX.bucket: PublicAccessBlock(blockPublicAcls: true, blockPublicPolicy: true)])
        #expect(FX.analyze(s, bpa: bpa).findings.first?.isPublic == true)
    }

    @Test func publicAccessBlockParsesTheCLIOutput() throws {
        let json = try JSONParser.parse(#"{"PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"IgnorePublicAcls":false,"BlockPublicPolicy":true,"RestrictPublicBuckets":true}}"#)
        let b = try PublicAccessBlock.parse(json)
        #expect(b == PublicAccessBlock(blockPublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true))
        #expect(throws: PolicyError.self) { try PublicAccessBlock.parse(JSONParser.parse(#"{"PublicAccessBlockConfiguration":{"BlockPublicAcls":"yes"}}"#)) }
    }

    @Test func severalStatementsForOnePrincipalMergeIntoOneFinding() {
        let f = run(allow(#""*""#, sid: "A"), allow(#""*""#, actions: #""s3:ListBucket""#, resource: #""arn:aws:s3:::example-reports""#, sid: "B"))
        #expect(f.count == 1)
        #expect(f.first?.actions == ["s3:GetObject", "s3:ListBucket"])
        #expect(f.first?.grantedBy == ["A", "B"])
    }

    @Test func differentConditionsAreSeparateFindings() {
        let f = run(allow(#""*""#, sid: "A"), allow(#""*""#, actions: #""s3:PutObject""#, condition: #"{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}}"#, sid: "B"))
        #expect(f.count == 2)
    }
}
