/// The audit concepts of `.help TOPIC`. Every query is written against docs/schema.md and is
/// run on the demo organization by the tests.
public enum HelpTopics {
    public static let all: [HelpTopic] = [credentialReport, accessAnalyzer, unusedAccess, accessReport, evaluationLogic, schema, cis]

    public static func find(_ name: String) -> HelpTopic? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.name.replacingOccurrences(of: "-", with: "") == n.replacingOccurrences(of: "-", with: "") }
    }

    static let credentialReport = HelpTopic(
        name: "credential-report",
        summary: "passwords, MFA and access keys of every user, and the root user",
        explanation: """
        IAM's credential report has one row per user of an account plus a <root_account> row, in 22
        columns: password enabled and last used, MFA, each of two access keys (active, last rotated,
        last used) and signing certificates. AWS regenerates it at most every 4 hours. Here its
        sentinels become NULL (N/A: not applicable; no_information: never used or before tracking
        began; not_supported: root's password columns) and the text as written stays in `raw`.
        Access keys are also one row per key in `access_keys`. days_since(ts) counts whole days up to
        the shell's "now" (.now DATE to pin it).
        """,
        answers: [
            .init("Console users without MFA",
                  "SELECT account, user, password_last_used FROM credential_report WHERE password_enabled = 1 AND mfa_active = 0 ORDER BY account, user;"),
            .init("Active access keys older than 90 days",
                  "SELECT account, user_name, slot, last_rotated, days_since(last_rotated) AS age_days FROM access_keys WHERE active = 1 AND days_since(last_rotated) > 90 ORDER BY age_days DESC;"),
            .init("Users with two active keys",
                  "SELECT account, user_name, count(*) AS active_keys FROM access_keys WHERE active = 1 AND is_root = 0 GROUP BY account, user_name HAVING count(*) > 1;"),
            .init("Root: MFA, access keys, last console use",
                  "SELECT account, mfa_active, access_key_1_active, access_key_2_active, password_last_used FROM credential_report WHERE is_root = 1;"),
            .init("Passwords set but never used",
                  "SELECT account, user, password_last_changed FROM credential_report WHERE password_enabled = 1 AND raw->>'password_last_used' = 'no_information';"),
        ])

    static let accessAnalyzer = HelpTopic(
        name: "access-analyzer",
        summary: "external access findings, analyzers and the finding lifecycle",
        explanation: """
        IAM Access Analyzer reports resources that a policy shares outside a zone of trust (the
        account, or the organization): S3 buckets, KMS keys, role trust policies, Lambda functions,
        SQS queues, SNS topics, secrets… A finding is public when anyone can get in, cross-account
        when named outside principals can. Conditions that confine access to the zone (aws:PrincipalOrgID
        of the organization, aws:PrincipalAccount of an own account) remove the finding; aws:SourceIp or
        aws:SourceVpc only narrow it. AWS service principals are never findings. Findings are ACTIVE,
        ARCHIVED (by a person or an archive rule) or RESOLVED (the access is gone). Unused-access
        analyzers also report unused roles, keys, passwords and permissions. Collected findings are in
        `findings` (source 'access-analyzer'), analyzers in `analyzers`.
        """,
        answers: [
            .init("Active public findings",
                  "SELECT resource, resource_type, account, principal, actions FROM findings WHERE status = 'ACTIVE' AND is_public = 1;"),
            .init("Findings by source, type and status",
                  "SELECT source, finding_type, status, count(*) AS n FROM findings GROUP BY source, finding_type, status ORDER BY n DESC;"),
            .init("Where an analyzer runs",
                  "SELECT account, region, name, type, status FROM analyzers ORDER BY account, region;"),
            .init("Resource policy statements open to anyone",
                  "SELECT owner_arn AS resource, sid, actions, conditions FROM statements WHERE policy_kind = 'resource' AND effect = 'Allow' AND EXISTS (SELECT 1 FROM json_each(principals, '$.AWS') WHERE value = '*');"),
            .init("Compute external access offline", "findings", requires: "findings"),
            .init("Compare with the collected Access Analyzer findings", "findings --compare", requires: "findings"),
        ])

    static let unusedAccess = HelpTopic(
        name: "unused-access",
        summary: "roles, keys, passwords and permissions nobody uses",
        explanation: """
        Unused access is what was granted and not used within a period: Access Analyzer's unused-access
        findings use 90 days by default, CIS 2.11 uses 45 days for credentials. The evidence is the
        service last accessed data (`last_accessed`, service level and, for tracked services, action
        level; about 400 days of history), RoleLastUsed (`roles.last_used`) and the credential report.
        Only entities older than the period are judged, and a credential that was never used is judged
        by its age.
        """,
        answers: [
            .init("Roles unused for 90 days (never used: by age)",
                  "SELECT arn, create_date, last_used, days_since(coalesce(last_used, create_date)) AS idle_days FROM roles WHERE is_service_linked = 0 AND days_since(create_date) >= 90 AND days_since(coalesce(last_used, create_date)) >= 90 ORDER BY idle_days DESC;"),
            .init("Active access keys unused for 45 days (never used: by age)",
                  "SELECT account, user_name, slot, last_used, last_rotated FROM access_keys WHERE active = 1 AND days_since(coalesce(last_used, last_rotated)) >= 45 ORDER BY account, user_name;"),
            .init("Console passwords unused for 45 days (never used: by age)",
                  "SELECT account, user, password_last_used, password_last_changed FROM credential_report WHERE password_enabled = 1 AND days_since(coalesce(password_last_used, password_last_changed, user_creation_time)) >= 45;"),
            .init("Services a principal may use but has not used in 90 days",
                  "SELECT entity_arn, service_namespace, last_accessed FROM last_accessed WHERE granularity = 'service' AND (last_accessed IS NULL OR days_since(last_accessed) >= 90) ORDER BY entity_arn, service_namespace;"),
            .init("Unused roles, keys, passwords and permissions", "unused --days 90", requires: "unused"),
            .init("A policy that keeps only what was used", "least-privilege PRINCIPAL", requires: "least-privilege"),
        ])

    static let accessReport = HelpTopic(
        name: "access-report",
        summary: "what a principal's policies allow and when each service was last used",
        explanation: """
        An access report (the console's Access Advisor tab) lists, for a user, group, role or managed
        policy, every service its permissions policies allow and when it last used each, at action level
        for the services AWS tracks that way (S3, EC2, IAM, Lambda and more). It reflects identity
        policies only (not resource policies, SCPs or boundaries), covers about 400 days, and is
        updated within about 4 hours. Loaded reports are the `last_accessed` table; `show NAME` prints a
        principal's card with its policies.
        """,
        answers: [
            .init("Last use of each service by one principal",
                  "SELECT service_namespace, service_name, last_accessed, days_since(last_accessed) AS days_ago FROM last_accessed WHERE granularity = 'service' AND entity_arn IN (SELECT arn FROM principals WHERE name = 'NAME') ORDER BY last_accessed DESC;"),
            .init("Actions used, where tracked",
                  "SELECT entity_arn, action, last_accessed FROM last_accessed WHERE granularity = 'action' AND last_accessed IS NOT NULL ORDER BY entity_arn, action;"),
            .init("Principals with access-report data and no recorded use",
                  "SELECT p.arn FROM principals p WHERE EXISTS (SELECT 1 FROM last_accessed l WHERE l.entity_arn = p.arn) AND NOT EXISTS (SELECT 1 FROM last_accessed l WHERE l.entity_arn = p.arn AND l.last_accessed IS NOT NULL);"),
            .init("A principal's identity, policies, keys and MFA", "show NAME"),
            .init("The full access report of a principal", "report PRINCIPAL", requires: "report"),
        ])

    static let evaluationLogic = HelpTopic(
        name: "evaluation-logic",
        summary: "how AWS decides whether a request is allowed",
        explanation: """
        AWS denies by default. An explicit Deny in any policy that applies wins. Otherwise every layer
        that applies must allow: the SCPs at every level of the organization above the account (not for
        the management account, nor for service-linked roles), the RCPs of the resource's account, the
        principal's identity policies (its own and its groups') — or, within one account, a resource-based
        policy that names it — then the permissions boundary and a session policy, which only limit.
        Role trust policies and KMS key policies must allow explicitly; a cross-account request needs an
        Allow on both sides. A condition on a key the data does not tell makes the answer conditional.
        """,
        answers: [
            .init("Every policy of one principal, direct or through a group",
                  "SELECT via, policy_kind, policy_arn, policy_name FROM principal_policies WHERE principal_arn IN (SELECT arn FROM principals WHERE name = 'NAME');"),
            .init("Explicit denies in force",
                  "SELECT policy_kind, coalesce(policy_arn, owner_arn) AS policy, sid, actions, not_actions, conditions FROM statements WHERE effect = 'Deny' AND is_default = 1;"),
            .init("SCPs and where they are attached",
                  "SELECT s.name, t.target_type, t.target_id, t.target_name FROM scps s JOIN scp_targets t ON t.policy_id = s.id WHERE s.kind = 'scp' ORDER BY s.name;"),
            .init("Permissions boundaries",
                  "SELECT principal_arn, policy_arn FROM attachments WHERE kind = 'boundary';"),
            .init("Can a principal do it, and why", "can PRINCIPAL ACTION RESOURCE --explain", requires: "can"),
            .init("Who can do it", "who-can ACTION RESOURCE", requires: "who-can"),
            .init("What a principal can do", "what-can PRINCIPAL", requires: "what-can"),
        ])

    static let schema = HelpTopic(
        name: "schema",
        summary: "the tables, their conventions and the SQL functions",
        explanation: """
        Tables: accounts, users, groups, group_members, roles, instance_profiles, policies,
        policy_versions, attachments, inline_policies, statements, access_keys, credential_report,
        password_policy, account_summary, resource_policies, organizations, org_units, scps,
        scp_targets, last_accessed, analyzers, findings, actions, collection_steps; views principals
        (users and roles) and principal_policies. One row per real thing, ARNs as keys, timestamps as
        ISO 8601 text in UTC, booleans 0/1, NULL for unknown, lists and tags as JSON (json_each, ->>).
        `statements` has every statement of every policy; filter is_default = 1 for what is in force.
        Functions: days_since(ts), arn_account(arn), arn_resource(arn), arn_service(arn),
        iam_match(pattern, value). docs/schema.md describes every column.
        """,
        answers: [
            .init("Tables and their row counts", ".tables"),
            .init("The columns of a table", ".schema users"),
            .init("Expand a JSON list: users and their groups",
                  "SELECT u.name AS user_name, g.value AS group_name FROM users u, json_each(u.groups) g ORDER BY 1, 2;"),
            .init("Wildcards as IAM matches them",
                  "SELECT action, access_level FROM actions WHERE iam_match('iam:*AccessKey*', action) ORDER BY action;"),
            .init("Tags as JSON objects",
                  "SELECT name, tags->>'team' AS team FROM users WHERE tags->>'team' IS NOT NULL;"),
        ])

    static let cis = HelpTopic(
        name: "cis",
        summary: "the CIS AWS Foundations Benchmark IAM controls (v7.0 section 2)",
        explanation: """
        The CIS AWS Foundations Benchmark v7.0, section 2, has the IAM controls a snapshot can decide:
        2.4 no root access key, 2.5 root MFA, 2.7 avoid root use, 2.8 password length ≥ 14, 2.9 reuse
        prevention ≥ 24, 2.10 MFA for every console user, 2.11 credentials unused 45 days or more disabled
        (never-used ones by age), 2.12 keys rotated within 90 days, 2.13 permissions only through groups,
        2.14 no attached policy allowing "*:*", 2.15 a support role, 2.18 Access Analyzer enabled, 2.21
        no unrestricted "*" principal in resource policies. Earlier versions numbered them 1.x.
        """,
        answers: [
            .init("2.4 root access keys",
                  "SELECT account FROM credential_report WHERE is_root = 1 AND (access_key_1_active = 1 OR access_key_2_active = 1);"),
            .init("2.5 root without MFA",
                  "SELECT account FROM credential_report WHERE is_root = 1 AND mfa_active = 0;"),
            .init("2.7 root used in the last 90 days",
                  "SELECT account, password_last_used, access_key_1_last_used_date, access_key_2_last_used_date FROM credential_report WHERE is_root = 1 AND min(coalesce(days_since(password_last_used), 99999), coalesce(days_since(access_key_1_last_used_date), 99999), coalesce(days_since(access_key_2_last_used_date), 99999)) <= 90;"),
            .init("2.8 and 2.9 password policy",
                  "SELECT account, has_policy, minimum_password_length, password_reuse_prevention FROM password_policy WHERE has_policy = 0 OR coalesce(minimum_password_length, 0) < 14 OR coalesce(password_reuse_prevention, 0) < 24;"),
            .init("2.13 users with policies attached directly",
                  "SELECT DISTINCT principal_arn FROM principal_policies WHERE principal_type = 'user' AND via = 'direct' AND policy_kind IN ('policy', 'inline');"),
            .init("2.14 attached policies allowing *:*",
                  "SELECT DISTINCT s.policy_arn FROM statements s WHERE s.policy_kind = 'managed' AND s.is_default = 1 AND s.effect = 'Allow' AND EXISTS (SELECT 1 FROM json_each(s.actions) WHERE value = '*') AND EXISTS (SELECT 1 FROM json_each(s.resources) WHERE value = '*') AND EXISTS (SELECT 1 FROM attachments a WHERE a.policy_arn = s.policy_arn AND a.kind = 'policy');"),
            .init("2.15 support role",
                  "SELECT principal_arn FROM attachments WHERE policy_arn = 'arn:aws:iam::aws:policy/AWSSupportAccess';"),
            .init("Run every control", "audit --benchmark cis", requires: "audit"),
        ])
}
