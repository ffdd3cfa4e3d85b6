import CSQLite
import Foundation
import IAMAnalysis
import IAMPolicy

/// The eponymous-only table-valued function `who_can(action, resource)`:
/// `SELECT principal, decision FROM who_can('s3:GetObject', 'arn:aws:s3:::bucket/key')`.
/// Columns: principal, principal_type, account, action, decision, reason, conditions (JSON array);
/// the arguments are the hidden columns action_arg and resource_arg. Rows come from
/// `Authorizer.whoCan`.
enum WhoCanTable {
    static let columns = ["principal", "principal_type", "account", "action", "decision", "reason", "conditions"]
    static let actionArg: Int32 = 7
    static let resourceArg: Int32 = 8

    /// A cursor's rows, owned by the raw cursor memory through an Unmanaged reference.
    final class Cursor {
        var rows: [WhoCanRow] = []
        var index = 0
    }

    // Raw layouts: the SQLite struct first, then one pointer of ours after it.
    static let vtabSize = MemoryLayout<sqlite3_vtab>.stride + MemoryLayout<UnsafeMutableRawPointer>.stride
    static let cursorSize = MemoryLayout<sqlite3_vtab_cursor>.stride + MemoryLayout<UnsafeMutableRawPointer>.stride

    static func contextOf(_ vtab: UnsafeMutablePointer<sqlite3_vtab>) -> SQLFunctions? {
        let raw = UnsafeMutableRawPointer(vtab).advanced(by: MemoryLayout<sqlite3_vtab>.stride)
        guard let p = raw.load(as: UnsafeMutableRawPointer?.self) else { return nil }
        return Unmanaged<SQLFunctions>.fromOpaque(p).takeUnretainedValue()
    }

    static func cursorOf(_ cur: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> Cursor {
        let raw = UnsafeMutableRawPointer(cur).advanced(by: MemoryLayout<sqlite3_vtab_cursor>.stride)
        return Unmanaged<Cursor>.fromOpaque(raw.load(as: UnsafeMutableRawPointer.self)).takeUnretainedValue()
    }

    /// Sets the error message SQLite shows for a failed xFilter (must be sqlite3_malloc'ed).
    static func setError(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ message: String) {
        guard let vtab else { return }
        if let old = vtab.pointee.zErrMsg { sqlite3_free(old) }
        let bytes = Array(message.utf8) + [0]
        guard let buf = sqlite3_malloc(Int32(bytes.count))?.assumingMemoryBound(to: CChar.self) else { return }
        bytes.withUnsafeBufferPointer { src in
            for (i, b) in src.enumerated() { buf[i] = CChar(bitPattern: b) }
        }
        vtab.pointee.zErrMsg = buf
    }

    static func module() -> sqlite3_module {
        var m = sqlite3_module()
        m.iVersion = 0
        m.xCreate = nil  // eponymous-only: no CREATE VIRTUAL TABLE
        m.xConnect = { db, pAux, _, _, ppVTab, _ in
            let rc = sqlite3_declare_vtab(db, "CREATE TABLE x(principal TEXT, principal_type TEXT, account TEXT, action TEXT, "
                + "decision TEXT, reason TEXT, conditions TEXT, action_arg HIDDEN, resource_arg HIDDEN)")
            guard rc == SQLITE_OK else { return rc }
            let raw = UnsafeMutableRawPointer.allocate(byteCount: WhoCanTable.vtabSize, alignment: 8)
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: WhoCanTable.vtabSize)
            raw.advanced(by: MemoryLayout<sqlite3_vtab>.stride).storeBytes(of: pAux, as: UnsafeMutableRawPointer?.self)
            ppVTab?.pointee = raw.assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }
        m.xDisconnect = { vtab in
            if let vtab {
                if let msg = vtab.pointee.zErrMsg { sqlite3_free(msg) }
                UnsafeMutableRawPointer(vtab).deallocate()
            }
            return SQLITE_OK
        }
        m.xBestIndex = { _, info in
            guard let info else { return SQLITE_ERROR }
            var mask: Int32 = 0
            var slots: [Int32: Int] = [:]
            for i in 0..<Int(info.pointee.nConstraint) {
                let c = info.pointee.aConstraint[i]
                guard c.usable != 0, c.op == UInt8(SQLITE_INDEX_CONSTRAINT_EQ) else { continue }
                if c.iColumn == WhoCanTable.actionArg { slots[1] = i; mask |= 1 }
                if c.iColumn == WhoCanTable.resourceArg { slots[2] = i; mask |= 2 }
            }
            for (argv, i) in slots {
                info.pointee.aConstraintUsage[i].argvIndex = argv == 1 ? 1 : (mask & 1 != 0 ? 2 : 1)
                info.pointee.aConstraintUsage[i].omit = 1
            }
            info.pointee.idxNum = mask
            info.pointee.estimatedCost = mask == 3 ? 1000 : 1e12
            info.pointee.estimatedRows = mask == 3 ? 100 : 1_000_000
            return SQLITE_OK
        }
        m.xOpen = { _, ppCursor in
            let raw = UnsafeMutableRawPointer.allocate(byteCount: WhoCanTable.cursorSize, alignment: 8)
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: WhoCanTable.cursorSize)
            let cursor = Unmanaged.passRetained(Cursor()).toOpaque()
            raw.advanced(by: MemoryLayout<sqlite3_vtab_cursor>.stride).storeBytes(of: cursor, as: UnsafeMutableRawPointer.self)
            ppCursor?.pointee = raw.assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        m.xClose = { cur in
            guard let cur else { return SQLITE_OK }
            let raw = UnsafeMutableRawPointer(cur)
            Unmanaged<Cursor>.fromOpaque(raw.advanced(by: MemoryLayout<sqlite3_vtab_cursor>.stride).load(as: UnsafeMutableRawPointer.self)).release()
            raw.deallocate()
            return SQLITE_OK
        }
        m.xFilter = { cur, idxNum, _, argc, argv in
            guard let cur else { return SQLITE_ERROR }
            let vtab = cur.pointee.pVtab
            guard idxNum == 3, argc == 2 else {
                WhoCanTable.setError(vtab, "who_can needs two arguments: who_can('service:Action', 'resource ARN or *')")
                return SQLITE_ERROR
            }
            guard let vtab, let fns = WhoCanTable.contextOf(vtab), let store = fns.store else {
                WhoCanTable.setError(vtab, "who_can: the store is closed")
                return SQLITE_ERROR
            }
            guard let action = SQLFunctions.text(argv, 0), let resource = SQLFunctions.text(argv, 1) else {
                WhoCanTable.setError(vtab, "who_can: the action and resource must not be NULL")
                return SQLITE_ERROR
            }
            let c = WhoCanTable.cursorOf(cur)
            c.rows = store.authorizer.whoCan(action: action, resource: resource)
            c.index = 0
            return SQLITE_OK
        }
        m.xNext = { cur in
            guard let cur else { return SQLITE_ERROR }
            WhoCanTable.cursorOf(cur).index += 1
            return SQLITE_OK
        }
        m.xEof = { cur in
            guard let cur else { return 1 }
            let c = WhoCanTable.cursorOf(cur)
            return c.index >= c.rows.count ? 1 : 0
        }
        m.xColumn = { cur, ctx, col in
            guard let cur else { return SQLITE_ERROR }
            let c = WhoCanTable.cursorOf(cur)
            guard c.index < c.rows.count else { sqlite3_result_null(ctx); return SQLITE_OK }
            let r = c.rows[c.index]
            switch col {
            case 0: SQLFunctions.result(ctx, r.principal)
            case 1: SQLFunctions.result(ctx, r.principalType)
            case 2: SQLFunctions.result(ctx, r.account)
            case 3: SQLFunctions.result(ctx, r.action)
            case 4: SQLFunctions.result(ctx, r.decision.rawValue)
            case 5: SQLFunctions.result(ctx, r.reason)
            case 6: SQLFunctions.result(ctx, JSONText.array(r.conditions))
            default: sqlite3_result_null(ctx)
            }
            return SQLITE_OK
        }
        m.xRowid = { cur, rowid in
            guard let cur else { return SQLITE_ERROR }
            rowid?.pointee = Int64(WhoCanTable.cursorOf(cur).index)
            return SQLITE_OK
        }
        return m
    }
}
