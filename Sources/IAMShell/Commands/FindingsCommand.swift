import Foundation
import IAMAnalysis
import IAMPolicy
import IAMStore

/// `findings`: external access to the loaded resources — IAM Access Analyzer's analysis, offline —
/// with the finding lifecycle (first seen, archived, resolved) kept in a state file beside the
/// snapshot, archive rules, a comparison with the collected Access Analyzer findings, the diff of
/// two snapshots, and a CI gate.
struct FindingsCommand: ShellCommand {
    let spec = CommandSpec(
        name: "findings",
        summary: "external access findings (public and cross-account), like IAM Access Analyzer",
        usage: "findings [--zone account|organization] [--status S] [--rules FILE] [--compare] [--fail-on public|cross-account] | findings diff OLD NEW",
        arguments: [.choice(["diff"]), .path, .path],
        minArguments: 0,
        maxArguments: 3,
        options: [
            .value("zone", "ZONE", "zone of trust: account or organization (default: organization when loaded)", kind: .choice(["account", "organization"])),
            .value("status", "S", "active, archived, resolved or all; comma-separated (default active,archived)",
                   kind: .choice(["active", "archived", "resolved", "all"])),
            .value("rules", "FILE", "archive rules (Access Analyzer filter form)", kind: .path),
            .value("state", "FILE", "the findings state file (default: .iamsh-findings-state.json beside the snapshot)", kind: .path),
            .flag("compare", "line up with the collected Access Analyzer findings"),
            .value("fail-on", "KIND", "fail when active findings of this kind exist", kind: .choice(["public", "cross-account"])),
            .flag("public", "only public findings"),
        ],
        details: """
        One finding per resource, external principal and set of conditions: which principals outside
        the zone of trust (the account, or the organization when Organizations data is loaded) can
        reach S3 buckets, KMS keys, role trust policies, Lambda functions and layers, SQS queues, SNS
        topics, Secrets Manager secrets, ECR repositories and other resource policies, with which
        actions and access levels, under which conditions. Conditions that confine access to the zone
        (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:PrincipalArn of your own…)
        remove it; narrowing ones (aws:SourceIp, aws:SourceVpce, sts:ExternalId…) are shown. AWS
        service principals are never findings.
        IDs are stable: the same access in a later snapshot has the same ID. First-seen dates,
        resolved findings and archive/unarchive decisions live in .iamsh-findings-state.json beside
        the snapshot (--state FILE to choose it); the file is created by the first archive or
        unarchive, or by --state, and kept up to date by every run after that. Each run also fills
        the iamsh rows of the findings table, next to the collected Access Analyzer rows.
        Archive rules file: {"rules": [{"name": "…", "filter": {"principal.AWS": {"eq": ["444455556666"]},
        "isPublic": {"eq": ["false"]}, "condition.aws:SourceIp": {"exists": true}}}]} with eq, neq,
        contains, exists on resource, resourceType, resourceOwnerAccount, isPublic, principal.AWS,
        principal.Federated, principal.CanonicalUser, condition.<key>, action, accessLevel, principalType.
        findings diff OLD NEW loads two snapshots apart and lists new, changed and resolved findings.
        --fail-on public (or cross-account, which counts public ones too) fails the command — exit 1
        in -c and scripts — when such active findings remain.
        """)

    static let columns = ["id", "resource", "resource_type", "account", "principal", "principal_type", "actions",
                          "access_levels", "conditions", "is_public", "kind", "status", "first_seen", "granted_by"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        if let first = args[0] {
            guard first.lowercased() == "diff" else {
                throw ShellError.usage("findings: unexpected argument \"\(first)\"; did you mean findings diff OLD NEW?")
            }
            guard args.positional.count == 3 else { throw ShellError.usage("usage: findings diff OLD NEW") }
            return try diff(old: args.positional[1], new: args.positional[2], args: args, in: session)
        }
        if args.has("compare") && (args.has("status") || args.has("fail-on")) {
            throw ShellError.usage("findings: --compare cannot be combined with --status or --fail-on")
        }
        let workspace = try FindingsWorkspace(session: session, args: args)
        let outcome = try workspace.run()
        if args.has("compare") {
            let rows = FindingsComparison.compare(ours: outcome.findings, collected: session.snapshot.findings)
            return .table(Self.comparisonTable(rows))
        }
        let statuses = try Self.statuses(args.value("status"))
        var shown = outcome.findings.filter { statuses.contains($0.status) }
        if args.has("public") { shown = shown.filter(\.isPublic) }
        var result = CommandResult.table(Self.table(shown))
        if let failOn = args.value("fail-on") {
            guard let gate = FindingsGate.FailOn(rawValue: failOn.lowercased()) else {
                throw ShellError.usage("findings: --fail-on expects public or cross-account, got \"\(failOn)\"")
            }
            let violations = FindingsGate.violations(outcome.findings, failOn: gate)
            if !violations.isEmpty {
                session.warn("findings: \(violations.count) active \(gate == .public ? "public" : "external") finding(s)")
                result.failed = true
            }
        }
        return result
    }

    static func statuses(_ text: String?) throws -> Set<ExternalAccessFinding.Status> {
        guard let text else { return [.active, .archived] }
        var out = Set<ExternalAccessFinding.Status>()
        for part in text.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part == "all" { return Set(ExternalAccessFinding.Status.allCases) }
            guard let s = ExternalAccessFinding.Status(rawValue: part) else {
                throw ShellError.usage("findings: --status expects active, archived, resolved or all, got \"\(part)\"")
            }
            out.insert(s)
        }
        return out
    }

    static func table(_ findings: [ExternalAccessFinding]) -> ResultTable {
        var t = ResultTable(columns: columns)
        for f in findings {
            t.append([.text(f.id), .text(f.resource), .text(f.resourceType), .text(f.account), .text(f.principal),
                      .text(f.principalType), .list(f.actions), .list(f.accessLevels),
                      f.conditions.isEmpty ? .null : .text(f.conditionsText), .bool(f.isPublic), .text(f.kind),
                      .text(f.status.rawValue), .text(f.firstSeen.map(Timestamp.format)), .list(f.grantedBy)])
        }
        return t
    }

    static func comparisonTable(_ rows: [FindingsComparison.Row]) -> ResultTable {
        var t = ResultTable(columns: ["match", "resource", "principal", "iamsh_public", "analyzer_public", "only_iamsh",
                                      "only_analyzer", "iamsh_ids", "analyzer_ids", "details"])
        for r in rows {
            t.append([.text(r.match.rawValue), .text(r.resource), .text(r.principal), r.iamshPublic.map(Cell.bool) ?? .null,
                      r.analyzerPublic.map(Cell.bool) ?? .null, .list(r.onlyIamsh), .list(r.onlyAnalyzer), .list(r.iamshIds),
                      .list(r.analyzerIds), .text(r.details)])
        }
        return t
    }

    // MARK: diff

    func diff(old: String, new: String, args: Arguments, in session: Session) throws -> CommandResult {
        let zone = try FindingsWorkspace.zone(args.value("zone"))
        var sides: [[ExternalAccessFinding]] = []
        for path in [old, new] {
            let expanded = DotCommands.expandPath(path)
            guard FileManager.default.fileExists(atPath: expanded) else { throw ShellError.failed("findings diff: \(path) does not exist") }
            // Each snapshot in a store of its own: the shell's loaded data stays as it is.
            let store = try Store(now: session.now)
            let report = store.load(paths: [expanded])
            for d in report.diagnostics { session.warn(d.description) }
            if report.hasErrors && store.snapshot.accountIds.isEmpty {
                throw ShellError.failed("findings diff: nothing could be loaded from \(path)")
            }
            try session.checkInterrupted()
            let analyzer = ExternalAccessAnalyzer(snapshot: store.snapshot, catalog: session.catalog,
                                                  options: ExternalAccessOptions(zone: zone, publicAccessBlocks: PublicAccessBlocks(snapshot: store.snapshot)))
            sides.append(analyzer.analyze().findings)
        }
        let rows = FindingsDiff.compare(old: sides[0], new: sides[1])
        var t = ResultTable(columns: ["change", "id", "previous_id", "resource", "principal", "is_public", "kind", "actions",
                                      "conditions", "details"])
        for r in rows {
            let f = r.finding
            t.append([.text(r.change.rawValue), .text(f.id), .text(r.previous?.id), .text(f.resource), .text(f.principal),
                      .bool(f.isPublic), .text(f.kind), .list(f.actions), f.conditions.isEmpty ? .null : .text(f.conditionsText),
                      .text(r.details)])
        }
        return .table(t)
    }
}

/// What the findings commands share: the analysis of the loaded snapshot (once per load and zone),
/// the state file beside the snapshot, archive rules, and the iamsh rows of the `findings` table.
struct FindingsWorkspace {
    let session: Session
    let zone: ZoneOfTrust.Kind?
    let rulesPath: String?
    let statePath: String?
    /// `--state FILE` was given: the file is written even if it does not exist yet.
    let stateExplicit: Bool

    init(session: Session, args: Arguments) throws {
        self.session = session
        zone = try Self.zone(args.value("zone"))
        rulesPath = args.value("rules").map(DotCommands.expandPath)
        statePath = try Self.statePath(session: session, explicit: args.value("state"))
        stateExplicit = args.has("state")
    }

    static func zone(_ text: String?) throws -> ZoneOfTrust.Kind? {
        guard let text else { return nil }
        guard let z = ZoneOfTrust.Kind(rawValue: text.lowercased()) else {
            throw ShellError.usage("--zone expects account or organization, got \"\(text)\"")
        }
        return z
    }

    /// The analysis of the loaded snapshot, computed once per load and zone.
    func report() -> ExternalAccessReport {
        let key = "findings.report.\(zone?.rawValue ?? "default")"
        let session = self.session
        let zone = self.zone
        return session.cached(key) {
            let r = ExternalAccessAnalyzer(snapshot: session.snapshot, catalog: session.catalog,
                                           options: ExternalAccessOptions(zone: zone, publicAccessBlocks: PublicAccessBlocks(snapshot: session.snapshot))).analyze()
            let z = r.zone
            let zoneText = z.kind == .organization
                ? "organization \(z.organizationId ?? "") (\(z.organizationAccounts.count) accounts)" : "each resource's account"
            session.notice("findings: \(r.resourcesAnalyzed) resource and trust policies analysed; zone of trust: \(zoneText)")
            for n in r.notes { session.notice("findings: note: \(n)") }
            return r
        }
    }

    /// The findings with their lifecycle applied; saves the state and refreshes the table rows.
    func run() throws -> FindingsLifecycle.Outcome {
        let report = self.report()
        if session.catalog.isEmpty {
            session.warn("findings: the action catalog is not loaded; actions are shown as written and access levels are Unknown")
        }
        let rules = try rulesPath.map { path -> [ArchiveRule] in
            try ArchiveRules.parse(text: try Self.read(path, what: "archive rules file"), file: path)
        } ?? []
        let state = try loadState()
        let outcome = FindingsLifecycle.apply(current: report.findings, state: state, rules: rules, now: session.now,
                                              zone: report.zone.kind.rawValue)
        // Tracking starts once the state file exists (the first archive/unarchive, or --state):
        // a plain look at a snapshot, such as the bundled demo, leaves its folder untouched.
        if outcome.state != state, stateExplicit || statePath.map({ FileManager.default.fileExists(atPath: $0) }) == true {
            save(outcome.state)
        }
        fillTable(outcome.findings)
        return outcome
    }

    func loadState() throws -> FindingsState {
        guard let path = statePath, FileManager.default.fileExists(atPath: path) else { return FindingsState() }
        return try FindingsState.parse(text: try Self.read(path, what: "findings state file"), file: path)
    }

    func save(_ state: FindingsState) {
        guard let path = statePath else { return }
        do {
            try state.text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            session.warn("findings: could not write \(path) (\(error.localizedDescription)); first-seen dates and decisions are not kept")
        }
    }

    func saveOrFail(_ state: FindingsState) throws {
        guard let path = statePath else {
            throw ShellError.failed("the snapshot folder is not known; pass --state FILE to keep archive decisions")
        }
        do {
            try state.text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ShellError.failed("could not write \(path): \(error.localizedDescription)")
        }
    }

    static func read(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShellError.failed("cannot read the \(what) \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw ShellError.failed("\(path): the \(what) is not UTF-8 text") }
        return text
    }

    /// `--state FILE`, else `.iamsh-findings-state.json` in the snapshot folder: the folder that holds
    /// `accounts/` (or `manifest.json`) above the loaded files, else their common folder. Nil when
    /// no loaded file tells where the snapshot is.
    static func statePath(session: Session, explicit: String?) throws -> String? {
        if let e = explicit { return DotCommands.expandPath(e) }
        return FindingsStateLocation.defaultPath(for: session.snapshot)
    }

    /// Replaces the iamsh rows of the `findings` table (the Access Analyzer rows stay).
    func fillTable(_ findings: [ExternalAccessFinding]) {
        do {
            try session.store.replaceFindings(source: "iamsh", with: findings.map { $0.asFinding(analyzedAt: session.now) })
        } catch {
            session.warn("findings: the findings table could not be updated (\(error))")
        }
    }
}
