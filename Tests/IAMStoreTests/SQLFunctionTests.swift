import Foundation
import Testing
@testable import IAMStore

@Suite struct SQLFunctionTests {
    @Test func daysSinceUsesTheStoresNow() throws {
        let s = try Fixtures.store()  // now = 2024-06-15T00:00:00Z
        #expect(try s.int("SELECT days_since('2024-06-05T00:00:00Z')") == 10)
        // Whole days rounded down, any timestamp form.
        #expect(try s.int("SELECT days_since('2024-06-05T12:00:00.5+00:00')") == 9)
        #expect(try s.int("SELECT days_since('2024-06-05')") == 10)
        #expect(try s.int("SELECT days_since(1717545600)") == 10)
        #expect(try s.scalar("SELECT days_since(NULL)") == nil)
        #expect(try s.scalar("SELECT days_since('N/A')") == nil)
        s.now = Date(timeIntervalSince1970: 1_718_409_600 + 86400)
        #expect(try s.int("SELECT days_since('2024-06-05T00:00:00Z')") == 11)
    }

    @Test func arnParts() throws {
        let s = try Fixtures.store()
        #expect(try s.scalar("SELECT arn_account('arn:aws:iam::111122223333:role/x')") == "111122223333")
        #expect(try s.scalar("SELECT arn_account('arn:aws:iam::aws:policy/AdministratorAccess')") == "aws")
        #expect(try s.scalar("SELECT arn_resource('arn:aws:sqs:us-east-1:111122223333:q')") == "q")
        #expect(try s.scalar("SELECT arn_resource('arn:aws:lambda:us-east-1:111122223333:function:f:1')") == "function:f:1")
        #expect(try s.scalar("SELECT arn_service('arn:aws:s3:::bucket')") == "s3")
        #expect(try s.scalar("SELECT arn_account('not an arn')") == nil)
    }

    @Test func iamMatch() throws {
        let s = try Fixtures.store()
        // Actions match case-insensitively (IAM action names are not case-sensitive).
        #expect(try s.int("SELECT iam_match('s3:get*', 'S3:GetObject')") == 1)
        #expect(try s.int("SELECT iam_match('s3:Put*', 's3:GetObject')") == 0)
        // Resources match case-sensitively.
        #expect(try s.int("SELECT iam_match('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b')") == 1)
        #expect(try s.int("SELECT iam_match('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a')") == 0)
        #expect(try s.int("SELECT iam_match('arn:aws:iam::*:role/app-?', 'arn:aws:iam::111122223333:role/app-1')") == 1)
        #expect(try s.scalar("SELECT iam_match(NULL, 'x')") == nil)
    }

    @Test func canResolvesNamesAndAnswersOneOfThreeWords() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot")])
        // alice is an administrator through the admins group; bob has only ec2:Describe* from his group.
        #expect(try s.scalar("SELECT can('alice', 'iam:CreateUser', '*')") == "allow")
        #expect(try s.scalar("SELECT can('user/bob', 'iam:CreateUser', '*')") == "deny")
        #expect(try s.scalar("SELECT can('arn:aws:iam::111122223333:user/alice', 's3:GetObject', 'arn:aws:s3:::example-data/x')") == "allow")
        #expect(throws: SQLError.self) { try s.run(sql: "SELECT can('nobody-by-that-name', 's3:GetObject', '*')") }
    }

    @Test func whoCanIsATableValuedFunction() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot")])
        let r = try #require(try s.run(sql: "SELECT * FROM who_can('s3:GetObject', 'arn:aws:s3:::example-data/x')").first)
        #expect(r.columns == ["principal", "principal_type", "account", "action", "decision", "reason", "conditions"])
        #expect(throws: SQLError.self) { try s.run(sql: "SELECT * FROM who_can") }
        // Usable in joins and aggregates: the two administrator users (alice through her group, carol directly).
        let admins = try s.run(sql: "SELECT u.name FROM who_can('iam:CreateUser', '*') w JOIN users u ON u.arn = w.principal WHERE w.decision = 'allow' ORDER BY 1")
        #expect(admins.first?.rows.compactMap { $0.first?.text } == ["alice", "carol"])
        #expect(try s.scalar("SELECT conditions FROM who_can('iam:CreateUser', '*') LIMIT 1") == "[]")
    }
}
