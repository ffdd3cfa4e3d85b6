import Foundation
import IAMAnalysis
import IAMPolicy

/// The IAM credential report: the decoded CSV, or `get-credential-report` JSON whose `Content`
/// is the base64 CSV. Columns are found by header name; `N/A`, `no_information` and
/// `not_supported` become nil with the raw text kept; booleans parse in any case. Access key
/// rows (slots 1 and 2) are derived from it.
enum CredentialReportLoader {
    static let sentinels: Set<String> = ["N/A", "no_information", "not_supported"]

    static func loadJSON(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let content = json.str("Content") else {
            s.error(file, "$.Content", "expected the base64 credential report text"); return
        }
        let compact = content.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            s.error(file, "$.Content", "expected base64 text (the credential report CSV); it does not decode")
            return
        }
        let format = json.str("ReportFormat")
        if let format, format != "text/csv" {
            s.warning(file, "$.ReportFormat", "unexpected report format \"\(format)\"; reading it as text/csv")
        }
        loadCSV([UInt8](data), file: file, info: info, generated: json.date("GeneratedTime"), session: s, locationPrefix: "$.Content (decoded), ")
    }

    static func loadCSV(_ bytes: [UInt8], file: String, info: PathInfo, generated: Date?, session s: LoadSession, locationPrefix: String = "") {
        let records = CSVReader.parse(bytes)
        guard let header = records.first else { s.error(file, "\(locationPrefix)line 1", "the credential report is empty; expected a header line"); return }
        var col: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() { col[name.trimmingCharacters(in: .whitespaces)] = i }
        guard col["user"] != nil, col["arn"] != nil else {
            s.error(file, "\(locationPrefix)line \(header.line)", "the header lacks the user and arn columns; expected the 22 credential report columns starting user,arn,…")
            return
        }
        let missing = CredentialReportRow.columns.filter { col[$0] == nil }
        if !missing.isEmpty {
            s.error(file, "\(locationPrefix)line \(header.line)", "the header lacks column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); those values load as NULL")
        }
        var rows: [CredentialReportRow] = []
        for rec in records.dropFirst() {
            if rec.fields.count < header.fields.count {
                let absent = header.fields[rec.fields.count...].joined(separator: ", ")
                s.error(file, "\(locationPrefix)line \(rec.line)", "expected \(header.fields.count) fields, found \(rec.fields.count): missing \(absent); row skipped")
                continue
            }
            func raw(_ name: String) -> String? { col[name].map { rec.fields[$0] } }
            guard let user = raw("user"), let arn = raw("arn"), !user.isEmpty else {
                s.error(file, "\(locationPrefix)line \(rec.line)", "the user column is empty; row skipped"); continue
            }
            guard let parsed = ARN(arn), AccountID.isValid(parsed.account) else {
                s.error(file, "\(locationPrefix)line \(rec.line), column arn", "expected an IAM ARN, found \"\(arn)\"; row skipped"); continue
            }
            var rawMap: [String: String] = [:]
            for name in CredentialReportRow.columns { if let v = raw(name) { rawMap[name] = v } }
            var row = CredentialReportRow(account: parsed.account, user: user, arn: arn, raw: rawMap)
            func date(_ name: String) -> Date? {
                guard let v = raw(name), !v.isEmpty, !sentinels.contains(v) else { return nil }
                if let d = InputDate.parse(v) { return d }
                s.warning(file, "\(locationPrefix)line \(rec.line), column \(name)", "expected a timestamp or N/A, found \"\(v)\"")
                return nil
            }
            func flag(_ name: String) -> Bool? {
                guard let v = raw(name), !v.isEmpty, !sentinels.contains(v) else { return nil }
                if let b = BoolText.parse(v) { return b }
                s.warning(file, "\(locationPrefix)line \(rec.line), column \(name)", "expected true or false, found \"\(v)\"")
                return nil
            }
            func text(_ name: String) -> String? {
                guard let v = raw(name), !v.isEmpty, !sentinels.contains(v) else { return nil }
                return v
            }
            row.userCreationTime = date("user_creation_time")
            row.passwordEnabled = flag("password_enabled")
            row.passwordLastUsed = date("password_last_used")
            row.passwordLastChanged = date("password_last_changed")
            row.passwordNextRotation = date("password_next_rotation")
            row.mfaActive = flag("mfa_active")
            row.accessKey1Active = flag("access_key_1_active")
            row.accessKey1LastRotated = date("access_key_1_last_rotated")
            row.accessKey1LastUsedDate = date("access_key_1_last_used_date")
            row.accessKey1LastUsedRegion = text("access_key_1_last_used_region")
            row.accessKey1LastUsedService = text("access_key_1_last_used_service")
            row.accessKey2Active = flag("access_key_2_active")
            row.accessKey2LastRotated = date("access_key_2_last_rotated")
            row.accessKey2LastUsedDate = date("access_key_2_last_used_date")
            row.accessKey2LastUsedRegion = text("access_key_2_last_used_region")
            row.accessKey2LastUsedService = text("access_key_2_last_used_service")
            row.cert1Active = flag("cert_1_active")
            row.cert1LastRotated = date("cert_1_last_rotated")
            row.cert2Active = flag("cert_2_active")
            row.cert2LastRotated = date("cert_2_last_rotated")
            row.generatedTime = generated
            s.noteAccount(parsed.account, folder: info.directory)
            rows.append(row)
        }
        // The decoded CSV carries no generation time; the JSON form of the same report does.
        if generated == nil {
            for i in rows.indices {
                rows[i].generatedTime = s.out.credentialReport.first(where: { $0.account == rows[i].account && $0.generatedTime != nil })?.generatedTime
            }
        }
        // A snapshot holds the report twice (raw JSON and decoded CSV): the later one replaces the rows.
        let newArns = Set(rows.map(\.arn))
        let before = s.out.credentialReport.count
        s.out.credentialReport.removeAll { newArns.contains($0.arn) }
        s.counts.credentialReportRows -= before - s.out.credentialReport.count
        s.out.accessKeys.removeAll { newArns.contains($0.userArn) }
        s.counts.credentialReportRows += rows.count
        s.out.credentialReport += rows
        for row in rows { s.out.accessKeys += accessKeys(of: row) }
    }

    /// A key slot is a key when it is active or was ever rotated (an inactive key keeps its rotation date).
    static func accessKeys(of row: CredentialReportRow) -> [AccessKey] {
        var keys: [AccessKey] = []
        let slots: [(Int, Bool?, Date?, Date?, String?, String?)] = [
            (1, row.accessKey1Active, row.accessKey1LastRotated, row.accessKey1LastUsedDate, row.accessKey1LastUsedRegion, row.accessKey1LastUsedService),
            (2, row.accessKey2Active, row.accessKey2LastRotated, row.accessKey2LastUsedDate, row.accessKey2LastUsedRegion, row.accessKey2LastUsedService),
        ]
        for (slot, active, rotated, used, region, service) in slots where active == true || rotated != nil {
            keys.append(AccessKey(userArn: row.arn, userName: row.user, account: row.account, slot: slot, accessKeyId: nil,
                                  active: active ?? false, createdOrRotated: rotated, lastUsed: used,
                                  lastUsedRegion: region, lastUsedService: service))
        }
        return keys
    }
}
