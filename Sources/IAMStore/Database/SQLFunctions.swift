import CSQLite
import Foundation
import IAMAnalysis
import IAMPolicy

/// The SQL functions iamsh adds to SQLite: `days_since`, `arn_account`, `arn_resource`,
/// `arn_service`, `iam_match`, and the solver hooks `can(principal, action, resource)` and the
/// table-valued `who_can(action, resource)` (see WhoCanTable.swift). The functions reach the
/// store through a context object the database keeps alive as long as the connection.
final class SQLFunctions {
    weak var store: Store?
    /// The module struct SQLite keeps a pointer to; freed after the connection closes.
    let module: UnsafeMutablePointer<sqlite3_module>

    init(store: Store) {
        self.store = store
        module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        module.initialize(to: WhoCanTable.module())
    }

    deinit {
        module.deinitialize(count: 1)
        module.deallocate()
    }

    func register(on db: Database) throws {
        db.retained.append(self)
        let me = Unmanaged.passUnretained(self).toOpaque()
        let deterministic = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        try check(db, sqlite3_create_function_v2(db.handle, "days_since", 1, SQLITE_UTF8, me, SQLFunctions.daysSince, nil, nil, nil))
        try check(db, sqlite3_create_function_v2(db.handle, "arn_account", 1, deterministic, nil, SQLFunctions.arnAccount, nil, nil, nil))
        try check(db, sqlite3_create_function_v2(db.handle, "arn_resource", 1, deterministic, nil, SQLFunctions.arnResource, nil, nil, nil))
        try check(db, sqlite3_create_function_v2(db.handle, "arn_service", 1, deterministic, nil, SQLFunctions.arnService, nil, nil, nil))
        try check(db, sqlite3_create_function_v2(db.handle, "iam_match", 2, deterministic, nil, SQLFunctions.iamMatch, nil, nil, nil))
        try check(db, sqlite3_create_function_v2(db.handle, "can", 3, SQLITE_UTF8, me, SQLFunctions.can, nil, nil, nil))
        try check(db, sqlite3_create_module_v2(db.handle, "who_can", module, me, nil))
    }

    private func check(_ db: Database, _ rc: Int32) throws {
        if rc != SQLITE_OK { throw SQLError(db.lastError) }
    }

    static func context(_ ctx: OpaquePointer?) -> SQLFunctions? {
        guard let p = sqlite3_user_data(ctx) else { return nil }
        return Unmanaged<SQLFunctions>.fromOpaque(p).takeUnretainedValue()
    }

    // MARK: Values

    static func text(_ argv: UnsafeMutablePointer<OpaquePointer?>?, _ i: Int) -> String? {
        guard let v = argv?[i], sqlite3_value_type(v) != SQLITE_NULL, let t = sqlite3_value_text(v) else { return nil }
        return String(cString: t)
    }

    static func result(_ ctx: OpaquePointer?, _ s: String?) {
        if let s { sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT) } else { sqlite3_result_null(ctx) }
    }

    static func fail(_ ctx: OpaquePointer?, _ message: String) {
        sqlite3_result_error(ctx, message, -1)
    }

    // MARK: Functions

    /// Whole days from the timestamp to the store's now, rounded down; NULL for NULL or non-timestamps.
    static let daysSince: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        guard let fns = context(ctx), let store = fns.store else { return fail(ctx, "days_since: the store is closed") }
        guard let v = argv?[0] else { return sqlite3_result_null(ctx) }
        let date: Date?
        switch sqlite3_value_type(v) {
        case SQLITE_INTEGER, SQLITE_FLOAT: date = InputDate.epoch(sqlite3_value_double(v))
        case SQLITE_TEXT: date = sqlite3_value_text(v).flatMap { InputDate.parse(String(cString: $0)) }
        default: date = nil
        }
        guard let date else { return sqlite3_result_null(ctx) }
        let days = (store.now.timeIntervalSince(date) / 86400).rounded(.down)
        guard days.isFinite, abs(days) < 1e15 else { return sqlite3_result_null(ctx) }
        sqlite3_result_int64(ctx, Int64(days))
    }

    static let arnAccount: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        result(ctx, text(argv, 0).flatMap(ARN.init)?.account)
    }

    static let arnResource: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        result(ctx, text(argv, 0).flatMap(ARN.init)?.resource)
    }

    static let arnService: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        result(ctx, text(argv, 0).flatMap(ARN.init)?.service)
    }

    /// IAM wildcard match: ARN rules for ARNs, case-insensitive for `service:Action`, exact case otherwise.
    static let iamMatch: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        guard let pattern = text(argv, 0), let value = text(argv, 1) else { return sqlite3_result_null(ctx) }
        sqlite3_result_int(ctx, IAMMatch.matches(pattern, value) ? 1 : 0)
    }

    /// `can(principal, action, resource)` → 'allow' | 'deny' | 'conditional'.
    static let can: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        guard let fns = context(ctx), let store = fns.store else { return fail(ctx, "can: the store is closed") }
        guard let who = text(argv, 0), let action = text(argv, 1), let resource = text(argv, 2) else {
            return sqlite3_result_null(ctx)
        }
        let principal: String
        do { principal = try store.principalArn(who) } catch { return fail(ctx, "can: \(error)") }
        let r = store.authorizer.can(principalArn: principal, action: action, resource: resource)
        result(ctx, r.decision.rawValue)
    }
}

/// The matching rule of `iam_match`.
enum IAMMatch {
    static func matches(_ pattern: String, _ value: String) -> Bool {
        if value.hasPrefix("arn:") { return ResourceMatcher.matches(pattern, value) == .yes }
        if isAction(value) { return Wildcard.matchesAction(pattern, value) }
        return Wildcard.matches(pattern, value)
    }

    /// `service:Action`: one colon, no slash, a lowercase service prefix.
    static func isAction(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !s.contains("/"), let svc = parts.first, !svc.isEmpty else { return false }
        return svc.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }
}

extension Store {
    /// The ARN of a principal named as the shell accepts it: an ARN (also of a role session or
    /// one not loaded), `user/NAME`, `role/NAME`, or a bare name unique among users and roles.
    public func principalArn(_ text: String) throws -> String {
        if text.hasPrefix("arn:") {
            if let e = try? snapshot.resolvePrincipal(text) { return e.arn }
            return text
        }
        return try snapshot.resolvePrincipal(text).arn
    }
}
