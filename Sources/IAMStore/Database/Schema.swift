/// The SQLite schema: the public contract for people writing ad hoc SQL (documented table by
/// table in docs/schema.md). Conventions: one row per real thing; ARNs are keys; timestamps are
/// ISO 8601 UTC text `YYYY-MM-DDTHH:MM:SSZ`; booleans are 0/1; NULL means unknown or not
/// collected; lists are JSON arrays and maps JSON objects, so SQLite's JSON functions apply.
/// The comments inside each CREATE statement are kept by SQLite and printed by `.schema`.
public enum Schema {
    /// Tables in creation order (and in the order they are filled).
    public static let tables: [(name: String, sql: String)] = [
        ("accounts", """
        CREATE TABLE accounts (            -- one row per AWS account seen in any input
          account_id TEXT PRIMARY KEY,     -- 12 digits
          name TEXT,                       -- Organizations account name
          email TEXT,
          status TEXT,                     -- ACTIVE, SUSPENDED, … (Organizations)
          alias TEXT,                      -- first account alias
          aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of aliases
          caller_arn TEXT,                 -- identity that collected the snapshot (get-caller-identity)
          org_id TEXT,                     -- o-… when the account is in a loaded organization
          parent_id TEXT,                  -- root or OU id directly above the account
          org_path TEXT,                   -- aws:PrincipalOrgPaths form: o-x/r-x/ou-x/
          is_management INTEGER,           -- 1 for the organization's management account
          joined_time TEXT,
          password_policy_collected INTEGER NOT NULL DEFAULT 0,
          virtual_mfa_collected INTEGER NOT NULL DEFAULT 0,  -- 1: list-virtual-mfa-devices was loaded (virtual_mfa_devices is complete)
          server_certificates_collected INTEGER NOT NULL DEFAULT 0 -- 1: list-server-certificates was loaded
        )
        """),
        ("users", """
        CREATE TABLE users (               -- IAM users (get-account-authorization-details)
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          user_id TEXT,                    -- unique id, AIDA…
          path TEXT,
          account TEXT NOT NULL,
          create_date TEXT,
          groups TEXT NOT NULL DEFAULT '[]', -- JSON array of group names
          boundary_arn TEXT,               -- permissions boundary policy ARN
          tags TEXT NOT NULL DEFAULT '{}'  -- JSON object key -> value
        )
        """),
        ("groups", """
        CREATE TABLE groups (              -- IAM groups
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          group_id TEXT,                   -- AGPA…
          path TEXT,
          account TEXT NOT NULL,
          create_date TEXT,
          member_count INTEGER NOT NULL DEFAULT 0
        )
        """),
        ("group_members", """
        CREATE TABLE group_members (       -- one row per (group, user) membership
          group_arn TEXT NOT NULL,         -- a group named by a user but absent from the input gets its derived ARN
          user_arn TEXT NOT NULL,
          group_name TEXT NOT NULL,
          user_name TEXT NOT NULL,
          account TEXT NOT NULL,
          PRIMARY KEY (group_arn, user_arn)
        )
        """),
        ("roles", """
        CREATE TABLE roles (               -- IAM roles
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role_id TEXT,                    -- AROA…
          path TEXT,
          account TEXT NOT NULL,
          create_date TEXT,
          description TEXT,
          max_session_duration INTEGER,    -- seconds
          trust_policy TEXT,               -- JSON trust (assume-role) policy document
          boundary_arn TEXT,
          tags TEXT NOT NULL DEFAULT '{}',
          last_used TEXT,                  -- RoleLastUsed.LastUsedDate; NULL when never used in the tracking window
          last_used_region TEXT,
          is_service_linked INTEGER NOT NULL DEFAULT 0, -- path /aws-service-role/
          instance_profiles TEXT NOT NULL DEFAULT '[]'  -- JSON array of instance profile ARNs
        )
        """),
        ("instance_profiles", """
        CREATE TABLE instance_profiles (   -- EC2 instance profiles and the roles they carry
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          instance_profile_id TEXT,
          path TEXT,
          account TEXT NOT NULL,
          roles TEXT NOT NULL DEFAULT '[]' -- JSON array of role ARNs
        )
        """),
        ("policies", """
        CREATE TABLE policies (            -- managed policies, customer and AWS managed (attached or not)
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          policy_id TEXT,                  -- ANPA…; NULL when the export omits it
          path TEXT,
          account TEXT NOT NULL,           -- owning account, or 'aws' for AWS managed policies
          is_aws_managed INTEGER NOT NULL,
          default_version_id TEXT,
          version_count INTEGER NOT NULL DEFAULT 0,
          attachment_count INTEGER,
          boundary_usage_count INTEGER,    -- PermissionsBoundaryUsageCount; NULL when omitted
          is_attachable INTEGER,
          create_date TEXT,
          update_date TEXT,
          description TEXT,
          document TEXT                    -- JSON document of the default version (the one in force)
        )
        """),
        ("policy_versions", """
        CREATE TABLE policy_versions (     -- every version of every managed policy
          policy_arn TEXT NOT NULL,
          version_id TEXT NOT NULL,        -- v1, v2, …
          is_default INTEGER NOT NULL,     -- only the default version is in force
          create_date TEXT,
          document TEXT,                   -- JSON policy document
          PRIMARY KEY (policy_arn, version_id)
        )
        """),
        ("attachments", """
        CREATE TABLE attachments (         -- principal <-> managed policy, direct only (group policies stay on the group)
          principal_arn TEXT NOT NULL,     -- user, group or role ARN
          principal_type TEXT NOT NULL,    -- 'user', 'group', 'role'
          principal_name TEXT NOT NULL,
          account TEXT NOT NULL,
          policy_arn TEXT NOT NULL,
          policy_name TEXT NOT NULL,
          kind TEXT NOT NULL,              -- 'policy' (permissions) or 'boundary' (permissions boundary)
          PRIMARY KEY (principal_arn, policy_arn, kind)
        )
        """),
        ("inline_policies", """
        CREATE TABLE inline_policies (     -- policies embedded in a user, group or role
          owner_arn TEXT NOT NULL,
          owner_type TEXT NOT NULL,        -- 'user', 'group', 'role'
          owner_name TEXT NOT NULL,
          account TEXT NOT NULL,
          name TEXT NOT NULL,
          document TEXT NOT NULL,          -- JSON policy document
          PRIMARY KEY (owner_arn, name)
        )
        """),
        ("statements", """
        CREATE TABLE statements (          -- one row per statement of every policy document of every kind
          policy_kind TEXT NOT NULL,       -- 'managed', 'inline', 'trust', 'resource', 'scp', 'rcp'
          policy_arn TEXT,                 -- managed policy / SCP / RCP ARN; NULL for inline, trust and resource policies
          policy_name TEXT,                -- managed, inline or SCP name; 'trust' for trust policies; resource name for resource policies
          owner_arn TEXT,                  -- user/group/role of an inline or trust policy; resource ARN of a resource policy; NULL otherwise
          owner_type TEXT,                 -- 'user', 'group', 'role', or the resource type ('s3:bucket', …)
          account TEXT,                    -- account owning the document ('aws' for AWS managed policies)
          version_id TEXT,                 -- managed policies: the version; NULL otherwise
          is_default INTEGER NOT NULL,     -- 1 when the document is in force (always 1 except non-default managed versions)
          statement_index INTEGER NOT NULL, -- 0-based position in the document
          sid TEXT,
          effect TEXT NOT NULL,            -- 'Allow' or 'Deny'
          actions TEXT,                    -- JSON array (Action); NULL when the statement uses NotAction
          not_actions TEXT,                -- JSON array (NotAction)
          resources TEXT,                  -- JSON array (Resource); NULL when NotResource or none (trust policies)
          not_resources TEXT,              -- JSON array (NotResource)
          principals TEXT,                 -- JSON object {"AWS":[…],"Service":[…],"Federated":[…],"CanonicalUser":[…]}; "*" is in AWS; NULL when none
          not_principals TEXT,             -- same shape, for NotPrincipal
          conditions TEXT NOT NULL DEFAULT '[]' -- JSON array of {"operator","key","values":[…]}; [] when unconditional
        )
        """),
        ("access_keys", """
        CREATE TABLE access_keys (         -- access keys of users (from the credential report: key slots 1 and 2)
          user_arn TEXT NOT NULL,
          user_name TEXT NOT NULL,
          account TEXT NOT NULL,
          slot INTEGER,                    -- 1 or 2
          access_key_id TEXT,              -- NULL: the credential report does not carry it
          active INTEGER NOT NULL,
          last_rotated TEXT,               -- creation or last rotation
          last_used TEXT,                  -- NULL: never used (or before tracking began)
          last_used_region TEXT,
          last_used_service TEXT,
          is_root INTEGER NOT NULL DEFAULT 0
        )
        """),
        ("credential_report", """
        CREATE TABLE credential_report (   -- the IAM credential report, 22 columns typed; sentinels (N/A, no_information, not_supported) are NULL
          account TEXT NOT NULL,
          generated_time TEXT,
          user TEXT NOT NULL,              -- '<root_account>' for the root user
          arn TEXT PRIMARY KEY,
          is_root INTEGER NOT NULL,
          user_creation_time TEXT,
          password_enabled INTEGER,
          password_last_used TEXT,
          password_last_changed TEXT,
          password_next_rotation TEXT,
          mfa_active INTEGER,
          access_key_1_active INTEGER,
          access_key_1_last_rotated TEXT,
          access_key_1_last_used_date TEXT,
          access_key_1_last_used_region TEXT,
          access_key_1_last_used_service TEXT,
          access_key_2_active INTEGER,
          access_key_2_last_rotated TEXT,
          access_key_2_last_used_date TEXT,
          access_key_2_last_used_region TEXT,
          access_key_2_last_used_service TEXT,
          cert_1_active INTEGER,
          cert_1_last_rotated TEXT,
          cert_2_active INTEGER,
          cert_2_last_rotated TEXT,
          raw TEXT NOT NULL                -- JSON object column -> text exactly as in the report (raw->>'password_last_used' = 'no_information')
        )
        """),
        ("password_policy", """
        CREATE TABLE password_policy (     -- one row per account whose password policy was collected
          account TEXT PRIMARY KEY,
          has_policy INTEGER NOT NULL,     -- 0: collected, and the account has none (NoSuchEntity)
          minimum_password_length INTEGER,
          require_symbols INTEGER,
          require_numbers INTEGER,
          require_uppercase_characters INTEGER,
          require_lowercase_characters INTEGER,
          allow_users_to_change_password INTEGER,
          expire_passwords INTEGER,
          max_password_age INTEGER,        -- days
          password_reuse_prevention INTEGER,
          hard_expiry INTEGER
        )
        """),
        ("account_summary", """
        CREATE TABLE account_summary (     -- get-account-summary SummaryMap, one row per (account, key)
          account TEXT NOT NULL,
          name TEXT NOT NULL,              -- e.g. AccountMFAEnabled, AccountAccessKeysPresent, Users
          value INTEGER,
          PRIMARY KEY (account, name)
        )
        """),
        ("virtual_mfa_devices", """
        CREATE TABLE virtual_mfa_devices ( -- list-virtual-mfa-devices: one row per virtual MFA device; no rows and accounts.virtual_mfa_collected = 1: none
          account TEXT NOT NULL,
          serial_number TEXT PRIMARY KEY,  -- arn:aws:iam::ACCOUNT:mfa/NAME
          user_arn TEXT,                   -- the user it is assigned to (arn:aws:iam::ACCOUNT:root for root); NULL: unassigned
          enable_date TEXT,                -- when it was assigned; NULL when unassigned
          is_root INTEGER NOT NULL         -- 1: root's MFA is this virtual device (not a hardware one: CIS 2.6)
        )
        """),
        ("server_certificates", """
        CREATE TABLE server_certificates ( -- list-server-certificates: SSL/TLS certificates stored in IAM; expired: days_since(expiration) >= 0
          account TEXT NOT NULL,
          arn TEXT PRIMARY KEY,            -- arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME
          name TEXT NOT NULL,              -- ServerCertificateName
          server_certificate_id TEXT,      -- ASCA…
          path TEXT,
          upload_date TEXT,
          expiration TEXT                  -- NULL: unknown
        )
        """),
        ("resource_policies", """
        CREATE TABLE resource_policies (   -- resource-based policies (S3, KMS, Lambda, SQS, SNS, Secrets Manager, generic)
          arn TEXT PRIMARY KEY,
          resource_type TEXT NOT NULL,     -- 's3:bucket', 'kms:key', 'lambda:function', 'sqs:queue', 'sns:topic', 'secretsmanager:secret', …
          service TEXT NOT NULL,
          account TEXT,
          region TEXT,                     -- '' for global resources (S3 buckets)
          name TEXT NOT NULL,
          policy TEXT,                     -- JSON policy document; NULL when the resource has none
          statement_count INTEGER NOT NULL DEFAULT 0,
          tags TEXT NOT NULL DEFAULT '{}',
          source_file TEXT
        )
        """),
        ("s3_public_access_blocks", """
        CREATE TABLE s3_public_access_blocks ( -- S3 Block Public Access settings as collected: account level and bucket level
          account TEXT NOT NULL,
          bucket TEXT,                     -- bucket name; NULL for the account-level settings (s3control get-public-access-block)
          block_public_acls INTEGER NOT NULL,
          ignore_public_acls INTEGER NOT NULL,
          block_public_policy INTEGER NOT NULL,
          restrict_public_buckets INTEGER NOT NULL
        )
        """),
        ("organizations", """
        CREATE TABLE organizations (       -- describe-organization
          org_id TEXT PRIMARY KEY,
          arn TEXT,
          management_account_id TEXT,
          management_account_email TEXT,
          feature_set TEXT
        )
        """),
        ("org_units", """
        CREATE TABLE org_units (           -- roots and organizational units of the organization tree (accounts: accounts.parent_id)
          id TEXT PRIMARY KEY,             -- r-… or ou-…
          kind TEXT NOT NULL,              -- 'root' or 'ou'
          name TEXT,
          arn TEXT,
          parent_id TEXT,                  -- NULL for a root
          org_path TEXT                    -- o-x/r-x/ou-x/ including this node
        )
        """),
        ("scps", """
        CREATE TABLE scps (                -- service control policies and resource control policies
          id TEXT PRIMARY KEY,             -- p-…
          arn TEXT,
          name TEXT NOT NULL,
          kind TEXT NOT NULL,              -- 'scp' or 'rcp'
          aws_managed INTEGER NOT NULL,    -- 1 for p-FullAWSAccess and other AWS managed ones
          description TEXT,
          document TEXT,                   -- JSON policy document; NULL when describe-policy was not collected
          target_count INTEGER NOT NULL DEFAULT 0
        )
        """),
        ("scp_targets", """
        CREATE TABLE scp_targets (         -- where each SCP/RCP is attached
          policy_id TEXT NOT NULL,
          policy_name TEXT,
          kind TEXT NOT NULL,              -- 'scp' or 'rcp'
          target_id TEXT NOT NULL,         -- r-…, ou-… or a 12-digit account id
          target_type TEXT NOT NULL,       -- 'root', 'ou' or 'account'
          target_name TEXT,
          PRIMARY KEY (policy_id, target_id)
        )
        """),
        ("last_accessed", """
        CREATE TABLE last_accessed (       -- service last accessed details, service level and action level
          entity_arn TEXT NOT NULL,        -- user, role, group or managed policy the report is about
          entity_type TEXT,                -- 'user', 'role', 'group', 'policy'
          account TEXT,
          granularity TEXT NOT NULL,       -- 'service' or 'action'
          service_namespace TEXT NOT NULL, -- e.g. s3
          service_name TEXT,               -- e.g. Amazon S3
          action_name TEXT,                -- action-level rows: e.g. GetObject; NULL for service-level rows
          action TEXT,                     -- 's3:GetObject' for action-level rows
          last_accessed TEXT,              -- NULL: not accessed in the tracking period
          last_accessed_entity TEXT,
          last_accessed_region TEXT,
          total_authenticated_entities INTEGER,
          job_completion_date TEXT,
          source_file TEXT
        )
        """),
        ("analyzers", """
        CREATE TABLE analyzers (           -- IAM Access Analyzer analyzers (list-analyzers)
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          type TEXT NOT NULL,              -- ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, …
          status TEXT,
          region TEXT,
          account TEXT,
          created_at TEXT
        )
        """),
        ("findings", """
        CREATE TABLE findings (            -- Access Analyzer findings (list-findings, list-findings-v2) and iamsh's own
          id TEXT NOT NULL,
          source TEXT NOT NULL,            -- 'access-analyzer' or 'iamsh'
          analyzer_arn TEXT,
          finding_type TEXT NOT NULL,      -- ExternalAccess, UnusedIAMRole, UnusedIAMUserAccessKey, UnusedPermission, …
          resource TEXT,
          resource_type TEXT,              -- AWS::S3::Bucket, …
          account TEXT,                    -- resource owner account
          principal TEXT,                  -- JSON object of the principal map, or an ARN
          actions TEXT NOT NULL DEFAULT '[]', -- JSON array
          conditions TEXT,                 -- JSON object
          is_public INTEGER,
          status TEXT NOT NULL,            -- ACTIVE, ARCHIVED, RESOLVED
          created_at TEXT,
          updated_at TEXT,
          analyzed_at TEXT,
          details TEXT,                    -- the finding as collected, JSON
          PRIMARY KEY (source, id)
        )
        """),
        ("edges", """
        CREATE TABLE edges (               -- who can become whom: A -> B when A can act with B's permissions (filled on first use after a load)
          source TEXT NOT NULL,            -- principal ARN (or an identity provider / set node)
          target TEXT NOT NULL,            -- principal ARN the source can act as, or change
          kind TEXT NOT NULL,              -- sts:AssumeRole, iam:CreateAccessKey, iam:PassRole+lambda:CreateFunction, ...
          category TEXT NOT NULL,          -- act-as, grant, join-group, lift-boundary, member
          actions TEXT NOT NULL,           -- JSON array of the confirmed actions
          resources TEXT NOT NULL,         -- JSON array of the resources they were checked on
          conditions TEXT NOT NULL,        -- JSON array of the conditions still to be met ([] when none)
          decision TEXT NOT NULL           -- 'allow' or 'conditional'
        )
        """),
        ("actions", """
        CREATE TABLE actions (             -- every AWS IAM action (Datasets/catalog)
          action TEXT PRIMARY KEY,         -- 's3:GetObject'
          service TEXT NOT NULL,           -- 's3'
          name TEXT NOT NULL,              -- 'GetObject'
          service_name TEXT,               -- 'Amazon S3'
          access_level TEXT NOT NULL,      -- List, Read, Write, Permissions management, Tagging
          resource_types TEXT NOT NULL DEFAULT '[]', -- JSON array of {"type","required","arn_pattern"}; [] when only '*'
          condition_keys TEXT NOT NULL DEFAULT '[]'  -- JSON array
        )
        """),
        ("collection_steps", """
        CREATE TABLE collection_steps (    -- the snapshot manifest: each collection command and its outcome
          account TEXT,
          command TEXT NOT NULL,
          status TEXT NOT NULL,            -- 'ok', 'no policy', 'not collected', 'failed', 'empty'
          exit_code INTEGER,
          seconds REAL,
          file TEXT,                       -- written file, relative to the snapshot; NULL when none
          error TEXT
        )
        """),
    ]

    /// Views: derived shapes people ask for often.
    public static let views: [(name: String, sql: String)] = [
        ("principals", """
        CREATE VIEW principals AS          -- users and roles: the principals that make requests
          SELECT arn, 'user' AS type, name, user_id AS unique_id, path, account, create_date, boundary_arn, tags FROM users
          UNION ALL
          SELECT arn, 'role', name, role_id, path, account, create_date, boundary_arn, tags FROM roles
        """),
        ("principal_policies", """
        CREATE VIEW principal_policies AS  -- every policy of a user or role, direct or through a group
          SELECT a.principal_arn, a.principal_type, a.account, 'direct' AS via, a.kind AS policy_kind, a.policy_arn, a.policy_name
            FROM attachments a WHERE a.principal_type IN ('user','role')
          UNION ALL
          SELECT i.owner_arn, i.owner_type, i.account, 'direct', 'inline', NULL, i.name
            FROM inline_policies i WHERE i.owner_type IN ('user','role')
          UNION ALL
          SELECT m.user_arn, 'user', m.account, 'group:' || m.group_name, 'policy', a.policy_arn, a.policy_name
            FROM group_members m JOIN attachments a ON a.principal_arn = m.group_arn AND a.kind = 'policy'
          UNION ALL
          SELECT m.user_arn, 'user', m.account, 'group:' || m.group_name, 'inline', NULL, i.name
            FROM group_members m JOIN inline_policies i ON i.owner_arn = m.group_arn
        """),
    ]

    /// Indexes for the joins audits make; created after the tables are filled.
    public static let indexes: [String] = [
        "CREATE INDEX statements_policy ON statements(policy_arn)",
        "CREATE INDEX statements_owner ON statements(owner_arn)",
        "CREATE INDEX attachments_policy ON attachments(policy_arn)",
        "CREATE INDEX group_members_user ON group_members(user_arn)",
        "CREATE INDEX access_keys_user ON access_keys(user_arn)",
        "CREATE INDEX last_accessed_entity ON last_accessed(entity_arn)",
        "CREATE INDEX users_account ON users(account)",
        "CREATE INDEX roles_account ON roles(account)",
        "CREATE INDEX roles_name ON roles(name)",
        "CREATE INDEX users_name ON users(name)",
    ]

    /// The names of `indexes` (dropped and rebuilt around a reload).
    public static var indexNames: [String] {
        indexes.compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) }
    }

    /// Every CREATE statement, for creating the schema in one go.
    public static var createSQL: String {
        (tables.map(\.sql) + views.map(\.sql) + indexes).map { $0 + ";" }.joined(separator: "\n")
    }

    /// Drops everything this schema creates (used before a rebuild inside a transaction).
    public static var dropSQL: String {
        (views.map { "DROP VIEW IF EXISTS \($0.name);" } + tables.reversed().map { "DROP TABLE IF EXISTS \($0.name);" })
            .joined(separator: "\n")
    }
}
