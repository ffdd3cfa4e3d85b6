import CSQLite
import Foundation

/// A thin owner of one SQLite connection (in memory by default). All SQLite C calls of the
/// project go through this file and `SQLFunctions.swift`.
public final class Database: @unchecked Sendable {
    let handle: OpaquePointer
    /// Objects SQLite callbacks point to (function contexts, virtual-table modules): kept alive
    /// until the connection is closed in `deinit`.
    var retained: [AnyObject] = []

    public init(path: String = ":memory:") throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close(db) }
            throw SQLError(msg)
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &err) != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? lastError
            sqlite3_free(err)
            throw SQLError(msg, sql: sql)
        }
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs a single statement with bound parameters and returns its rows.
    public func query(_ sql: String, _ params: [SQLValue] = []) throws -> QueryResult {
        let stmt = try prepare(sql)
        defer { sqlite3_finalize(stmt) }
        try bind(stmt, params)
        return try collect(stmt)
    }

    /// Runs every statement of `sql` in turn and returns the rows of the last one that has columns
    /// (sqlite3's behaviour for `SELECT 1; SELECT 2;`), or all results when `all` is set.
    public func run(_ sql: String) throws -> [QueryResult] {
        var results: [QueryResult] = []
        var rest = Array(sql.utf8CString)
        try rest.withUnsafeMutableBufferPointer { buf in
            var tail: UnsafePointer<CChar>? = UnsafePointer(buf.baseAddress!)
            while let cur = tail, cur.pointee != 0 {
                var stmt: OpaquePointer?
                var next: UnsafePointer<CChar>?
                guard sqlite3_prepare_v2(handle, cur, -1, &stmt, &next) == SQLITE_OK else {
                    throw SQLError(lastError, sql: sql)
                }
                tail = next
                guard let stmt else { continue }  // whitespace or comment only
                defer { sqlite3_finalize(stmt) }
                let r = try collect(stmt)
                if !r.columns.isEmpty { results.append(r) }
            }
        }
        return results
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw SQLError(lastError, sql: sql)
        }
        return stmt
    }

    func bind(_ stmt: OpaquePointer, _ params: [SQLValue]) throws {
        for (i, p) in params.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch p {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case .integer(let v): rc = sqlite3_bind_int64(stmt, idx, v)
            case .real(let v): rc = sqlite3_bind_double(stmt, idx, v)
            case .text(let s): rc = sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT)
            case .blob(let b): rc = b.withUnsafeBytes { sqlite3_bind_blob(stmt, idx, $0.baseAddress, Int32(b.count), SQLITE_TRANSIENT) }
            }
            if rc != SQLITE_OK { throw SQLError(lastError) }
        }
    }

    func collect(_ stmt: OpaquePointer) throws -> QueryResult {
        let n = sqlite3_column_count(stmt)
        let columns = (0..<n).map { String(cString: sqlite3_column_name(stmt, $0)) }
        var rows: [[SQLValue]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw SQLError(lastError) }
            var row: [SQLValue] = []
            row.reserveCapacity(Int(n))
            for c in 0..<n { row.append(Database.columnValue(stmt, c)) }
            rows.append(row)
        }
        return QueryResult(columns: columns, rows: rows)
    }

    static func columnValue(_ stmt: OpaquePointer, _ c: Int32) -> SQLValue {
        switch sqlite3_column_type(stmt, c) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, c))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, c))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(stmt, c)))
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(stmt, c))
            guard n > 0, let p = sqlite3_column_blob(stmt, c) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }

    /// Inserts many rows with one prepared statement inside the caller's transaction.
    public func insertMany(_ sql: String, _ rows: [[SQLValue]]) throws {
        let stmt = try prepare(sql)
        defer { sqlite3_finalize(stmt) }
        for r in rows {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            try bind(stmt, r)
            let rc = sqlite3_step(stmt)
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw SQLError(lastError, sql: sql) }
        }
    }

    /// Runs `body` in a transaction; rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let r = try body()
            try execute("COMMIT")
            return r
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Makes a running statement return SQLITE_INTERRUPT (Ctrl-C). Safe to call from another thread.
    public func interrupt() { sqlite3_interrupt(handle) }

    /// True when `sql` is one or more complete statements (ends with `;` outside strings and comments).
    public static func isComplete(_ sql: String) -> Bool { sqlite3_complete(sql) != 0 }
}

// SQLITE_TRANSIENT is a macro the importer cannot see.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement reused for many rows: bind by position, step, reset. Avoids building
/// an array of values per row when filling tables with hundreds of thousands of rows.
public final class PreparedStatement {
    let db: Database
    let stmt: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        self.sql = sql
        stmt = try db.prepare(sql)
    }

    deinit { sqlite3_finalize(stmt) }

    public func bind(_ i: Int32, _ s: String?) {
        if let s { sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT) } else { sqlite3_bind_null(stmt, i) }
    }
    /// Binds UTF-8 bytes as text (JSON built in a scratch buffer, without making a String).
    public func bind(_ i: Int32, utf8 bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            _ = sqlite3_bind_text(stmt, i, UnsafeRawPointer(b.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
                                  Int32(b.count), SQLITE_TRANSIENT)
        }
    }
    public func bind(_ i: Int32, _ v: Int?) {
        if let v { sqlite3_bind_int64(stmt, i, Int64(v)) } else { sqlite3_bind_null(stmt, i) }
    }
    public func bind(_ i: Int32, _ v: Double?) {
        if let v { sqlite3_bind_double(stmt, i, v) } else { sqlite3_bind_null(stmt, i) }
    }
    public func bind(_ i: Int32, _ b: Bool?) {
        if let b { sqlite3_bind_int64(stmt, i, b ? 1 : 0) } else { sqlite3_bind_null(stmt, i) }
    }

    /// Runs the statement with the current bindings, then resets it for the next row.
    public func step() throws {
        let rc = sqlite3_step(stmt)
        sqlite3_reset(stmt)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw SQLError(db.lastError, sql: sql) }
    }
}

extension Database {
    public func prepared(_ sql: String) throws -> PreparedStatement { try PreparedStatement(self, sql) }
}
