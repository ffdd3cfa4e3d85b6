import Foundation
import IAMAnalysis
import IAMPolicy

/// Account-wide IAM listings the CIS audit needs: `iam list-virtual-mfa-devices` (is root's MFA a
/// virtual device? CIS 2.6) and `iam list-server-certificates` (expired certificates, CIS 2.17).
/// The account comes from the path (`accounts/<id>/iam/…`), else from the ARNs inside, else from the
/// folder. An empty list is "collected, none", which the audit can judge; a missing file is "not collected".
enum IAMListingsLoader {
    static func loadVirtualMFADevices(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let listPath = JSONPath.root.appending("VirtualMFADevices")
        guard let items = json.array("VirtualMFADevices") else {
            s.error(file, listPath.description, "expected an array of virtual MFA devices, found \(json.field("VirtualMFADevices")?.kindName ?? "nothing")")
            return
        }
        warnIfTruncated(json, file: file, what: "list-virtual-mfa-devices", session: s)
        var devices: [VirtualMFADevice] = []
        var arnAccounts: [String] = []
        for (i, d) in items.enumerated() {
            let p = listPath.appending(i)
            guard case .object = d else { s.error(file, p.description, "expected a device object, found \(d.kindName)"); continue }
            guard let serial = d.str("SerialNumber"), !serial.isEmpty else {
                s.error(file, p.appending("SerialNumber").description, "a virtual MFA device needs its SerialNumber (arn:aws:iam::ACCOUNT:mfa/NAME)")
                continue
            }
            var userArn: String?
            if let user = d.field("User"), !user.isNull {
                guard case .object = user else {
                    s.error(file, p.appending("User").description, "expected the user object the device is assigned to, found \(user.kindName)")
                    continue
                }
                userArn = user.str("Arn")
                if userArn == nil {
                    s.error(file, p.appending("User").appending("Arn").description, "an assigned device's User needs its Arn")
                    continue
                }
            }
            arnAccounts += [serial, userArn].compactMap { $0.flatMap { ARN($0)?.account } }.filter(AccountID.isValid)
            devices.append(VirtualMFADevice(serialNumber: serial, userArn: userArn,
                                            enableDate: date(d, "EnableDate", at: p, file: file, session: s)))
        }
        place(file: file, info: info, arnAccounts: arnAccounts, what: "virtual MFA device list", session: s) { a in
            let known = Set(a.virtualMFADevices?.map(\.serialNumber) ?? [])
            a.virtualMFADevices = (a.virtualMFADevices ?? []) + devices.filter { !known.contains($0.serialNumber) }
        }
    }

    static func loadServerCertificates(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let listPath = JSONPath.root.appending("ServerCertificateMetadataList")
        guard let items = json.array("ServerCertificateMetadataList") else {
            s.error(file, listPath.description,
                    "expected an array of server certificate metadata, found \(json.field("ServerCertificateMetadataList")?.kindName ?? "nothing")")
            return
        }
        warnIfTruncated(json, file: file, what: "list-server-certificates", session: s)
        var certs: [ServerCertificate] = []
        var arnAccounts: [String] = []
        for (i, c) in items.enumerated() {
            let p = listPath.appending(i)
            guard case .object = c else { s.error(file, p.description, "expected a certificate object, found \(c.kindName)"); continue }
            guard let arn = c.str("Arn"), let parsed = ARN(arn) else {
                s.error(file, p.appending("Arn").description, "a server certificate needs its Arn (arn:aws:iam::ACCOUNT:server-certificate/NAME)")
                continue
            }
            if AccountID.isValid(parsed.account) { arnAccounts.append(parsed.account) }
            // 2.17 is decided on Expiration: an unreadable one is an error, and the row keeps NULL (unknown).
            let expiration: Date?
            if let v = c.field("Expiration"), !v.isNull {
                expiration = c.date("Expiration")
                if expiration == nil {
                    s.error(file, p.appending("Expiration").description, "expected a timestamp, found \(describe(v))")
                }
            } else {
                expiration = nil
                s.warning(file, p.appending("Expiration").description, "the certificate has no Expiration: whether it expired is unknown")
            }
            certs.append(ServerCertificate(
                arn: arn, name: c.str("ServerCertificateName") ?? parsed.lastComponent, id: c.str("ServerCertificateId") ?? "",
                path: c.str("Path") ?? "/", uploadDate: date(c, "UploadDate", at: p, file: file, session: s), expiration: expiration))
        }
        place(file: file, info: info, arnAccounts: arnAccounts, what: "server certificate list", session: s) { a in
            let known = Set(a.serverCertificates?.map(\.arn) ?? [])
            a.serverCertificates = (a.serverCertificates ?? []) + certs.filter { !known.contains($0.arn) }
        }
    }

    /// Applies the listing to its account: the path's, else the one account the ARNs name, else the
    /// folder's (see `LoadSession.withAccount`). ARNs naming another account than the path are reported.
    private static func place(file: String, info: PathInfo, arnAccounts: [String], what: String, session s: LoadSession,
                              _ change: @escaping (inout Account) -> Void) {
        let named = Set(arnAccounts)
        if let pathAccount = info.account, !named.subtracting([pathAccount]).isEmpty {
            s.warning(file, nil, "the ARNs name account \(named.sorted().joined(separator: ", ")) but the path says \(pathAccount); "
                + "the \(what) is placed under \(pathAccount)")
        }
        if info.account == nil, named.count > 1 {
            s.error(file, nil, "the ARNs name several accounts (\(named.sorted().joined(separator: ", "))): one \(what) belongs to one account")
            return
        }
        var located = info
        if located.account == nil { located.account = named.first }
        s.withAccount(located, file: file, what: what) { acct in
            s.updateAccount(acct, folder: info.directory, change)
        }
    }

    /// The raw API pages its answers (`IsTruncated`, `Marker`); the CLI follows every page itself.
    private static func warnIfTruncated(_ json: JSONValue, file: String, what: String, session s: LoadSession) {
        if json.bool("IsTruncated") == true {
            s.warning(file, "$.IsTruncated", "only the first page of \(what) is here; the rest of the list was not collected")
        }
    }

    /// An optional timestamp member; one present but unreadable is a warning and NULL.
    private static func date(_ v: JSONValue, _ key: String, at p: JSONPath, file: String, session s: LoadSession) -> Date? {
        guard let raw = v.field(key), !raw.isNull else { return nil }
        let d = v.date(key)
        if d == nil { s.warning(file, p.appending(key).description, "expected a timestamp, found \(describe(raw))") }
        return d
    }

    private static func describe(_ v: JSONValue) -> String {
        if case .string(let t) = v { return JSONText.quote(t) }
        return v.kindName
    }
}
