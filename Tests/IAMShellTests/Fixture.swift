import Foundation
import IAMPolicy
import IAMStore
@testable import IAMShell

/// A shell over an in-memory store with a small fictional account, driven with strings.
final class Harness {
    let out = StringSink()
    let err = StringSink()
    let info = StringSink()
    let engine: ShellEngine

    static let now = Timestamp.parse("2024-07-01T00:00:00Z") ?? Date(timeIntervalSince1970: 0)

    /// `catalog: false` points the store at an empty catalog folder, so the fixture's few actions are the whole catalog.
    init(setup: String = Fixture.sql, catalog: Bool = false) throws {
        let store = catalog ? try Store(now: Self.now) : try Store(now: Self.now, catalogDirectory: URL(fileURLWithPath: "/nonexistent-iamsh-catalog"))
        try store.database.execute(setup)
        engine = ShellEngine(store: store, io: ShellIO(out: out, err: err, info: info))
    }

    /// Runs a script and returns what it printed on stdout.
    @discardableResult
    func run(_ script: String, name: String = "test.iamsh") -> String {
        engine.runScript(script, name: name)
        return out.text
    }

    /// Runs one `-c` command and returns stdout.
    @discardableResult
    func command(_ text: String) -> String {
        engine.execute(text)
        return out.text
    }

    func reset() { out.clear(); err.clear(); info.clear() }
}

enum Fixture {
    /// Two users, a role, credential report rows and keys in account 111122223333.
    static let sql = """
    INSERT INTO accounts (account_id, name) VALUES ('111122223333', 'example-prod');
    INSERT INTO users (arn, name, user_id, path, account, create_date, groups) VALUES
      ('arn:aws:iam::111122223333:user/alice', 'alice', 'AIDAEXAMPLEALICE0001', '/', '111122223333', '2023-01-10T09:00:00Z', '["admins"]'),
      ('arn:aws:iam::111122223333:user/bob', 'bob', 'AIDAEXAMPLEBOB000001', '/', '111122223333', '2023-03-05T09:00:00Z', '[]'),
      ('arn:aws:iam::111122223333:user/ci-deployer', 'ci-deployer', 'AIDAEXAMPLECI0000001', '/', '111122223333', '2022-11-01T09:00:00Z', '[]');
    INSERT INTO roles (arn, name, role_id, path, account, create_date, last_used) VALUES
      ('arn:aws:iam::111122223333:role/deploy', 'deploy', 'AROAEXAMPLEDEPLOY001', '/', '111122223333', '2023-02-01T00:00:00Z', '2024-06-20T10:00:00Z');
    INSERT INTO access_keys (user_arn, user_name, account, slot, active, last_rotated, last_used) VALUES
      ('arn:aws:iam::111122223333:user/bob', 'bob', '111122223333', 1, 1, '2023-03-05T09:10:00Z', NULL),
      ('arn:aws:iam::111122223333:user/ci-deployer', 'ci-deployer', '111122223333', 1, 1, '2024-06-01T00:00:00Z', '2024-06-30T00:00:00Z');
    INSERT INTO actions (action, service, name, service_name, access_level, resource_types, condition_keys) VALUES
      ('s3:GetObject', 's3', 'GetObject', 'Amazon S3', 'Read', '[{"type":"object","required":true,"arn_pattern":"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}]', '["s3:ExistingObjectTag/${TagKey}"]'),
      ('s3:GetBucketPolicy', 's3', 'GetBucketPolicy', 'Amazon S3', 'Read', '[]', '[]'),
      ('s3:PutObject', 's3', 'PutObject', 'Amazon S3', 'Write', '[]', '[]'),
      ('iam:CreateAccessKey', 'iam', 'CreateAccessKey', 'AWS Identity and Access Management', 'Write', '[]', '[]');
    """
}
