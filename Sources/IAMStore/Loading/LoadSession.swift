import Foundation
import IAMAnalysis
import IAMPolicy

/// Policy documents inside input files.
enum PolicyParsing {
    /// Parses a document; a grammar error becomes a diagnostic naming both the place of the
    /// document in the file and the place inside the document.
    static func parse(_ value: JSONValue, kind: PolicyKind, file: String, at path: JSONPath, diagnostics: inout [LoadDiagnostic]) -> PolicyDocument? {
        do {
            return try PolicyParser.parse(json: value, kind: kind)
        } catch let e as PolicyError {
            let inner = e.path.components.isEmpty ? "" : ", inside the document at \(e.path)"
            diagnostics.append(LoadDiagnostic(file: file, location: "\(path)\(inner)", message: "not a valid \(kind.rawValue) policy: \(e.message)"))
        } catch {
            diagnostics.append(LoadDiagnostic(file: file, location: path.description, message: "not a valid \(kind.rawValue) policy: \(error)"))
        }
        return nil
    }
}

/// The state of one `load`: the partial snapshot being built, the diagnostics, what each
/// folder says about its account, and the pieces that can only be placed once every file
/// has been read (outputs that do not name their account, Organizations parts, last-accessed
/// files named after an entity).
final class LoadSession {
    let existing: Snapshot
    var out = Snapshot()
    var diagnostics: [LoadDiagnostic] = []
    var counts = LoadCounts()
    var org = OrgAccumulator()
    /// Facts about accounts gathered in this load, by account id.
    var accounts: [String: Account] = [:]
    var accountOrder: [String] = []
    /// Accounts identified by the content of files in a folder.
    var folderAccounts: [String: Set<String>] = [:]
    /// Work that needs an account the file does not name: run once every file is read.
    var needsAccount: [(file: String, folder: String, what: String, apply: (String) -> Void)] = []
    /// Work that needs every entity of the load (last-accessed files named after an entity).
    var finishers: [() -> Void] = []

    init(existing: Snapshot) { self.existing = existing }

    /// `users/<account>/<name>` (roles, groups, policies alike; AWS managed policies under `aws`) → ARN,
    /// over the existing snapshot and this load. Built on first use, once every file is read.
    lazy var entityArnByName: [String: String] = {
        var m: [String: String] = [:]
        for snap in [existing, out] {
            for u in snap.users { m["users/\(u.account)/\(u.name)"] = u.arn }
            for r in snap.roles { m["roles/\(r.account)/\(r.name)"] = r.arn }
            for g in snap.groups { m["groups/\(g.account)/\(g.name)"] = g.arn }
            for p in snap.policies { m["policies/\(p.account)/\(p.name)"] = p.arn }
        }
        return m
    }()

    // MARK: Diagnostics

    func error(_ file: String, _ location: String? = nil, _ message: String) {
        diagnostics.append(LoadDiagnostic(file: file, location: location, message: message, severity: .error))
    }

    func warning(_ file: String, _ location: String? = nil, _ message: String) {
        diagnostics.append(LoadDiagnostic(file: file, location: location, message: message, severity: .warning))
    }

    /// Parses a policy document, reporting a grammar error (see `PolicyParsing`). Nil when not valid.
    func parsePolicy(_ value: JSONValue, kind: PolicyKind, file: String, at path: JSONPath) -> PolicyDocument? {
        PolicyParsing.parse(value, kind: kind, file: file, at: path, diagnostics: &diagnostics)
    }

    // MARK: Accounts

    /// Records an account the content of a file identified, for the file's folder.
    func noteAccount(_ id: String, folder: String) {
        guard AccountID.isValid(id) else { return }
        folderAccounts[folder, default: []].insert(id)
        if accounts[id] == nil {
            accounts[id] = Account(id: id)
            accountOrder.append(id)
        }
    }

    func updateAccount(_ id: String, folder: String, _ change: (inout Account) -> Void) {
        noteAccount(id, folder: folder)
        if var a = accounts[id] {
            change(&a)
            accounts[id] = a
        }
    }

    /// Runs `apply` with the file's account: from the path when it names one, else after every
    /// file is read, from what other files of the same folder (or its parents) identified, else
    /// the only account of the load.
    func withAccount(_ info: PathInfo, file: String, what: String, _ apply: @escaping (String) -> Void) {
        if let a = info.account {
            noteAccount(a, folder: info.directory)
            apply(a)
        } else {
            needsAccount.append((file, info.directory, what, apply))
        }
    }

    private func resolveFolderAccount(_ folder: String) -> String? {
        var dir = folder
        while true {
            if let set = folderAccounts[dir], set.count == 1 { return set.first }
            if let set = folderAccounts[dir], set.count > 1 { return nil }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        let all = Set(accountOrder).union(existing.accountIds)
        return all.count == 1 ? all.first : nil
    }

    // MARK: Finishing

    /// Places the deferred pieces and returns the partial snapshot of this load.
    func finish() -> Snapshot {
        for item in needsAccount {
            if let a = resolveFolderAccount(item.folder) {
                noteAccount(a, folder: item.folder)
                item.apply(a)
            } else {
                error(item.file, nil, "cannot tell which account this \(item.what) belongs to: the file does not say, "
                    + "and its folder does not identify exactly one account; put it under accounts/<account-id>/")
            }
        }
        needsAccount = []
        for f in finishers { f() }
        finishers = []
        if let o = org.build(session: self) { out.organization = o }

        // Every account an entity belongs to is an account of the snapshot.
        for u in out.users { noteAccount(u.account, folder: "") }
        for r in out.roles { noteAccount(r.account, folder: "") }
        for g in out.groups { noteAccount(g.account, folder: "") }
        for r in out.credentialReport { noteAccount(r.account, folder: "") }
        for r in out.resourcePolicies where AccountID.isValid(r.account) { noteAccount(r.account, folder: "") }
        out.accounts = accountOrder.compactMap { accounts[$0] }
        counts.accounts = out.accounts.count
        out.reindex()
        return out
    }
}
