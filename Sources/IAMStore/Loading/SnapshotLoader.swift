import Foundation
import IAMAnalysis
import IAMPolicy

/// Reads inputs (snapshot folders, folders of loose files, single files) into a partial
/// snapshot with its diagnostics. Never throws: every problem becomes a `LoadDiagnostic`
/// and everything valid still loads.
enum SnapshotLoader {
    struct Result {
        var snapshot: Snapshot
        var report: LoadReport
    }

    static func load(paths: [String], existing: Snapshot, progress: (@Sendable (LoadProgress) -> Void)?) -> Result {
        let session = LoadSession(existing: existing)
        var files: [(path: String, named: Bool)] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                session.error(p, nil, "no such file or folder")
                continue
            }
            if isDir.boolValue {
                files += filesBelow(p).map { ($0, false) }
            } else {
                files.append((p, true))
            }
        }
        let sizes = files.map { (try? fm.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? 0 }
        let totalBytes = sizes.reduce(0, +)
        var doneBytes = 0
        for (i, f) in files.enumerated() {
            progress?(LoadProgress(filesDone: i, filesTotal: files.count, currentFile: f.path, bytesDone: doneBytes, bytesTotal: totalBytes))
            loadFile(f.path, named: f.named, session: session)
            doneBytes += sizes[i]
        }
        progress?(LoadProgress(filesDone: files.count, filesTotal: files.count, currentFile: "", bytesDone: totalBytes, bytesTotal: totalBytes))
        let snap = session.finish()
        var report = LoadReport()
        report.counts = session.counts
        report.counts.files = files.count - session.counts.skippedFiles
        report.diagnostics = session.diagnostics
        return Result(snapshot: snap, report: report)
    }

    /// Regular files below a folder, in name order, skipping hidden ones. Paths keep the folder as
    /// the user wrote it (relative stays relative), so messages name files the way they were given.
    static func filesBelow(_ dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                if (e.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { e.skipDescendants() }
                continue
            }
            let type = e.fileAttributes?[.type] as? FileAttributeType
            var isDir: ObjCBool = false
            if type == .typeRegular
                || (type == .typeSymbolicLink && FileManager.default.fileExists(atPath: base + rel, isDirectory: &isDir) && !isDir.boolValue) {
                out.append(base + rel)
            }
        }
        return out.sorted()
    }

    static func loadFile(_ path: String, named: Bool, session s: LoadSession) {
        guard let data = FileManager.default.contents(atPath: path) else {
            s.error(path, nil, "cannot read the file")
            s.counts.skippedFiles += 1
            return
        }
        let bytes = [UInt8](data)
        let info = PathInfo(path: path)
        var first: UInt8 = 0
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        if i < bytes.count { first = bytes[i] }

        if FileKind.looksLikeCredentialReport(bytes) {
            CredentialReportLoader.loadCSV(bytes, file: path, info: info, generated: nil, session: s)
            return
        }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || path.hasSuffix(".json") else {
            skipUnknown(path, named: named, reason: bytes.isEmpty ? "the file is empty" : "not JSON and not a credential report CSV", session: s)
            return
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            s.error(path, "line \(error.line), column \(error.column) (at \(error.path))", "invalid JSON: \(error.message)")
            s.counts.skippedFiles += 1
            return
        }
        guard let kind = FileKind.recognise(json) else {
            skipUnknown(path, named: named, reason: "JSON with top-level members " + describeKeys(json), session: s)
            return
        }
        switch kind {
        case .authorizationDetails: AuthorizationDetailsLoader.load(json, file: path, info: info, session: s)
        case .credentialReportJSON: CredentialReportLoader.loadJSON(json, file: path, info: info, session: s)
        case .policyString: ResourcePolicyLoader.loadPolicyString(json, file: path, info: info, session: s)
        case .queueOrTopicAttributes: ResourcePolicyLoader.loadAttributes(json, file: path, info: info, session: s)
        case .secretPolicy: ResourcePolicyLoader.loadSecret(json, file: path, info: info, session: s)
        case .genericResourcePolicy: ResourcePolicyLoader.loadGeneric(json, file: path, info: info, session: s)
        case .lastAccessed: LastAccessedLoader.load(json, file: path, info: info, session: s)
        case .analyzers: AccessAnalyzerLoader.loadAnalyzers(json, file: path, info: info, session: s)
        case .findings: AccessAnalyzerLoader.loadFindings(json, file: path, info: info, session: s)
        case .organization: OrganizationsLoader.loadOrganization(json, file: path, info: info, session: s)
        case .orgAccounts: OrganizationsLoader.loadAccounts(json, file: path, info: info, session: s)
        case .orgRoots: OrganizationsLoader.loadRoots(json, file: path, info: info, session: s)
        case .orgUnits: OrganizationsLoader.loadUnits(json, file: path, info: info, session: s)
        case .orgChildren: OrganizationsLoader.loadChildren(json, file: path, info: info, session: s)
        case .orgPolicies: OrganizationsLoader.loadPolicies(json, file: path, info: info, session: s)
        case .orgPolicy: OrganizationsLoader.loadPolicy(json, file: path, info: info, session: s)
        case .orgTargets: OrganizationsLoader.loadTargets(json, file: path, info: info, session: s)
        case .accountSummary: AccountSettingsLoader.loadSummary(json, file: path, info: info, session: s)
        case .passwordPolicy: AccountSettingsLoader.loadPasswordPolicy(json, file: path, info: info, session: s)
        case .publicAccessBlock: PublicAccessBlockLoader.load(json, file: path, info: info, session: s)
        case .accountAliases: AccountSettingsLoader.loadAliases(json, file: path, info: info, session: s)
        case .virtualMFADevices: IAMListingsLoader.loadVirtualMFADevices(json, file: path, info: info, session: s)
        case .serverCertificates: IAMListingsLoader.loadServerCertificates(json, file: path, info: info, session: s)
        case .callerIdentity: AccountSettingsLoader.loadCallerIdentity(json, file: path, info: info, session: s)
        case .manifest: ManifestLoader.load(json, file: path, info: info, session: s)
        }
    }

    /// An unknown file named on the command line is an error; one met inside a folder a warning.
    static func skipUnknown(_ path: String, named: Bool, reason: String, session s: LoadSession) {
        s.counts.skippedFiles += 1
        let message = "skipped: not a recognised input (\(reason)); \(FileKind.recognisedList)"
        if named { s.error(path, nil, message) } else { s.warning(path, nil, message) }
    }

    static func describeKeys(_ json: JSONValue) -> String {
        switch json {
        case .object(let m): return m.isEmpty ? "(none: an empty object)" : m.prefix(6).map { JSONText.quote($0.key) }.joined(separator: ", ")
        case .array: return "(none: an array)"
        default: return "(none: \(json.kindName))"
        }
    }
}
