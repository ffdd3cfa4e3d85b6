import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Finding IDs, statuses over time, the state file, archive rules, diff and the fail-on gate.
@Suite("Findings: lifecycle")
struct FindingsLifecycleTests {
    static let publicRead = #"{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}"#
    static let partner = #"{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::example-reports","arn:aws:s3:::example-reports/*"]}"#
    static let office = #"{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::example-reports/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}"#

    func findings(_ statements: String...) -> [ExternalAccessFinding] {
        FX.findings(FX.bucket, "s3:bucket", FX.doc(statements.joined(separator: ",")))
    }

    // MARK: IDs

    @Test func idsAreStableAcrossTwoLoads() {
        let a = findings(Self.publicRead, Self.partner)
        // A second, independently built snapshot with the statements in another order.
        let b = findings(Self.partner, Self.publicRead)
        #expect(a.count == 2)
        #expect(Set(a.map(\.id)) == Set(b.map(\.id)))
    }

    @Test func idChangesWhenTheActionsChange() {
        let a = findings(Self.publicRead)
        let b = findings(#"{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::example-reports/*"}"#)
        #expect(a.first?.id != b.first?.id)
    }

    @Test func idLooksLikeAUUID() {
        let id = findings(Self.publicRead).first?.id ?? ""
        #expect(id.count == 36)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }

    @Test func sha256MatchesTheStandardVectors_FIPS180() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func asFindingFillsTheModelRow() {
        let f = findings(Self.office)[0].asFinding(analyzedAt: FX.now)
        #expect(f.source == "iamsh")
        #expect(f.findingType == "ExternalAccess")
        #expect(f.status == "ACTIVE")
        // Access Analyzer's shapes, so one query reads both sources of the findings table.
        #expect(f.principal == #"{"AWS":"*"}"#)
        #expect(f.isPublic == false)
        #expect(f.conditions == #"{"aws:SourceIp":"203.0.113.0/24"}"#)
        #expect(f.details["conditionClauses"].map(JSONWriter.compact) == #"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}"#)
    }

    // MARK: Lifecycle

    @Test func firstSeenIsKeptAcrossLoads() {
        let day1 = FX.now, day8 = FX.now.addingTimeInterval(7 * 86400)
        let o1 = FindingsLifecycle.apply(current: findings(Self.publicRead), state: FindingsState(), rules: [], now: day1)
        #expect(o1.findings.first?.firstSeen == day1)
        #expect(o1.findings.first?.status == .active)
        let o2 = FindingsLifecycle.apply(current: findings(Self.publicRead), state: o1.state, rules: [], now: day8)
        #expect(o2.findings.first?.firstSeen == day1)
        #expect(o2.state.records.values.first?.lastSeen == day8)
    }

    @Test func removedAccessIsResolved() {
        let o1 = FindingsLifecycle.apply(current: findings(Self.publicRead, Self.partner), state: FindingsState(), rules: [], now: FX.now)
        let o2 = FindingsLifecycle.apply(current: findings(Self.partner), state: o1.state, rules: [], now: FX.now.addingTimeInterval(3600))
        #expect(o2.findings.map(\.status) == [.active, .resolved])
        #expect(o2.findings.last?.principal == "*")
        // Resolved findings are forgotten 90 days later, as Access Analyzer deletes them.
        let o3 = FindingsLifecycle.apply(current: findings(Self.partner), state: o2.state, rules: [], now: FX.now.addingTimeInterval(91 * 86400))
        #expect(o3.findings.map(\.status) == [.active])
    }

    @Test func archiveDecisionSurvivesTheNextLoad() throws {
        var state = FindingsLifecycle.apply(current: findings(Self.publicRead), state: FindingsState(), rules: [], now: FX.now).state
        let id = try FindingsState.resolveId(String(state.records.keys.first!.prefix(8)), among: Array(state.records.keys))
        state.archive(id, at: FX.now, note: "public website")
        // Through the file: write, read back, apply to a fresh analysis.
        let reloaded = try FindingsState.parse(text: state.text, file: FindingsState.fileName)
        let o = FindingsLifecycle.apply(current: findings(Self.publicRead), state: reloaded, rules: [], now: FX.now.addingTimeInterval(60))
        #expect(o.findings.first?.status == .archived)
        #expect(o.state.decisions[id]?.note == "public website")
    }

    @Test func unarchiveOverridesAnArchiveRule() throws {
        let rules = try ArchiveRules.parse(text: #"{"filter":{"isPublic":{"eq":["true"]}}}"#, file: "rules.json")
        let o1 = FindingsLifecycle.apply(current: findings(Self.publicRead), state: FindingsState(), rules: rules, now: FX.now)
        #expect(o1.findings.first?.status == .archived)
        #expect(o1.archivedByRule.values.first == "rule-1")
        var state = o1.state
        state.unarchive(o1.findings[0].id, at: FX.now)
        let o2 = FindingsLifecycle.apply(current: findings(Self.publicRead), state: state, rules: rules, now: FX.now)
        #expect(o2.findings.first?.status == .active)
    }

    @Test func stateFileRoundTrips() throws {
        var state = FindingsLifecycle.apply(current: findings(Self.publicRead, Self.partner, Self.office), state: FindingsState(), rules: [], now: FX.now).state
        state.archive(state.records.keys.sorted()[0], at: FX.now, note: "ok")
        let back = try FindingsState.parse(text: state.text, file: "s.json")
        #expect(back == state)
    }

    @Test func stateFileErrorsNameTheFileAndPath() {
        let bad = #"{"version":1,"findings":{"abc":{"resource":"arn:aws:s3:::b","resource_type":"AWS::S3::Bucket","account":"111122223333","principal":"*","is_public":"yes","first_seen":"2025-01-01T00:00:00Z"}}}"#
        do {
            _ = try FindingsState.parse(text: bad, file: "/snap/.iamsh-findings-state.json")
            Issue.record("expected an error")
        } catch let e as FindingsFileError {
            #expect(e.description == #"/snap/.iamsh-findings-state.json: $.findings.abc.is_public: expected true or false"#)
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: FindingsFileError.self) { try FindingsState.parse(text: #"{"version":2}"#, file: "s.json") }
        #expect(throws: FindingsFileError.self) { try FindingsState.parse(text: "{not json", file: "s.json") }
    }

    @Test func idPrefixMustBeUniqueAndLongEnough() {
        let ids = ["abcd1234-0000-0000-0000-000000000000", "abcd9999-0000-0000-0000-000000000000"]
        #expect(throws: FindingsStateError.self) { try FindingsState.resolveId("abcd", among: ids) }
        #expect(throws: FindingsStateError.self) { try FindingsState.resolveId("abc", among: ids) }
        #expect((try? FindingsState.resolveId("abcd1", among: ids)) == ids[0])
        #expect(throws: FindingsStateError.self) { try FindingsState.resolveId("ffff", among: ids) }
    }

    // MARK: Diff

    @Test func diffReportsNewResolvedAndChanged() {
        let old = findings(Self.partner, Self.office)
        let widened = #"{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["s3:GetObject","s3:ListBucket","s3:PutObject"],"Resource":["arn:aws:s3:::example-reports","arn:aws:s3:::example-reports/*"]}"#
        let new = findings(widened, Self.publicRead)
        let rows = FindingsDiff.compare(old: old, new: new)
        #expect(rows.map(\.change) == [.new, .changed, .resolved])
        #expect(rows[0].finding.isPublic)
        #expect(rows[0].details == "new public access")
        #expect(rows[1].details == "+s3:PutObject")
        #expect(rows[1].previous?.id != rows[1].finding.id)
        #expect(rows[2].finding.conditionsText.contains("aws:SourceIp"))
    }

    @Test func diffOfTheSameSetIsEmpty() {
        let a = findings(Self.publicRead, Self.partner)
        #expect(FindingsDiff.compare(old: a, new: findings(Self.partner, Self.publicRead)).isEmpty)
        #expect(FindingsDiff.compare(old: a, new: a, includeUnchanged: true).map(\.change) == [.unchanged, .unchanged])
    }

    @Test func diffSeesAPublicityChange() {
        let old = findings(Self.office)
        let new = findings(#"{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::example-reports/*"}"#)
        let rows = FindingsDiff.compare(old: old, new: new)
        #expect(rows.count == 1)
        #expect(rows[0].change == .changed)
        #expect(rows[0].details.contains("now public"))
    }

    // MARK: Gate

    @Test func failOnPublicTripsOnlyOnActivePublicFindings() {
        var fs = findings(Self.publicRead, Self.partner)
        #expect(FindingsGate.violations(fs, failOn: .public).count == 1)
        #expect(FindingsGate.violations(fs, failOn: .crossAccount).count == 2)
        for i in fs.indices where fs[i].isPublic { fs[i].status = .archived }
        #expect(FindingsGate.violations(fs, failOn: .public).isEmpty)
        #expect(FindingsGate.violations(fs, failOn: .crossAccount).count == 1)
        #expect(FindingsGate.violations(findings(Self.partner), failOn: .public).isEmpty)
    }
}

@Suite("Findings: lifecycle across zones")
struct FindingsZoneLifecycleTests {
    @Test func anotherZoneDoesNotResolveFindings() {
        let member = FX.doc(#"{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}"#)
        let accountZone = FX.findings(FX.bucket, "s3:bucket", member, zone: .account)
        let orgZone = FX.findings(FX.bucket, "s3:bucket", member, zone: .organization)
        #expect(accountZone.count == 1 && orgZone.isEmpty)
        let o1 = FindingsLifecycle.apply(current: accountZone, state: FindingsState(), rules: [], now: FX.now, zone: "account")
        let o2 = FindingsLifecycle.apply(current: orgZone, state: o1.state, rules: [], now: FX.now, zone: "organization")
        #expect(o2.findings.isEmpty)
        let o3 = FindingsLifecycle.apply(current: accountZone, state: o2.state, rules: [], now: FX.now.addingTimeInterval(60), zone: "account")
        #expect(o3.findings.map(\.status) == [.active])
        #expect(o3.findings.first?.firstSeen == FX.now)
    }
}
