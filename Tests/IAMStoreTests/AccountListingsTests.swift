import Foundation
import Testing
import IAMAnalysis
@testable import IAMStore

/// `iam list-virtual-mfa-devices` and `iam list-server-certificates`: recognised by content, placed in
/// their account, an empty list kept apart from "not collected", bad input reported with file and JSON path.
@Suite struct AccountListingsTests {
    static let A = "111122223333"
    static let B = "444455556666"

    func loaded(_ paths: [String]) throws -> (Store, LoadReport) {
        let s = try Fixtures.store()
        return (s, s.load(paths: paths))
    }

    /// Writes `text` under a fresh temporary folder at `rel` and returns the file's path.
    func temp(_ rel: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-listings-\(UUID().uuidString)")
            .appendingPathComponent(rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func virtualMFADevicesLoadFromTheSnapshot() throws {
        let (s, r) = try loaded([Fixtures.path("snapshot")])
        #expect(!r.hasErrors, "\(r.diagnostics)")
        #expect(try s.int("SELECT count(*) FROM virtual_mfa_devices WHERE account = '\(Self.A)'") == 2)
        #expect(try s.scalar("SELECT user_arn || ' ' || enable_date FROM virtual_mfa_devices WHERE serial_number LIKE '%bob-phone'")
                == "arn:aws:iam::\(Self.A):user/contractors/bob 2022-06-01T08:10:00Z")
        // An unassigned device: no user, no enable date.
        #expect(try s.scalar("SELECT coalesce(user_arn, 'none') || coalesce(enable_date, '') FROM virtual_mfa_devices WHERE serial_number LIKE '%spare-device'") == "none")
        #expect(try s.int("SELECT sum(is_root) FROM virtual_mfa_devices") == 0)
        // Collected for A, not for B: no rows in either case, so the accounts table says which.
        #expect(try s.scalar("SELECT group_concat(account_id) FROM accounts WHERE virtual_mfa_collected = 1") == Self.A)
        #expect(s.snapshot.account(id: Self.A)?.virtualMFADevices?.count == 2)
        #expect(s.snapshot.account(id: Self.B)?.virtualMFADevices == nil)
    }

    @Test func serverCertificatesLoadAndAnEmptyListMeansCollectedNone() throws {
        let (s, _) = try loaded([Fixtures.path("snapshot")])
        #expect(try s.int("SELECT count(*) FROM server_certificates") == 2)
        #expect(try s.scalar("SELECT name || ' ' || server_certificate_id || ' ' || path || ' ' || upload_date || ' ' || expiration FROM server_certificates WHERE name = 'old-portal'")
                == "old-portal ASCAEXAMPLEOLD000002 /cloudfront/ 2023-01-10T09:00:00Z 2024-01-31T23:59:59Z")
        // Expired against the store's now (2024-06-15), as docs/schema.md shows.
        #expect(try s.scalar("SELECT group_concat(name) FROM server_certificates WHERE days_since(expiration) >= 0") == "old-portal")
        // B answered an empty list: collected, none.
        #expect(try s.int("SELECT server_certificates_collected FROM accounts WHERE account_id = '\(Self.B)'") == 1)
        #expect(s.snapshot.account(id: Self.B)?.serverCertificates == [])
    }

    @Test func theCISAuditDecidesExpiredCertificatesFromLoadedData() throws {
        let (s, _) = try loaded([Fixtures.path("snapshot")])
        let rows = CISAudit.run(snapshot: s.snapshot, now: s.now).filter { $0.control == CISControl.expiredCertificates.id }
        #expect(rows.filter { $0.account == Self.A }.map(\.status) == [.fail])
        #expect(rows.first { $0.account == Self.A }?.resource == "arn:aws:iam::\(Self.A):server-certificate/cloudfront/old-portal")
        #expect(rows.filter { $0.account == Self.B }.map(\.status) == [.pass])
    }

    @Test func aLooseFileTakesItsAccountFromTheARNsAndMarksRootsVirtualDevice() throws {
        // CIS 2.6: root's MFA is virtual when a listed device is assigned to arn:aws:iam::ACCOUNT:root.
        let (s, r) = try loaded([Fixtures.path("loose/mfa-export.json")])
        #expect(!r.hasErrors, "\(r.diagnostics)")
        #expect(try s.scalar("SELECT account || ' ' || is_root FROM virtual_mfa_devices") == "\(Self.B) 1")
        #expect(try s.int("SELECT virtual_mfa_collected FROM accounts WHERE account_id = '\(Self.B)'") == 1)
    }

    @Test func recognisedByContentWhateverTheName() throws {
        let path = try temp("accounts/\(Self.A)/whatever.txt.json", #"{"VirtualMFADevices": [], "IsTruncated": false}"#)
        let (s, r) = try loaded([path])
        #expect(!r.hasErrors, "\(r.diagnostics)")
        #expect(s.snapshot.account(id: Self.A)?.virtualMFADevices == [])
    }

    @Test func theUnknownFileMessageListsBothInputs() throws {
        let (_, r) = try loaded([Fixtures.path("bad/unknown.json")])
        let message = try #require(r.diagnostics.first?.message)
        #expect(message.contains("list-virtual-mfa-devices"))
        #expect(message.contains("list-server-certificates"))
    }

    @Test func wrongTypesNameTheFileAndTheJSONPath() throws {
        let mfa = try temp("accounts/\(Self.A)/iam/virtual-mfa-devices.json", """
        {"VirtualMFADevices": [
          {"SerialNumber": "arn:aws:iam::\(Self.A):mfa/ok", "EnableDate": "yesterday"},
          {"User": {"Arn": "arn:aws:iam::\(Self.A):user/x"}},
          {"SerialNumber": "arn:aws:iam::\(Self.A):mfa/odd", "User": "alice"},
          "not-a-device"]}
        """)
        let (s, r) = try loaded([mfa])
        func at(_ loc: String) -> LoadDiagnostic? { r.diagnostics.first { $0.file == mfa && $0.location == loc } }
        #expect(at("$.VirtualMFADevices[0].EnableDate")?.message == "expected a timestamp, found \"yesterday\"")
        #expect(at("$.VirtualMFADevices[1].SerialNumber")?.severity == .error)
        #expect(at("$.VirtualMFADevices[2].User")?.message.contains("found a string") == true)
        #expect(at("$.VirtualMFADevices[3]")?.message == "expected a device object, found a string")
        // The valid device still loads (its bad date is NULL).
        #expect(try s.scalar("SELECT serial_number || coalesce(enable_date, ' (no date)') FROM virtual_mfa_devices")
                == "arn:aws:iam::\(Self.A):mfa/ok (no date)")

        let certs = try temp("accounts/\(Self.A)/iam/server-certificates.json", """
        {"ServerCertificateMetadataList": [
          {"ServerCertificateName": "no-arn", "Expiration": "2020-01-01T00:00:00Z"},
          {"ServerCertificateName": "bad-date", "Arn": "arn:aws:iam::\(Self.A):server-certificate/bad-date", "Expiration": 3.5e400}]}
        """)
        let (s2, r2) = try loaded([certs])
        #expect(r2.diagnostics.contains { $0.location == "$.ServerCertificateMetadataList[0].Arn" && $0.severity == .error })
        // Expiration decides CIS 2.17: an unreadable one is an error, and the row says unknown (NULL).
        #expect(r2.diagnostics.contains { $0.location == "$.ServerCertificateMetadataList[1].Expiration" && $0.severity == .error })
        #expect(try s2.scalar("SELECT name || coalesce(expiration, ' unknown') FROM server_certificates") == "bad-date unknown")

        let notAList = try temp("x/listing.json", #"{"ServerCertificateMetadataList": {"Arn": "x"}}"#)
        let (_, r3) = try loaded([notAList])
        #expect(r3.diagnostics.first?.location == "$.ServerCertificateMetadataList")
        #expect(r3.diagnostics.first?.message.contains("found an object") == true)
    }

    @Test func truncatedJSONAndPagedAnswersAreReported() throws {
        let cut = try temp("accounts/\(Self.A)/iam/server-certificates.json",
                           #"{"ServerCertificateMetadataList": [{"Arn": "arn:aws:iam::111122223333:server-certificate/a", "#)
        let (s, r) = try loaded([cut])
        #expect(r.diagnostics.first?.location?.hasPrefix("line 1, column") == true)
        #expect(r.diagnostics.first?.message.hasPrefix("invalid JSON") == true)
        #expect(s.snapshot.account(id: Self.A)?.serverCertificates == nil)  // not collected, not "none"

        // A raw-API page: the rest of the list is missing, which a reader must be told.
        let page = try temp("accounts/\(Self.A)/iam/virtual-mfa-devices.json",
                            #"{"VirtualMFADevices": [], "IsTruncated": true, "Marker": "abc"}"#)
        let (_, r2) = try loaded([page])
        #expect(r2.diagnostics.first { $0.location == "$.IsTruncated" }?.severity == .warning)
    }

    @Test func anAccountThatCannotBeToldIsAnError() throws {
        // No path account, and the ARNs name two accounts.
        let mixed = try temp("loose/mixed.json", """
        {"VirtualMFADevices": [{"SerialNumber": "arn:aws:iam::\(Self.A):mfa/a"}, {"SerialNumber": "arn:aws:iam::\(Self.B):mfa/b"}]}
        """)
        let (s, r) = try loaded([mixed])
        #expect(r.diagnostics.first?.message.contains("several accounts") == true)
        #expect(try s.int("SELECT count(*) FROM virtual_mfa_devices") == 0)
        // An empty list with nothing that names its account.
        let empty = try temp("loose/empty.json", #"{"ServerCertificateMetadataList": []}"#)
        let (_, r2) = try loaded([empty])
        #expect(r2.diagnostics.first?.message.contains("cannot tell which account this server certificate list belongs to") == true)
    }

    @Test func aLaterCollectionReplacesTheListing() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot")])
        let newer = try temp("accounts/\(Self.A)/iam/server-certificates.json", #"{"ServerCertificateMetadataList": []}"#)
        _ = s.load(paths: [newer])
        #expect(try s.int("SELECT count(*) FROM server_certificates") == 0)
        #expect(try s.int("SELECT server_certificates_collected FROM accounts WHERE account_id = '\(Self.A)'") == 1)
        // Untouched: the devices of the first load.
        #expect(try s.int("SELECT count(*) FROM virtual_mfa_devices") == 2)
    }
}
