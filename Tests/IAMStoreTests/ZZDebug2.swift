import Foundation
import Testing
@testable import IAMStore

@Test func zzCatalogTiming() throws {
    let dir = DatasetLocator.catalogDirectory()!
    var c0 = clock()
    let (cat, _) = CatalogFiles.parse(directory: dir)
    print("DIAG parse cpu", Double(clock() - c0) / Double(CLOCKS_PER_SEC), cat.actions.count)
    let db = try Database()
    try db.execute(Schema.createSQL)
    c0 = clock()
    try db.transaction { try CatalogFiles.fillActionsTable(cat, database: db) }
    c0 = clock()
    try db.transaction { try db.execute("DELETE FROM actions"); try CatalogFiles.fillActionsTable(cat, database: db) }
    print("DIAG fill2 cpu", Double(clock() - c0) / Double(CLOCKS_PER_SEC))
}
