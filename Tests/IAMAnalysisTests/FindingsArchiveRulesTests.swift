import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Archive rules in Access Analyzer's filter form (eq, neq, contains, exists).
@Suite("Findings: archive rules")
struct FindingsArchiveRulesTests {
    static let all: [ExternalAccessFinding] = FX.findings(FX.bucket, "s3:bucket", FX.doc(
        #"{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}"#,
        #"{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::example-reports"}"#,
        #"{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::example-reports/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}"#))

    func archived(_ filter: String) throws -> [String] {
        let rules = try ArchiveRules.parse(text: #"{"rules":[{"name":"r","filter":\#(filter)}]}"#, file: "rules.json")
        return Self.all.filter { f in rules.contains { $0.matches(f) } }.map { f in
            f.principal == "*" ? (f.conditions.isEmpty ? "public" : "office") : "partner"
        }.sorted()
    }

    @Test func eqMatchesAnyListedValue() throws {
        #expect(try archived(#"{"principal.AWS":{"eq":["444455556666","999988887777"]}}"#) == ["partner"])
        #expect(try archived(#"{"isPublic":{"eq":["TRUE"]}}"#) == ["public"])
    }

    @Test func neqMatchesWhenNoValueIsListed() throws {
        #expect(try archived(#"{"principal.AWS":{"neq":["444455556666"]}}"#) == ["office", "public"])
        // An absent field equals nothing.
        #expect(try archived(#"{"principal.Federated":{"neq":["x"]}}"#) == ["office", "partner", "public"])
    }

    @Test func containsMatchesASubstring() throws {
        #expect(try archived(#"{"resource":{"contains":["example-rep"]},"action":{"contains":["Put"]}}"#) == ["office"])
    }

    @Test func existsTrueAndFalse() throws {
        #expect(try archived(#"{"condition.aws:SourceIp":{"exists":true}}"#) == ["office"])
        #expect(try archived(#"{"condition.aws:sourceip":{"exists":false}}"#) == ["partner", "public"])
    }

    @Test func conditionValuesAreMatched() throws {
        #expect(try archived(#"{"condition.aws:SourceIp":{"eq":["203.0.113.0/24"]}}"#) == ["office"])
    }

    @Test func allKeysOfAFilterMustMatch() throws {
        #expect(try archived(#"{"isPublic":{"eq":["false"]},"principal.AWS":{"eq":["*"]}}"#) == ["office"])
        #expect(try archived(#"{"isPublic":{"eq":["true"]},"resourceType":{"eq":["AWS::KMS::Key"]}}"#).isEmpty)
    }

    @Test func severalOperatorsInOneCriterionMustAllHold() throws {
        #expect(try archived(#"{"accessLevel":{"eq":["Write"],"neq":["Read"],"exists":true}}"#) == ["office"])
    }

    @Test func theFixtureFileArchivesThePartnerAndTheOffice() throws {
        let rules = try ArchiveRules.parse(text: FX.fixtureText("archive-rules.json"), file: "archive-rules.json")
        #expect(rules.map(\.name) == ["partner-reads-reports", "office-network-only"])
        let hit = Self.all.filter { f in rules.contains { $0.matches(f) } }
        #expect(hit.count == 2)
        #expect(!hit.contains { $0.isPublic })
    }

    @Test func theCLIListArchiveRulesOutputIsAccepted() throws {
        let rules = try ArchiveRules.parse(text: FX.fixtureText("list-archive-rules.json"), file: "list-archive-rules.json")
        #expect(rules.map(\.name) == ["sso-roles"])
        let saml = FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp-idp"},"Action":"sts:AssumeRoleWithSAML"}"#))
        #expect(saml.count == 1 && rules[0].matches(saml[0]))
    }

    @Test func errorsNameTheFileThePathAndWhatWasExpected() {
        do {
            _ = try ArchiveRules.parse(text: FX.fixtureText("bad-archive-rules.json"), file: "bad-archive-rules.json")
            Issue.record("expected an error")
        } catch let e as FindingsFileError {
            #expect(e.description.hasPrefix(#"bad-archive-rules.json: $.rules[1].filter["principal.AWS"].equals: unknown criterion operator"#))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func idAndStatusCannotBeFilteredOn_AAfilterKeys() {
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"filter":{"status":{"eq":["ACTIVE"]}}}"#, file: "r") }
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"filter":{"id":{"eq":["x"]}}}"#, file: "r") }
    }

    @Test func unknownKeysEmptyFiltersAndEmptyCriteriaAreRejected() {
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"filter":{"principal":{"eq":["x"]}}}"#, file: "r") }
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"filter":{}}"#, file: "r") }
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"filter":{"isPublic":{}}}"#, file: "r") }
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"filter":{"isPublic":{"eq":[]}}}"#, file: "r") }
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"[1]"#, file: "r") }
        #expect(throws: FindingsFileError.self) { try ArchiveRules.parse(text: #"{"rules": {"filter": 1}}"#, file: "r") }
    }
}
