import Foundation
import IAMAnalysis
import IAMPolicy

/// The loaded state of a shell: the snapshot model (for the solver) and its SQLite mirror
/// (for SQL). A failed or partly bad load never loses what was loaded before.
public final class Store: @unchecked Sendable {
    public let database: Database
    public private(set) var snapshot = Snapshot()
    /// "Now" for days_since(), unused-access windows and aws:CurrentTime. Settable for reproducible audits.
    public var now: Date {
        didSet { invalidateAuthorizer() }
    }
    /// The action catalog (Datasets/catalog), empty when it could not be found.
    public private(set) var catalog: ActionCatalog = .empty
    /// Why the catalog is missing or partial, if it is (for the shell to print once).
    public private(set) var catalogWarnings: [String] = []

    private let lock = NSLock()
    private var cachedAuthorizer: Authorizer?
    private var functions: SQLFunctions?

    /// Opens an empty store. The action catalog is read from `catalogDirectory`, else from the
    /// repository's `Datasets/catalog` (see `DatasetLocator`); a missing catalog is a warning.
    public init(now: Date = Date(), catalogDirectory: URL? = nil) throws {
        self.now = now
        database = try Database()
        // Larger pages: fewer allocations when a load fills hundreds of megabytes of rows.
        try database.execute("PRAGMA page_size=16384;")
        try database.execute(Schema.createSQL)
        let fns = SQLFunctions(store: self)
        try fns.register(on: database)
        functions = fns
        if let dir = catalogDirectory ?? DatasetLocator.catalogDirectory() {
            try loadCatalog(from: dir)
        } else {
            catalogWarnings.append("the action catalog (Datasets/catalog) was not found; set IAMSH_DATASETS to the Datasets folder")
        }
    }

    /// Reads the action catalog TSV files and fills the `actions` table.
    public func loadCatalog(from directory: URL) throws {
        let (cat, warnings) = CatalogFiles.read(directory: directory)
        catalogWarnings = warnings
        try database.transaction {
            try database.execute("DELETE FROM actions")
            try CatalogFiles.fillActionsTable(cat, database: database)
        }
        catalog = cat
        invalidateAuthorizer()
    }

    /// The permission solver over the loaded snapshot, built on first use after each load.
    public var authorizer: Authorizer {
        lock.lock()
        defer { lock.unlock() }
        if let a = cachedAuthorizer { return a }
        let a = Authorizer(snapshot: snapshot, catalog: catalog, now: now)
        cachedAuthorizer = a
        return a
    }

    private func invalidateAuthorizer() {
        lock.lock()
        cachedAuthorizer = nil
        lock.unlock()
    }

    /// Loads files or folders (snapshot folders, loose files, single files) and merges them in.
    /// What parsed is merged into `snapshot` and the tables are rebuilt from the merged model in
    /// one transaction; if that fails, the previous snapshot and tables stay.
    public func load(paths: [String], progress: (@Sendable (LoadProgress) -> Void)? = nil) -> LoadReport {
        let start = Date()
        let result = SnapshotLoader.load(paths: paths, existing: snapshot, progress: progress)
        var report = result.report
        var merged = snapshot
        // Reloading a snapshot replaces its manifest entries instead of listing them twice.
        let steps = Set(result.snapshot.collectionSteps.map { "\($0.account ?? "")#\($0.command)" })
        merged.collectionSteps.removeAll { steps.contains("\($0.account ?? "")#\($0.command)") }
        merged.merge(result.snapshot)
        progress?(LoadProgress(filesDone: report.counts.files, filesTotal: report.counts.files, currentFile: "", stage: "building tables"))
        // The external access analysis reads only the merged model: it runs on the other core while
        // this one fills the tables.
        let analysis = ExternalAccessRun(snapshot: merged, catalog: catalog)
        do {
            try rebuildTables(from: merged)
            snapshot = merged
            invalidateAuthorizer()
            refreshComputedFindings(report: &report, analysis: analysis.result())
        } catch {
            _ = analysis.result()
            report.diagnostics.append(LoadDiagnostic(
                file: paths.joined(separator: " "), message: "the database could not be updated (\(error)); the previous data is kept"))
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Replaces the loaded snapshot (for tests and tools that build a model directly).
    public func replaceSnapshot(_ new: Snapshot) throws {
        var s = new
        s.reindex()
        try rebuildTables(from: s)
        snapshot = s
        invalidateAuthorizer()
    }

    /// Replaces the findings of one source (`iamsh` for computed ones) in the snapshot and the
    /// `findings` table, leaving the others (Access Analyzer's) as they are. Later loads keep them.
    public func replaceFindings(source: String, with findings: [Finding]) throws {
        let rows = findings.map { f -> Finding in
            var f = f
            f.source = source
            return f
        }
        try database.transaction {
            _ = try database.query("DELETE FROM findings WHERE source = ?", [.text(source)])
            try TableWriter(db: database).writeFindings(rows)
        }
        snapshot.findings.removeAll { $0.source == source }
        snapshot.findings += rows
    }

    /// Replaces the rows of the `edges` table (the shell fills it on first use after a load:
    /// building every edge costs seconds on large accounts, so a load does not pay for it).
    public func replaceEdges(_ rows: [[SQLValue]]) throws {
        try database.transaction {
            try database.execute("DELETE FROM edges")
            try database.insertMany("INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)", rows)
        }
    }

    /// The external access analysis of the last load (default zone of trust, collected S3 Block
    /// Public Access settings honoured), nil before the first load.
    public private(set) var lastExternalAccess: ExternalAccessReport?

    /// Computes iamsh's external access findings of the loaded snapshot and writes them as the
    /// `iamsh` rows of `findings`, so that saved queries see them right after a load. Statuses and
    /// first-seen dates come from the findings state file beside the snapshot, when there is one;
    /// the file is only read here (the `findings` command keeps it up to date).
    func refreshComputedFindings(report: inout LoadReport, analysis computed: (report: ExternalAccessReport, seconds: Double)) {
        let start = Date()
        defer { report.findingsSeconds = computed.seconds + Date().timeIntervalSince(start) }
        let analysis = computed.report
        var state = FindingsState()
        if let path = FindingsStateLocation.defaultPath(for: snapshot), FileManager.default.fileExists(atPath: path) {
            do {
                state = try FindingsState.parse(text: try String(contentsOfFile: path, encoding: .utf8), file: path)
            } catch {
                report.diagnostics.append(LoadDiagnostic(
                    file: path, message: "the findings state file was not used (\(error)); findings are shown as new and active", severity: .warning))
            }
        }
        let outcome = FindingsLifecycle.apply(current: analysis.findings, state: state, rules: [], now: now,
                                              zone: analysis.zone.kind.rawValue)
        do {
            try replaceFindings(source: "iamsh", with: outcome.findings.map { $0.asFinding(analyzedAt: now) })
            lastExternalAccess = analysis
        } catch {
            report.diagnostics.append(LoadDiagnostic(
                file: "findings", message: "the computed findings could not be written (\(error)); run findings to retry", severity: .warning))
        }
    }

    /// The external access analysis of a snapshot, computed on another thread.
    private final class ExternalAccessRun: @unchecked Sendable {
        private let group = DispatchGroup()
        private var value: (report: ExternalAccessReport, seconds: Double)?

        init(snapshot: Snapshot, catalog: ActionCatalog) {
            DispatchQueue.global().async(group: group) { [self] in
                let start = Date()
                let options = ExternalAccessOptions(publicAccessBlocks: PublicAccessBlocks(snapshot: snapshot))
                let report = ExternalAccessAnalyzer(snapshot: snapshot, catalog: catalog, options: options).analyze()
                value = (report, Date().timeIntervalSince(start))
            }
        }

        /// Waits for the analysis.
        func result() -> (report: ExternalAccessReport, seconds: Double) {
            group.wait()
            return value!
        }
    }

    /// Forgets everything loaded (the action catalog stays).
    public func clear() throws {
        try replaceSnapshot(Snapshot())
    }

    private func rebuildTables(from s: Snapshot) throws {
        try database.transaction {
            let writer = TableWriter(db: database)
            try writer.clear()
            try writer.write(s)
            try writer.createIndexes()
        }
    }

    /// Runs SQL (one or more statements); returns the result of each statement that returns rows.
    public func run(sql: String) throws -> [QueryResult] { try database.run(sql) }

    /// Table and view names, for `.tables` and completion.
    public func tableNames() throws -> [String] {
        try database.query("SELECT name FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .rows.compactMap { $0.first?.text }
    }

    /// Column names of a table, for completion.
    public func columnNames(of table: String) throws -> [String] {
        try database.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).rows.compactMap { $0.first?.text }
    }

    /// The CREATE statements, for `.schema`.
    public func schemaSQL(table: String? = nil) throws -> String {
        let r: QueryResult
        if let table {
            r = try database.query("SELECT sql FROM sqlite_schema WHERE name = ? AND sql IS NOT NULL", [.text(table)])
        } else {
            // Tables in the documented order, then views, then indexes.
            r = try database.query("""
                SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 ELSE 2 END, rowid
                """)
        }
        return r.rows.compactMap { $0.first?.text.map { $0 + ";" } }.joined(separator: "\n")
    }

    /// Interrupts a running statement (Ctrl-C).
    public func interrupt() { database.interrupt() }
}
