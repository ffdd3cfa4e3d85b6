import Foundation
import IAMAnalysis
import IAMPolicy

/// A solver index being built on another thread. A load starts it while it fills the SQLite
/// tables, so that on two cores the first `can` or `who-can` after a load does not wait for the
/// index (0.5 s at 10,000 principals); anyone who needs it before it is ready waits.
final class PendingAuthorizer: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Authorizer?

    init(snapshot: Snapshot, catalog: ActionCatalog, now: Date) {
        Thread.detachNewThread { [self] in
            let a = Authorizer(snapshot: snapshot, catalog: catalog, now: now)
            condition.lock()
            result = a
            condition.broadcast()
            condition.unlock()
        }
    }

    init(ready: Authorizer) { result = ready }

    /// The index, once built.
    var value: Authorizer {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
