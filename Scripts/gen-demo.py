#!/usr/bin/env python3
"""Regenerate the demo organization in Datasets/demo/ (fictional, deterministic).

The files are written exactly as the AWS CLI prints them against real AWS (not as the local mock
does): 4-space indented JSON, unique IDs such as AIDA…/AGPA…/AROA…/ANPA…/AIPA…, a `<root_account>`
row in every credential report, AWS managed policies present only when in use, policy strings inside
JSON for resource policies (KMS and Secrets Manager in their Jackson pretty-print style, the others
compact), and a `manifest.json` with the steps that found no policy or failed.

Two CLI generations are represented, as when accounts are collected by different people:
- management (111122223333) and the organization files: AWS CLI v1, which prints timestamps as they
  come on the wire: IAM `2026-01-15T10:00:00Z`, Organizations and Secrets Manager epoch numbers;
- prod (444455556666) and dev (777788889999): AWS CLI v2, ISO 8601 with `+00:00`.

"Now" is 2026-11-01 (run the shell with `--now 2026-11-01`); the snapshot was collected on
2026-10-31. Datasets/README.md lists the facts a reader should find and the query for each.

Usage: Scripts/gen-demo.py [--out DIR]
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import uuid

ORG_ID = "o-a1b2c3d4e5"
ROOT_ID = "r-a1b2"
MGMT, PROD, DEV = "111122223333", "444455556666", "777788889999"
PARTNER = "999900001111"  # outside the organization
OU_PROD, OU_DEV = "ou-a1b2-p9x3k2m7", "ou-a1b2-d4v8n1q6"
REGION = "us-east-1"
COLLECTED = "2026-10-31T21:40:00"

# ---------------------------------------------------------------------------------------------
# Output helpers


def cli_json(obj):
    """The AWS CLI's JSON output: 4-space indentation, non-ASCII kept, a final newline."""
    return json.dumps(obj, indent=4, ensure_ascii=False) + "\n"


def compact(obj):
    """A policy as most services return it inside a JSON string: no whitespace."""
    return json.dumps(obj, separators=(",", ":"))


def jackson(obj, level=0):
    """A policy as KMS and Secrets Manager return it: Jackson's default pretty printer."""
    pad = "  " * level
    if isinstance(obj, dict):
        if not obj:
            return "{ }"
        members = [f'{pad}  {json.dumps(k)} : {jackson(v, level + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(members) + "\n" + pad + "}"
    if isinstance(obj, list):
        if not obj:
            return "[ ]"
        return "[ " + ", ".join(jackson(v, level) for v in obj) + " ]"
    return json.dumps(obj)


def unique_id(prefix, *parts):
    """A stable fictional IAM unique ID: prefix + 17 characters of [A-Z2-7]."""
    digest = hashlib.sha256("/".join(parts).encode()).digest()
    return prefix + base64.b32encode(digest).decode()[:17]


def stable_uuid(*parts):
    return str(uuid.UUID(bytes=hashlib.sha256("/".join(parts).encode()).digest()[:16], version=4))


class Clock:
    """Timestamps in the style of one CLI generation."""

    def __init__(self, v1):
        self.v1 = v1

    def iam(self, t):
        return t + ("Z" if self.v1 else "+00:00")

    def epoch_or_iso(self, t):
        """JSON-protocol services (Organizations, Secrets Manager): CLI v1 prints the wire's epoch number."""
        if self.v1:
            moment = dt.datetime.fromisoformat(t).replace(tzinfo=dt.timezone.utc)
            return round(moment.timestamp(), 3)
        return t + "+00:00"

    def rest(self, t):
        """REST-JSON services with ISO timestamps on the wire (Access Analyzer)."""
        return t + ("Z" if self.v1 else "+00:00")


V1, V2 = Clock(True), Clock(False)

# ---------------------------------------------------------------------------------------------
# Policy documents


def doc(*statements, version="2012-10-17"):
    return {"Version": version, "Statement": list(statements)}


def allow(actions, resources="*", **extra):
    s = {"Effect": "Allow", "Action": actions, "Resource": resources}
    s.update(extra)
    return s


def deny(actions, resources="*", **extra):
    s = {"Effect": "Deny", "Action": actions, "Resource": resources}
    s.update(extra)
    return s


def trust(principal, action="sts:AssumeRole", condition=None, sid=None):
    s = {"Effect": "Allow", "Principal": principal, "Action": action}
    if sid:
        s = {"Sid": sid, **s}
    if condition:
        s["Condition"] = condition
    return doc(s)


# AWS managed policies in use. AdministratorAccess, AWSSupportAccess and AWSLambdaBasicExecutionRole
# are the real documents; ReadOnlyAccess, PowerUserAccess and AWSSupportServiceRolePolicy are
# shortened to a representative part (the real ones list hundreds of services).
AWS_MANAGED = {
    "AdministratorAccess": ("/", "v1", "2015-02-06T18:39:46", "2015-02-06T18:39:46",
                            doc(allow("*"))),
    "ReadOnlyAccess": ("/", "v128", "2015-02-06T18:39:48", "2026-09-18T17:12:05",
                       doc({"Sid": "ReadOnlyActions", "Effect": "Allow", "Action": [
                           "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents",
                           "ec2:Describe*", "ec2:Get*", "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*",
                           "kms:Describe*", "kms:Get*", "kms:List*", "lambda:Get*", "lambda:List*",
                           "organizations:Describe*", "organizations:List*", "s3:Get*", "s3:List*",
                           "secretsmanager:Describe*", "secretsmanager:GetResourcePolicy", "secretsmanager:List*",
                           "sns:Get*", "sns:List*", "sqs:Get*", "sqs:List*"], "Resource": "*"})),
    "AWSSupportAccess": ("/", "v1", "2015-02-06T18:41:11", "2015-02-06T18:41:11",
                         doc(allow(["support:*"]))),
    "PowerUserAccess": ("/", "v5", "2015-02-06T18:39:47", "2023-07-06T22:04:00",
                        doc({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
                            allow(["account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions",
                                   "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                                   "organizations:DescribeOrganization"]))),
    "AWSLambdaBasicExecutionRole": ("/service-role/", "v1", "2015-04-09T15:03:43", "2015-04-09T15:03:43",
                                    doc(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]))),
    "AWSSupportServiceRolePolicy": ("/aws-service-role/", "v27", "2018-04-19T18:04:44", "2026-06-11T16:52:10",
                                    doc({"Sid": "AWSSupportServiceRolePolicy", "Effect": "Allow", "Action": [
                                        "cloudtrail:DescribeTrails", "ec2:DescribeInstances", "iam:GetAccountSummary",
                                        "iam:ListRoles", "s3:GetBucketPolicyStatus", "support:*"], "Resource": "*"})),
}


def aws_policy_arn(name):
    return f"arn:aws:iam::aws:policy{AWS_MANAGED[name][0]}{name}"


# ---------------------------------------------------------------------------------------------
# Accounts: IAM entities


class Account:
    def __init__(self, account_id, alias, clock, created):
        self.id, self.alias, self.clock, self.created = account_id, alias, clock, created
        self.users, self.groups, self.roles, self.policies = [], [], [], []
        self.steps = []
        self.files = {}

    def arn(self, kind, name, path="/"):
        return f"arn:aws:iam::{self.id}:{kind}{path}{name}"

    def policy_arn(self, ref):
        if ref in AWS_MANAGED:
            return aws_policy_arn(ref)
        policy = next(p for p in self.policies if p["name"] == ref)
        return self.arn("policy", ref, policy["path"])

    def user(self, name, created, groups=(), attached=(), inline=None, boundary=None, tags=None, path="/"):
        self.users.append(dict(name=name, created=created, groups=list(groups), attached=list(attached),
                               inline=inline or {}, boundary=boundary, tags=tags or {}, path=path))

    def group(self, name, created, attached=(), inline=None, path="/"):
        self.groups.append(dict(name=name, created=created, attached=list(attached), inline=inline or {}, path=path))

    def role(self, name, created, trust_policy, attached=(), inline=None, boundary=None, tags=None, path="/",
             last_used=None, description=None, instance_profile=None, max_session=3600):
        self.roles.append(dict(name=name, created=created, trust=trust_policy, attached=list(attached),
                               inline=inline or {}, boundary=boundary, tags=tags or {}, path=path,
                               last_used=last_used, description=description, instance_profile=instance_profile,
                               max_session=max_session))

    def policy(self, name, versions, default, created, description=None, path="/"):
        """versions: [(version id, created, document)]."""
        self.policies.append(dict(name=name, versions=versions, default=default, created=created,
                                  description=description, path=path))

    def write(self, relative, content, command, seconds=0.6):
        """A file of the snapshot and its manifest step."""
        path = f"accounts/{self.id}/{relative}"
        self.files[path] = content
        self.steps.append(step(command, "ok", 0, seconds, path, None, self.id))

    def missing(self, command, status, error, exit_code=254, seconds=0.5):
        self.steps.append(step(command, status, exit_code, seconds, None, error, self.id))


def step(command, status, exit_code, seconds, file, error, account):
    return {"account": account, "command": command, "status": status, "exit_code": exit_code,
            "seconds": seconds, "file": file, "error": error}


def tag_list(tags):
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def attachment_counts(acct):
    counts = {}
    boundary_counts = {}
    for entity in acct.users + acct.groups + acct.roles:
        for ref in entity["attached"]:
            counts[ref] = counts.get(ref, 0) + 1
        if entity.get("boundary"):
            boundary_counts[entity["boundary"]] = boundary_counts.get(entity["boundary"], 0) + 1
    return counts, boundary_counts


def authorization_details(acct):
    c = acct.clock

    def attached(refs):
        return [{"PolicyName": ref, "PolicyArn": acct.policy_arn(ref)} for ref in refs]

    def boundary(ref):
        return {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": acct.policy_arn(ref)}

    users = []
    for u in acct.users:
        entry = {"Path": u["path"], "UserName": u["name"], "UserId": unique_id("AIDA", acct.id, "user", u["name"]),
                 "Arn": acct.arn("user", u["name"], u["path"]), "CreateDate": c.iam(u["created"])}
        if u["inline"]:
            entry["UserPolicyList"] = [{"PolicyName": n, "PolicyDocument": d} for n, d in u["inline"].items()]
        entry["GroupList"] = u["groups"]
        entry["AttachedManagedPolicies"] = attached(u["attached"])
        if u["boundary"]:
            entry["PermissionsBoundary"] = boundary(u["boundary"])
        entry["Tags"] = tag_list(u["tags"])
        users.append(entry)

    groups = []
    for g in acct.groups:
        groups.append({"Path": g["path"], "GroupName": g["name"], "GroupId": unique_id("AGPA", acct.id, "group", g["name"]),
                       "Arn": acct.arn("group", g["name"], g["path"]), "CreateDate": c.iam(g["created"]),
                       "GroupPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in g["inline"].items()],
                       "AttachedManagedPolicies": attached(g["attached"])})

    def role_core(r):
        return {"Path": r["path"], "RoleName": r["name"], "RoleId": unique_id("AROA", acct.id, "role", r["name"]),
                "Arn": acct.arn("role", r["name"], r["path"]), "CreateDate": c.iam(r["created"]),
                "AssumeRolePolicyDocument": r["trust"]}

    roles = []
    for r in acct.roles:
        entry = role_core(r)
        profiles = []
        if r["instance_profile"]:
            name = r["instance_profile"]
            profiles.append({"Path": "/", "InstanceProfileName": name,
                             "InstanceProfileId": unique_id("AIPA", acct.id, "instance-profile", name),
                             "Arn": acct.arn("instance-profile", name), "CreateDate": c.iam(r["created"]),
                             "Roles": [role_core(r)]})
        entry["InstanceProfileList"] = profiles
        entry["RolePolicyList"] = [{"PolicyName": n, "PolicyDocument": d} for n, d in r["inline"].items()]
        entry["AttachedManagedPolicies"] = attached(r["attached"])
        if r["boundary"]:
            entry["PermissionsBoundary"] = boundary(r["boundary"])
        entry["Tags"] = tag_list(r["tags"])
        if r["last_used"]:
            entry["RoleLastUsed"] = {"LastUsedDate": c.iam(r["last_used"]), "Region": REGION}
        else:
            entry["RoleLastUsed"] = {}
        roles.append(entry)

    counts, boundary_counts = attachment_counts(acct)
    policies = []
    for p in acct.policies:
        versions = [{"Document": d, "VersionId": v, "IsDefaultVersion": v == p["default"], "CreateDate": c.iam(t)}
                    for v, t, d in sorted(p["versions"], key=lambda x: x[1], reverse=True)]
        entry = {"PolicyName": p["name"], "PolicyId": unique_id("ANPA", acct.id, "policy", p["name"]),
                 "Arn": acct.policy_arn(p["name"]), "Path": p["path"], "DefaultVersionId": p["default"],
                 "AttachmentCount": counts.get(p["name"], 0),
                 "PermissionsBoundaryUsageCount": boundary_counts.get(p["name"], 0), "IsAttachable": True,
                 "CreateDate": c.iam(p["created"]), "UpdateDate": c.iam(max(t for _, t, _ in p["versions"]))}
        if p["description"]:
            entry["Description"] = p["description"]
        entry["PolicyVersionList"] = versions
        policies.append(entry)
    for name in sorted(set(counts) | set(boundary_counts)):
        if name not in AWS_MANAGED:
            continue
        path, version, created, updated, document = AWS_MANAGED[name]
        policies.append({"PolicyName": name, "PolicyId": unique_id("ANPA", "aws", name), "Arn": aws_policy_arn(name),
                         "Path": path, "DefaultVersionId": version, "AttachmentCount": counts.get(name, 0),
                         "PermissionsBoundaryUsageCount": boundary_counts.get(name, 0), "IsAttachable": True,
                         "CreateDate": c.iam(created), "UpdateDate": c.iam(updated),
                         "PolicyVersionList": [{"Document": document, "VersionId": version, "IsDefaultVersion": True,
                                                "CreateDate": c.iam(updated)}]})

    return {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}


# ---------------------------------------------------------------------------------------------
# Credential report

CR_HEADER = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
             "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
             "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
             "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
             "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
             "cert_2_active,cert_2_last_rotated")


def cr_time(t):
    return t + "+00:00" if t else "N/A"


def key_columns(key):
    """key: None or dict(active, rotated, used, region, service)."""
    if not key:
        return ["false", "N/A", "N/A", "N/A", "N/A"]
    if not key["active"]:
        used = key.get("used")
        return ["false", "N/A", cr_time(used), key.get("region", "N/A") if used else "N/A",
                key.get("service", "N/A") if used else "N/A"]
    used = key.get("used")
    return ["true", cr_time(key["rotated"]), cr_time(used),
            key.get("region", "N/A") if used else "N/A", key.get("service", "N/A") if used else "N/A"]


def credential_report(acct, root, rows, expire_days=None):
    """root: dict(password_used, mfa, key1, key2); rows: {user: dict(password, password_used, changed, mfa, key1, key2)}."""
    lines = [CR_HEADER]
    root_cols = ["<root_account>", f"arn:aws:iam::{acct.id}:root", cr_time(acct.created), "not_supported",
                 cr_time(root["password_used"]) if root["password_used"] else "no_information", "not_supported",
                 "not_supported", "true" if root["mfa"] else "false"]
    root_cols += key_columns(root.get("key1")) + key_columns(root.get("key2")) + ["false", "N/A", "false", "N/A"]
    lines.append(",".join(root_cols))
    for u in acct.users:
        r = rows[u["name"]]
        cols = [u["name"], acct.arn("user", u["name"], u["path"]), cr_time(u["created"])]
        if r.get("password"):
            changed = r.get("changed", u["created"])
            rotation = "N/A"
            if expire_days:
                nxt = dt.datetime.fromisoformat(changed) + dt.timedelta(days=expire_days)
                rotation = cr_time(nxt.isoformat())
            cols += ["true", cr_time(r["password_used"]) if r.get("password_used") else "no_information",
                     cr_time(changed), rotation]
        else:
            cols += ["false", "N/A", "N/A", "N/A"]
        cols.append("true" if r.get("mfa") else "false")
        cols += key_columns(r.get("key1")) + key_columns(r.get("key2")) + ["false", "N/A", "false", "N/A"]
        lines.append(",".join(cols))
    return "\n".join(lines)


# Services whose key use the report shows without a Region (as AWS writes it for S3 and IAM).
GLOBAL_KEY_SERVICES = {"s3", "iam"}


def key(rotated, used=None, service="s3", active=True):
    region = "N/A" if service in GLOBAL_KEY_SERVICES else REGION
    return dict(active=active, rotated=rotated, used=used, service=service, region=region)


# ---------------------------------------------------------------------------------------------
# Last accessed

SERVICE_NAMES = {}


def service_name(ns):
    return SERVICE_NAMES.get(ns, ns)


def last_accessed(clock, entity_arn, job_type, services, created="2026-10-31T21:41:02", completed="2026-10-31T21:41:09"):
    """services: [(namespace, last used or None, entities, [(action, last used or None)] or None)]."""
    entries = []
    for ns, used, entities, actions in sorted(services, key=lambda s: s[0]):
        e = {"ServiceName": service_name(ns)}
        if used:
            e["LastAuthenticated"] = clock.iam(used)
        e["ServiceNamespace"] = ns
        if used:
            e["LastAuthenticatedEntity"] = entity_arn
            e["LastAuthenticatedRegion"] = REGION
        e["TotalAuthenticatedEntities"] = entities if used else 0
        if job_type == "ACTION_LEVEL" and actions is not None:
            tracked = []
            for name, when in actions:
                a = {"ActionName": name}
                if when:
                    a["LastAccessedEntity"] = entity_arn
                    a["LastAccessedTime"] = clock.iam(when)
                    a["LastAccessedRegion"] = REGION
                tracked.append(a)
            e["TrackedActionsLastAccessed"] = tracked
        entries.append(e)
    return {"JobStatus": "COMPLETED", "JobType": job_type, "JobCreationDate": clock.iam(created),
            "ServicesLastAccessed": entries, "JobCompletionDate": clock.iam(completed), "IsTruncated": False}


# ---------------------------------------------------------------------------------------------
# The three accounts


def management():
    a = Account(MGMT, "acme-management", V1, "2019-03-04T09:12:44")
    a.policy("CIDeployerPolicy", [
        ("v1", "2025-08-20T14:03:11", doc(allow("s3:GetObject", "arn:aws:s3:::example-bucket/*"))),
        ("v2", "2026-02-03T10:20:00", doc(
            {"Sid": "ReadBuildInputs", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"]},
            {"Sid": "AssumeDeployRole", "Effect": "Allow", "Action": "sts:AssumeRole",
             "Resource": f"arn:aws:iam::{MGMT}:role/DeployRole"})),
        ("v3", "2026-10-20T16:45:30", doc(
            {"Sid": "Everything", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {"Sid": "AssumeDeployRole", "Effect": "Allow", "Action": "sts:AssumeRole",
             "Resource": f"arn:aws:iam::{MGMT}:role/DeployRole"})),
    ], default="v2", created="2025-08-20T14:03:11", description="CI pipeline: read build inputs, assume DeployRole")
    a.policy("AuditorsExtra", [
        ("v1", "2024-05-06T08:00:00", doc(allow(["access-analyzer:List*", "access-analyzer:Get*"]))),
    ], default="v1", created="2024-05-06T08:00:00")

    a.group("Admins", "2019-03-04T09:30:00", attached=["AdministratorAccess"])
    a.group("Auditors", "2024-05-06T08:00:00", attached=["ReadOnlyAccess", "AWSSupportAccess", "AuditorsExtra"],
            inline={"DenyDataReads": doc(deny(["s3:GetObject", "secretsmanager:GetSecretValue"]))})

    a.user("alice.admin", "2019-03-04T09:35:10", groups=["Admins"], tags={"team": "platform"})
    a.user("bob.ops", "2021-06-14T11:02:45", groups=["Admins"], tags={"team": "operations"})
    a.user("security-auditor", "2024-05-06T08:05:00", groups=["Auditors"], tags={"team": "security"})
    a.user("ci-deployer", "2025-08-20T14:00:02", attached=["CIDeployerPolicy"],
           inline={"PublishBuildStatus": doc(allow("sns:Publish", f"arn:aws:sns:{REGION}:{MGMT}:build-status"))},
           tags={"team": "platform", "purpose": "ci"})
    a.user("old-contractor", "2026-04-01T10:00:00", groups=["Auditors"], tags={"company": "contoso-consulting"})

    a.role("DeployRole", "2025-08-20T14:10:00",
           trust({"AWS": f"arn:aws:iam::{MGMT}:user/ci-deployer"}),
           inline={"AssumeProdDeployer": doc(allow("sts:AssumeRole", f"arn:aws:iam::{PROD}:role/ProdDeployer"))},
           tags={"purpose": "ci"}, last_used="2026-10-31T18:02:11", description="Hop from CI into the prod account")
    a.role("BreakGlassAdmin", "2020-01-15T12:00:00",
           trust({"AWS": f"arn:aws:iam::{MGMT}:root"}, condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
           attached=["AdministratorAccess"], last_used="2026-03-02T07:44:19",
           description="Emergency administrator access", max_session=3600)
    a.role("AWSServiceRoleForSupport", "2019-03-04T09:12:50",
           trust({"Service": "support.amazonaws.com"}), attached=["AWSSupportServiceRolePolicy"],
           path="/aws-service-role/support.amazonaws.com/", last_used="2026-10-29T03:00:00",
           description="Enables resource access for AWS to provide billing, administrative and support services")
    return a


def prod():
    a = Account(PROD, "acme-prod", V2, "2019-05-20T15:30:00")
    a.group("ProdOperators", "2020-02-10T09:00:00", attached=["ReadOnlyAccess"],
            inline={"RestartServices": doc(allow(["ecs:UpdateService", "lambda:InvokeFunction"]))})

    a.user("carol.oncall", "2020-02-10T09:15:00", groups=["ProdOperators"], tags={"team": "sre"})
    a.user("dave.analyst", "2023-09-01T13:20:00", groups=["ProdOperators"], tags={"team": "analytics"})
    a.user("svc-reporting", "2026-06-30T12:00:00",
           inline={"ReadReports": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                            ["arn:aws:s3:::acme-prod-artifacts", "arn:aws:s3:::acme-prod-artifacts/reports/*"]))},
           tags={"purpose": "reporting"}, path="/service-accounts/")
    a.user("legacy-ftp", "2018-11-02T08:00:00", inline={"FtpDrop": doc(allow("s3:PutObject", "arn:aws:s3:::acme-prod-backups/ftp/*"))})

    a.role("ProdDeployer", "2025-08-20T14:20:00",
           trust({"AWS": f"arn:aws:iam::{MGMT}:role/DeployRole"}),
           inline={"DeployArtifacts": doc(
               {"Sid": "WriteArtifacts", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"],
                "Resource": "arn:aws:s3:::acme-prod-artifacts/*"},
               {"Sid": "UpdateWebhook", "Effect": "Allow", "Action": "lambda:UpdateFunctionCode",
                "Resource": f"arn:aws:lambda:{REGION}:{PROD}:function:webhook-handler"})},
           tags={"env": "prod", "purpose": "ci"}, last_used="2026-10-31T18:02:40")
    a.role("OrganizationAccountAccessRole", "2019-05-20T15:30:05", trust({"AWS": f"arn:aws:iam::{MGMT}:root"}),
           attached=["AdministratorAccess"], last_used="2026-10-31T21:39:58")
    a.role("PartnerAuditRole", "2024-11-12T10:00:00",
           trust({"AWS": f"arn:aws:iam::{PARTNER}:root"}, condition={"StringEquals": {"sts:ExternalId": "acme-7f3a9c"}}),
           attached=["ReadOnlyAccess"], tags={"partner": "fabrikam-audit"}, last_used="2026-10-12T09:15:00",
           description="Read-only access for the external auditor")
    a.role("webhook-handler-role", "2025-01-20T16:00:00", trust({"Service": "lambda.amazonaws.com"}),
           attached=["AWSLambdaBasicExecutionRole"], path="/service-role/", last_used="2026-10-31T20:58:00")
    a.role("ReportingRole", "2023-02-01T12:00:00",
           trust({"AWS": [f"arn:aws:iam::{MGMT}:user/security-auditor", "AIDAQ3EGWY2ZKXN4VTRLA"]}),
           inline={"ReadReports": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                            ["arn:aws:s3:::acme-prod-artifacts", "arn:aws:s3:::acme-prod-artifacts/reports/*"]))},
           last_used="2026-05-10T11:25:00", description="Monthly reporting (unused since May)")
    return a


def dev():
    a = Account(DEV, "acme-dev", V2, "2020-08-03T10:00:00")
    a.policy("DeveloperAccess", [
        ("v1", "2021-01-12T09:00:00", doc(allow(["ec2:Describe*", "lambda:Get*", "lambda:List*", "logs:*"]))),
        ("v2", "2022-03-08T09:00:00", doc(
            allow(["ec2:Describe*", "lambda:Get*", "lambda:List*", "logs:*", "cloudwatch:*"]),
            allow(["s3:*"], ["arn:aws:s3:::acme-dev-*", "arn:aws:s3:::acme-dev-*/*"]))),
    ], default="v2", created="2021-01-12T09:00:00")
    a.policy("DeveloperBoundary", [
        ("v1", "2022-03-08T09:30:00", doc(
            {"Sid": "BoundaryServices", "Effect": "Allow",
             "Action": ["s3:*", "lambda:*", "logs:*", "cloudwatch:*", "dynamodb:*", "ec2:Describe*"], "Resource": "*"},
            {"Sid": "NoBoundaryEscape", "Effect": "Deny",
             "Action": ["iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary"], "Resource": "*"})),
    ], default="v1", created="2022-03-08T09:30:00", description="Maximum permissions for developers and their roles")
    a.policy("FrankToolsPolicy", [
        ("v1", "2026-01-10T10:00:00", doc(
            allow(["ec2:Describe*", "cloudwatch:GetMetricData"]),
            {"Sid": "ManageOwnToolsPolicy", "Effect": "Allow",
             "Action": ["iam:CreatePolicyVersion", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"],
             "Resource": f"arn:aws:iam::{DEV}:policy/FrankToolsPolicy"})),
    ], default="v1", created="2026-01-10T10:00:00")

    a.group("Developers", "2021-01-12T09:00:00", attached=["DeveloperAccess"])

    a.user("dev.dana", "2024-02-19T09:00:00", groups=["Developers"],
           inline={"LambdaDeploy": doc(
               {"Sid": "DeployFunctions", "Effect": "Allow",
                "Action": ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode"], "Resource": "*"},
               {"Sid": "PassAnyRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": f"arn:aws:iam::{DEV}:role/*"})},
           tags={"team": "web"})
    a.user("dev.erin", "2024-07-01T09:00:00", groups=["Developers"], attached=["PowerUserAccess"],
           boundary="DeveloperBoundary", tags={"team": "web"})
    a.user("dev.frank", "2026-01-10T09:55:00", attached=["FrankToolsPolicy"], tags={"team": "tools"})

    a.role("DevAdminRole", "2022-06-01T08:00:00",
           trust(principal={"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]}),
           attached=["AdministratorAccess"], instance_profile="DevAdminRole", last_used="2026-10-30T22:10:00",
           description="Admin role for build tooling")
    a.role("DevAppRole", "2022-06-01T08:10:00", trust({"Service": "ec2.amazonaws.com"}),
           inline={"AppData": doc(allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "arn:aws:s3:::acme-dev-data/*"),
                                  allow(["sqs:*"], "*"))},
           boundary="DeveloperBoundary", instance_profile="dev-app-profile", tags={"env": "dev"},
           last_used="2026-10-31T12:00:00")
    a.role("OrganizationAccountAccessRole", "2020-08-03T10:00:05", trust({"AWS": f"arn:aws:iam::{MGMT}:root"}),
           attached=["AdministratorAccess"], last_used="2026-10-31T21:45:30")
    a.role("LegacyBatchRole", "2024-06-01T10:00:00", trust({"Service": "batch.amazonaws.com"}),
           inline={"BatchData": doc(allow(["s3:*", "dynamodb:*"]))}, description="Old batch pipeline, never used")
    return a


# ---------------------------------------------------------------------------------------------
# Per-account files


def account_summary(acct, mfa_enabled, root_keys, mfa_devices, mfa_in_use, server_certificates):
    """get-account-summary; the device and certificate counts agree with iam_listings (plus hardware devices)."""
    policies = len(acct.policies)
    versions = sum(len(p["versions"]) for p in acct.policies)
    summary = {
        "GroupPolicySizeQuota": 5120, "InstanceProfilesQuota": 1000, "Policies": policies,
        "GroupsPerUserQuota": 10, "InstanceProfiles": sum(1 for r in acct.roles if r["instance_profile"]),
        "AttachedPoliciesPerUserQuota": 10, "Users": len(acct.users), "PoliciesQuota": 1500, "Providers": 0,
        "AccountMFAEnabled": mfa_enabled, "AccessKeysPerUserQuota": 2, "AssumeRolePolicySizeQuota": 2048,
        "PolicyVersionsInUseQuota": 10000, "GlobalEndpointTokenVersion": 1, "VersionsPerPolicyQuota": 5,
        "AttachedPoliciesPerGroupQuota": 10, "PolicySizeQuota": 6144, "Groups": len(acct.groups),
        "AccountSigningCertificatesPresent": 0, "UsersQuota": 5000, "ServerCertificatesQuota": 20,
        "MFADevices": mfa_devices, "UserPolicySizeQuota": 2048, "PolicyVersionsInUse": versions,
        "ServerCertificates": server_certificates,
        "Roles": len(acct.roles), "RolesQuota": 1000, "SigningCertificatesPerUserQuota": 2, "MFADevicesInUse": mfa_in_use,
        "RolePolicySizeQuota": 10240, "AttachedPoliciesPerRoleQuota": 10, "AccountAccessKeysPresent": root_keys,
        "GroupsQuota": 300}
    return {"SummaryMap": summary}


def iam_command(sub, *args):
    return " ".join(["aws", "iam", sub, *args, "--output", "json"])


def common_iam(acct, caller_arn, caller_id, summary, password_policy, alias=True):
    acct.write("caller-identity.json", cli_json({"UserId": caller_id, "Account": acct.id, "Arn": caller_arn}),
               "aws sts get-caller-identity --output json", 0.7)
    acct.write("iam/authorization-details.json", cli_json(authorization_details(acct)),
               iam_command("get-account-authorization-details"), 2.4)
    acct.write("iam/account-summary.json", cli_json(summary), iam_command("get-account-summary"))
    if password_policy is None:
        acct.missing(iam_command("get-account-password-policy"), "no policy",
                     "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: "
                     f"The Password Policy with domain name {acct.id} cannot be found.")
    else:
        acct.write("iam/password-policy.json", cli_json({"PasswordPolicy": password_policy}),
                   iam_command("get-account-password-policy"))
    acct.write("iam/account-aliases.json", cli_json({"AccountAliases": [acct.alias] if alias else []}),
               iam_command("list-account-aliases"))


def iam_listings(acct, devices, certificates):
    """list-virtual-mfa-devices and list-server-certificates, in the collector's order (after the aliases).

    devices: [(device name, user name or "<root>" or None for unassigned, enable date)];
    certificates: [(name, path, uploaded, expires)].
    """
    c = acct.clock
    entries = []
    for name, user, enabled in devices:
        entry = {"SerialNumber": f"arn:aws:iam::{acct.id}:mfa/{name}"}
        if user == "<root>":
            # The root user as IAM describes it: no path or name, the account id as its id.
            entry["User"] = {"UserId": acct.id, "Arn": f"arn:aws:iam::{acct.id}:root", "CreateDate": c.iam(acct.created)}
        elif user:
            u = next(x for x in acct.users if x["name"] == user)
            entry["User"] = {"Path": u["path"], "UserName": user, "UserId": unique_id("AIDA", acct.id, "user", user),
                             "Arn": acct.arn("user", user, u["path"]), "CreateDate": c.iam(u["created"])}
        if user:
            entry["EnableDate"] = c.iam(enabled)
        entries.append(entry)
    acct.write("iam/virtual-mfa-devices.json", cli_json({"VirtualMFADevices": entries}),
               iam_command("list-virtual-mfa-devices"))
    acct.write("iam/server-certificates.json", cli_json({"ServerCertificateMetadataList": [
        {"Path": path, "ServerCertificateName": name,
         "ServerCertificateId": unique_id("ASCA", acct.id, "server-certificate", name),
         "Arn": f"arn:aws:iam::{acct.id}:server-certificate{path}{name}",
         "UploadDate": c.iam(uploaded), "Expiration": c.iam(expires)}
        for name, path, uploaded, expires in certificates]}), iam_command("list-server-certificates"))


def credential_report_files(acct, csv_text, generated, write_csv, write_json):
    acct.steps.append(step(iam_command("generate-credential-report"), "ok", 0, 0.8, None, None, acct.id))
    if write_json:
        raw = {"Content": base64.b64encode(csv_text.encode()).decode(), "ReportFormat": "text/csv",
               "GeneratedTime": acct.clock.iam(generated)}
        acct.write("iam/credential-report.json", cli_json(raw), iam_command("get-credential-report"), 0.9)
    if write_csv:
        path = f"accounts/{acct.id}/iam/credential-report.csv"
        acct.files[path] = csv_text
        if not write_json:
            acct.steps.append(step(iam_command("get-credential-report") + " (decoded Content)", "ok", 0, 0.9, path,
                                   None, acct.id))


def last_accessed_file(acct, kind, name, data):
    arn_kind = {"users": "user", "roles": "role", "groups": "group", "policies": "policy"}[kind]
    entity = next((e for e in {"users": acct.users, "roles": acct.roles, "groups": acct.groups,
                               "policies": acct.policies}[kind] if e["name"] == name))
    arn = acct.arn(arn_kind, name, entity["path"])
    granularity = "ACTION_LEVEL" if kind in ("users", "roles") else "SERVICE_LEVEL"
    job = stable_uuid(acct.id, kind, name)
    acct.steps.append(step(iam_command("generate-service-last-accessed-details", "--arn", arn,
                                       "--granularity", granularity), "ok", 0, 0.6, None, None, acct.id))
    acct.write(f"iam/last-accessed/{kind}/{name}.json", cli_json(last_accessed(acct.clock, arn, granularity, data)),
               iam_command("get-service-last-accessed-details", "--job-id", job))


def bucket_policy(acct, bucket, policy):
    command = f"aws s3api get-bucket-policy --bucket {bucket} --output json"
    if policy is None:
        acct.missing(command, "no policy", "An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy "
                                           "operation: The bucket policy does not exist")
    else:
        acct.write(f"resource-policies/s3/{bucket}.json", cli_json({"Policy": compact(policy)}), command, 0.5)


def bucket_public_access_block(acct, bucket, **settings):
    """s3api get-public-access-block: the bucket's S3 Block Public Access settings."""
    command = f"aws s3api get-public-access-block --bucket {bucket} --output json"
    config = {key: settings.get(key, False)
              for key in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}
    acct.write(f"resource-policies/s3/{bucket}.public-access-block.json",
               cli_json({"PublicAccessBlockConfiguration": config}), command, 0.4)


def kms_policy(acct, key_id, policy, error=None):
    command = f"aws kms get-key-policy --key-id {key_id} --policy-name default --region {REGION} --output json"
    if error:
        acct.missing(command, "failed", error)
        return
    acct.write(f"resource-policies/kms/{REGION}/{key_id}.json",
               cli_json({"Policy": jackson(policy), "PolicyName": "default"}), command, 0.5)


def default_key_policy(account):
    return {"Version": "2012-10-17", "Id": "key-default-1", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
         "Action": "kms:*", "Resource": "*"}]}


def lambda_policy(acct, function, policy):
    command = f"aws lambda get-policy --function-name {function} --region {REGION} --output json"
    if policy is None:
        acct.missing(command, "no policy", "An error occurred (ResourceNotFoundException) when calling the GetPolicy "
                                           "operation: The resource you requested does not exist.")
        return
    acct.write(f"resource-policies/lambda/{REGION}/{function}.json",
               cli_json({"Policy": compact(policy), "RevisionId": stable_uuid(acct.id, "lambda", function)}), command, 0.6)


def queue_policy(acct, queue, policy):
    url = f"https://sqs.{REGION}.amazonaws.com/{acct.id}/{queue}"
    command = f"aws sqs get-queue-attributes --queue-url {url} --attribute-names Policy QueueArn --region {REGION} --output json"
    arn = f"arn:aws:sqs:{REGION}:{acct.id}:{queue}"
    if policy is None:
        # The queue has no policy: the answer carries QueueArn only; nothing is written.
        acct.steps.append(step(command, "no policy", 0, 0.5, None, "no Policy attribute", acct.id))
        return
    acct.write(f"resource-policies/sqs/{REGION}/{queue}.json",
               cli_json({"Attributes": {"Policy": compact(policy), "QueueArn": arn}}), command, 0.5)


def topic_policy(acct, topic, policy):
    arn = f"arn:aws:sns:{REGION}:{acct.id}:{topic}"
    command = f"aws sns get-topic-attributes --topic-arn {arn} --region {REGION} --output json"
    delivery = compact({"http": {"defaultHealthyRetryPolicy": {
        "minDelayTarget": 20, "maxDelayTarget": 20, "numRetries": 3, "numMaxDelayRetries": 0, "numNoDelayRetries": 0,
        "numMinDelayRetries": 0, "backoffFunction": "linear"}, "disableSubscriptionOverrides": False,
        "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"}}})
    attributes = {"Policy": compact(policy), "Owner": acct.id, "SubscriptionsPending": "0", "TopicArn": arn,
                  "EffectiveDeliveryPolicy": delivery, "SubscriptionsConfirmed": "2", "DisplayName": "",
                  "SubscriptionsDeleted": "0"}
    acct.write(f"resource-policies/sns/{REGION}/{topic}.json", cli_json({"Attributes": attributes}), command, 0.5)


def sns_default_policy(account, topic):
    arn = f"arn:aws:sns:{REGION}:{account}:{topic}"
    return {"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [
        {"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                    "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
         "Resource": arn, "Condition": {"StringEquals": {"AWS:SourceOwner": account}}}]}


def secret_policy(acct, name, suffix, policy):
    arn = f"arn:aws:secretsmanager:{REGION}:{acct.id}:secret:{name}-{suffix}"
    command = f"aws secretsmanager get-resource-policy --secret-id {name} --region {REGION} --output json"
    if policy is None:
        # The answer carries ARN and Name only: recorded, not written.
        acct.steps.append(step(command, "no policy", 0, 0.5, None, "no ResourcePolicy in the answer", acct.id))
        return
    acct.write(f"resource-policies/secretsmanager/{REGION}/{name.replace('/', '%2F')}.json",
               cli_json({"ARN": arn, "Name": name, "ResourcePolicy": jackson(policy)}), command, 0.6)


# ---------------------------------------------------------------------------------------------
# Access Analyzer


def analyzers_files(acct):
    c = acct.clock
    external = f"arn:aws:access-analyzer:{REGION}:{MGMT}:analyzer/acme-org-external"
    unused = f"arn:aws:access-analyzer:{REGION}:{MGMT}:analyzer/acme-org-unused"
    listing = {"analyzers": [
        {"arn": external, "name": "acme-org-external", "type": "ORGANIZATION", "createdAt": c.rest("2024-05-06T08:30:00"),
         "lastResourceAnalyzed": "arn:aws:s3:::acme-prod-public-assets",
         "lastResourceAnalyzedAt": c.rest("2026-10-31T19:02:13"), "tags": {}, "status": "ACTIVE"},
        {"arn": unused, "name": "acme-org-unused", "type": "ORGANIZATION_UNUSED_ACCESS",
         "createdAt": c.rest("2025-03-01T08:00:00"), "lastResourceAnalyzed": f"arn:aws:iam::{DEV}:role/LegacyBatchRole",
         "lastResourceAnalyzedAt": c.rest("2026-10-31T06:00:00"), "tags": {}, "status": "ACTIVE",
         "configuration": {"unusedAccess": {"unusedAccessAge": 90}}},
    ]}
    acct.write(f"access-analyzer/{REGION}/analyzers.json", cli_json(listing),
               f"aws accessanalyzer list-analyzers --region {REGION} --output json", 0.7)

    def f1(key, resource, rtype, owner, principal, actions, public, status, created, updated, condition=None):
        return {"id": stable_uuid("finding", key), "principal": principal, "action": actions, "resource": resource,
                "isPublic": public, "resourceType": rtype, "condition": condition or {},
                "createdAt": c.rest(created), "analyzedAt": c.rest("2026-10-31T19:02:13"), "updatedAt": c.rest(updated),
                "status": status, "resourceOwnerAccount": owner}

    prod_key = f"arn:aws:kms:{REGION}:{PROD}:key/{PROD_SHARED_KEY}"
    findings = {"findings": [
        f1("public-assets", "arn:aws:s3:::acme-prod-public-assets", "AWS::S3::Bucket", PROD, {"AWS": "*"},
           ["s3:GetObject"], True, "ACTIVE", "2025-11-03T10:15:00", "2025-11-03T10:15:00"),
        f1("kms-partner", prod_key, "AWS::KMS::Key", PROD, {"AWS": PARTNER},
           ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"], False, "ACTIVE", "2026-02-14T12:00:00",
           "2026-02-14T12:00:00"),
        f1("sqs-partner", f"arn:aws:sqs:{REGION}:{PROD}:orders-queue", "AWS::SQS::Queue", PROD, {"AWS": PARTNER},
           ["sqs:SendMessage"], False, "ACTIVE", "2026-04-22T08:30:00", "2026-04-22T08:30:00",
           condition={"aws:SourceIp": "203.0.113.0/24"}),
        f1("partner-audit-role", f"arn:aws:iam::{PROD}:role/PartnerAuditRole", "AWS::IAM::Role", PROD,
           {"AWS": PARTNER}, ["sts:AssumeRole"], False, "ARCHIVED", "2024-11-12T10:20:00", "2024-11-15T09:00:00",
           condition={"sts:ExternalId": "acme-7f3a9c"}),
        f1("example-bucket-partner", "arn:aws:s3:::example-bucket", "AWS::S3::Bucket", MGMT, {"AWS": PARTNER},
           ["s3:GetObject"], False, "ACTIVE", "2026-03-09T15:40:00", "2026-03-09T15:40:00"),
        f1("webhook-url", f"arn:aws:lambda:{REGION}:{PROD}:function:webhook-handler", "AWS::Lambda::Function", PROD,
           {"AWS": "*"}, ["lambda:InvokeFunctionUrl"], True, "ACTIVE", "2025-01-20T16:30:00", "2025-01-20T16:30:00",
           condition={"lambda:FunctionUrlAuthType": "NONE"}),
        f1("old-share", f"arn:aws:s3:::acme-prod-backups", "AWS::S3::Bucket", PROD, {"AWS": "123456789012"},
           ["s3:GetObject", "s3:ListBucket"], False, "RESOLVED", "2024-01-10T10:00:00", "2026-09-01T12:00:00"),
    ]}
    acct.write(f"access-analyzer/{REGION}/acme-org-external/findings.json", cli_json(findings),
               f"aws accessanalyzer list-findings --analyzer-arn {external} --region {REGION} --output json", 1.1)

    def f2(key, resource, rtype, owner, ftype, status, created, updated):
        return {"analyzedAt": c.rest("2026-10-31T06:00:00"), "createdAt": c.rest(created), "id": stable_uuid("finding", key),
                "resource": resource, "resourceType": rtype, "resourceOwnerAccount": owner, "status": status,
                "updatedAt": c.rest(updated), "findingType": ftype}

    v2 = {"findings": [
        f2("legacy-batch", f"arn:aws:iam::{DEV}:role/LegacyBatchRole", "AWS::IAM::Role", DEV, "UnusedIAMRole",
           "ACTIVE", "2024-09-01T06:00:00", "2026-10-31T06:00:00"),
        f2("reporting-role", f"arn:aws:iam::{PROD}:role/ReportingRole", "AWS::IAM::Role", PROD, "UnusedIAMRole",
           "ACTIVE", "2026-08-10T06:00:00", "2026-10-31T06:00:00"),
        f2("contractor-key", f"arn:aws:iam::{MGMT}:user/old-contractor", "AWS::IAM::User", MGMT,
           "UnusedIAMUserAccessKey", "ACTIVE", "2026-07-01T06:00:00", "2026-10-31T06:00:00"),
        f2("contractor-password", f"arn:aws:iam::{MGMT}:user/old-contractor", "AWS::IAM::User", MGMT,
           "UnusedIAMUserPassword", "ACTIVE", "2026-07-01T06:00:00", "2026-10-31T06:00:00"),
        f2("dana-iam", f"arn:aws:iam::{DEV}:user/dev.dana", "AWS::IAM::User", DEV, "UnusedPermission",
           "ACTIVE", "2026-05-20T06:00:00", "2026-10-31T06:00:00"),
        f2("breakglass", f"arn:aws:iam::{MGMT}:role/BreakGlassAdmin", "AWS::IAM::Role", MGMT, "UnusedIAMRole",
           "ARCHIVED", "2026-06-01T06:00:00", "2026-06-02T09:00:00"),
    ]}
    acct.write(f"access-analyzer/{REGION}/acme-org-unused/findings-v2.json", cli_json(v2),
               f"aws accessanalyzer list-findings-v2 --analyzer-arn {unused} --region {REGION} --output json", 1.0)


PROD_SHARED_KEY = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
PROD_LOCKED_KEY = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"
MGMT_KEY = "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e"
DEV_KEY = "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928171"

# ---------------------------------------------------------------------------------------------
# Organization


def organization_files():
    c = V1
    files, steps = {}, []

    def put(path, obj, command, seconds=0.8):
        files[f"organization/{path}"] = cli_json(obj)
        steps.append(step(command, "ok", 0, seconds, f"organization/{path}", None, MGMT))

    org_arn = f"arn:aws:organizations::{MGMT}:organization/{ORG_ID}"

    def account_arn(a):
        return f"arn:aws:organizations::{MGMT}:account/{ORG_ID}/{a}"

    def ou_arn(ou):
        return f"arn:aws:organizations::{MGMT}:ou/{ORG_ID}/{ou}"

    root_arn = f"arn:aws:organizations::{MGMT}:root/{ORG_ID}/{ROOT_ID}"
    put("describe-organization.json", {"Organization": {
        "Id": ORG_ID, "Arn": org_arn, "FeatureSet": "ALL", "MasterAccountArn": account_arn(MGMT),
        "MasterAccountId": MGMT, "MasterAccountEmail": "aws-management@acme.example",
        "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}},
        "aws organizations describe-organization --output json")
    accounts = [
        (MGMT, "acme-management", "aws-management@acme.example", "CREATED", "2019-03-04T09:12:44.412"),
        (PROD, "acme-prod", "aws-prod@acme.example", "CREATED", "2019-05-20T15:30:00.087"),
        (DEV, "acme-dev", "aws-dev@acme.example", "INVITED", "2020-08-03T10:00:00.930"),
    ]
    put("accounts.json", {"Accounts": [
        {"Id": a, "Arn": account_arn(a), "Email": email, "Name": name, "Status": "ACTIVE", "State": "ACTIVE",
         "JoinedMethod": method, "JoinedTimestamp": c.epoch_or_iso(joined)}
        for a, name, email, method, joined in accounts]}, "aws organizations list-accounts --output json")
    put("roots.json", {"Roots": [{"Id": ROOT_ID, "Arn": root_arn, "Name": "Root", "PolicyTypes": [
        {"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"},
        {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}]},
        "aws organizations list-roots --output json")
    ous = {OU_PROD: "Production", OU_DEV: "Development"}
    put(f"ou-children/{ROOT_ID}.json", {"OrganizationalUnits": [
        {"Id": ou, "Arn": ou_arn(ou), "Name": name} for ou, name in ous.items()]},
        f"aws organizations list-organizational-units-for-parent --parent-id {ROOT_ID} --output json")
    for ou in ous:
        put(f"ou-children/{ou}.json", {"OrganizationalUnits": []},
            f"aws organizations list-organizational-units-for-parent --parent-id {ou} --output json", 0.6)
    for parent, members in ((ROOT_ID, [MGMT]), (OU_PROD, [PROD]), (OU_DEV, [DEV])):
        put(f"children/{parent}.json", {"Children": [{"Id": m, "Type": "ACCOUNT"} for m in members]},
            f"aws organizations list-children --parent-id {parent} --child-type ACCOUNT --output json", 0.6)

    target_info = {ROOT_ID: ("Root", "ROOT", root_arn), OU_PROD: ("Production", "ORGANIZATIONAL_UNIT", ou_arn(OU_PROD)),
                   OU_DEV: ("Development", "ORGANIZATIONAL_UNIT", ou_arn(OU_DEV))}
    for a, name, *_ in accounts:
        target_info[a] = (name, "ACCOUNT", account_arn(a))
    everywhere = [ROOT_ID, OU_PROD, OU_DEV, MGMT, PROD, DEV]

    def policies(folder, kind, arn_kind, entries):
        summaries = []
        for pid, name, description, aws_managed, content, targets in entries:
            arn = (f"arn:aws:organizations::aws:policy/{arn_kind}/{pid}" if aws_managed
                   else f"arn:aws:organizations::{MGMT}:policy/{ORG_ID}/{arn_kind}/{pid}")
            summary = {"Id": pid, "Arn": arn, "Name": name, "Description": description, "Type": kind,
                       "AwsManaged": aws_managed}
            summaries.append(summary)
            put(f"{folder}/{pid}.json", {"Policy": {"PolicySummary": summary, "Content": content}},
                f"aws organizations describe-policy --policy-id {pid} --output json", 0.6)
            put(f"{folder}/{pid}.targets.json", {"Targets": [
                {"TargetId": t, "Arn": target_info[t][2], "Name": target_info[t][0], "Type": target_info[t][1]}
                for t in targets]}, f"aws organizations list-targets-for-policy --policy-id {pid} --output json", 0.6)
        put(f"{folder}/list-policies.json", {"Policies": summaries},
            f"aws organizations list-policies --filter {kind} --output json", 0.7)

    full_access = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}'
    protect_prod = json.dumps(doc(
        {"Sid": "ProtectProductionData", "Effect": "Deny",
         "Action": ["s3:DeleteBucket", "s3:PutBucketPublicAccessBlock", "kms:ScheduleKeyDeletion"], "Resource": "*"},
        {"Sid": "StayInTheOrganization", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
        {"Sid": "KeepTheAuditTrail", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
         "Resource": "*"}), indent=2)
    deny_root = json.dumps(doc(
        {"Sid": "DenyRootUserInMembers", "Effect": "Deny", "Action": "*", "Resource": "*",
         "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}))
    policies("scps", "SERVICE_CONTROL_POLICY", "service_control_policy", [
        ("p-FullAWSAccess", "FullAWSAccess", "Allows access to every operation", True, full_access, everywhere),
        ("p-7k2m9x4q1z", "ProtectProduction", "Deny deleting buckets, leaving the organization and stopping CloudTrail",
         False, protect_prod, [OU_PROD]),
        ("p-3d8f6h2j5l", "DenyRootUser", "Deny the root user of the development accounts", False, deny_root, [OU_DEV]),
    ])
    rcp_full = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}'
    policies("rcps", "RESOURCE_CONTROL_POLICY", "resource_control_policy", [
        ("p-RCPFullAWSAccess", "RCPFullAWSAccess", "Allows access to every resource", True, rcp_full, everywhere),
    ])
    return files, steps


# ---------------------------------------------------------------------------------------------
# Everything


def build():
    mg, pr, dv = management(), prod(), dev()

    # management: CLI v1, credential report as decoded CSV only
    common_iam(mg, f"arn:aws:iam::{MGMT}:user/security-auditor", unique_id("AIDA", MGMT, "user", "security-auditor"),
               account_summary(mg, 1, 0, mfa_devices=3, mfa_in_use=3, server_certificates=1),
               {"MinimumPasswordLength": 14, "RequireSymbols": True, "RequireNumbers": True,
                "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
                "AllowUsersToChangePassword": True, "ExpirePasswords": True, "MaxPasswordAge": 90,
                "PasswordReusePrevention": 24, "HardExpiry": False})
    # root's MFA is an authenticator app (CIS 2.6 fails); security-auditor uses a security key, not listed here.
    iam_listings(mg, [("root-account-mfa-device", "<root>", "2019-03-04T09:20:00"),
                      ("alice.admin", "alice.admin", "2019-03-04T09:40:00")],
                 [("tools-acme-example-2027", "/", "2026-06-30T11:00:00", "2027-07-01T23:59:59")])
    credential_report_files(mg, credential_report(mg, dict(password_used="2026-08-14T07:31:02", mfa=True), {
        "alice.admin": dict(password=True, password_used="2026-10-31T08:12:40", changed="2026-09-02T10:00:00", mfa=True,
                            key1=key("2026-09-15T10:00:00", "2026-10-30T17:20:00", "iam")),
        "bob.ops": dict(password=True, password_used="2026-10-30T19:45:00", changed="2026-08-20T09:00:00", mfa=False),
        "security-auditor": dict(password=True, password_used="2026-10-01T09:30:00", changed="2026-09-01T08:00:00",
                                 mfa=True),
        "ci-deployer": dict(key1=key("2025-08-20T14:05:00", "2026-10-31T18:02:10", "s3")),
        "old-contractor": dict(password=True, changed="2026-04-01T10:00:00", mfa=False,
                               key1=key("2026-04-01T10:05:00")),
    }, expire_days=90), "2026-10-31T21:40:05", write_csv=True, write_json=False)

    # prod: CLI v2, credential report as the raw JSON only; a root access key; a weak password policy
    common_iam(pr, f"arn:aws:sts::{PROD}:assumed-role/OrganizationAccountAccessRole/iamsh-collect",
               unique_id("AROA", PROD, "role", "OrganizationAccountAccessRole") + ":iamsh-collect",
               account_summary(pr, 0, 1, mfa_devices=2, mfa_in_use=1, server_certificates=2),
               {"MinimumPasswordLength": 8, "RequireSymbols": False, "RequireNumbers": True,
                "RequireUppercaseCharacters": False, "RequireLowercaseCharacters": True,
                "AllowUsersToChangePassword": True, "ExpirePasswords": False, "HardExpiry": False})
    # root has no MFA at all; dave.analyst's device was created but never enabled; last year's API
    # certificate expired and was never deleted (CIS 2.17 fails).
    iam_listings(pr, [("carol.oncall", "carol.oncall", "2020-02-10T09:30:00"), ("dave.analyst", None, None)],
                 [("api-acme-example-2025", "/", "2025-03-10T08:00:00", "2026-03-14T23:59:59"),
                  ("api-acme-example-2026", "/", "2026-03-02T08:00:00", "2027-03-14T23:59:59")])
    credential_report_files(pr, credential_report(pr, dict(
        password_used="2026-10-20T06:14:55", mfa=False,
        key1=key("2023-04-11T12:00:00", "2026-10-20T06:20:31", "ec2")), {
        "carol.oncall": dict(password=True, password_used="2026-10-29T02:10:00", changed="2026-05-10T09:00:00", mfa=True),
        "dave.analyst": dict(password=True, password_used="2026-06-01T14:00:00", changed="2025-12-01T09:00:00", mfa=False),
        "svc-reporting": dict(key1=key("2026-07-01T09:00:00", "2026-10-22T04:00:00", "s3"),
                              key2=key("2026-07-01T09:01:00")),
        "legacy-ftp": dict(key1=dict(active=False, used="2024-02-11T03:00:00", service="s3", region="N/A")),
    }), "2026-10-31T21:45:10", write_csv=False, write_json=True)

    # dev: CLI v2, both report files (as the collector writes them); no password policy
    common_iam(dv, f"arn:aws:sts::{DEV}:assumed-role/OrganizationAccountAccessRole/iamsh-collect",
               unique_id("AROA", DEV, "role", "OrganizationAccountAccessRole") + ":iamsh-collect",
               account_summary(dv, 1, 0, mfa_devices=2, mfa_in_use=2, server_certificates=0), None)
    # root has MFA and no virtual device: a hardware one (CIS 2.6 passes); no server certificates.
    iam_listings(dv, [("dev.erin", "dev.erin", "2024-07-01T09:20:00")], [])
    credential_report_files(dv, credential_report(dv, dict(password_used=None, mfa=True), {
        "dev.dana": dict(password=True, password_used="2026-10-28T16:00:00", changed="2024-02-19T09:00:00", mfa=False,
                         key1=key("2026-10-01T09:00:00", "2026-10-31T15:30:00", "lambda")),
        "dev.erin": dict(password=True, password_used="2026-10-25T10:00:00", changed="2026-03-01T09:00:00", mfa=True),
        "dev.frank": dict(key1=key("2026-01-10T10:02:00", "2026-10-15T11:00:00", "iam")),
    }), "2026-10-31T21:48:30", write_csv=True, write_json=True)

    # last accessed (service level for groups and policies, action level for users and roles)
    admin_services = [("cloudtrail", None, 0, None), ("dynamodb", None, 0, None), ("kms", None, 0, None),
                      ("rds", None, 0, None), ("sqs", None, 0, None)]
    last_accessed_file(mg, "users", "alice.admin", [
        ("iam", "2026-10-30T17:20:00", 1, [("CreateUser", None), ("ListUsers", "2026-10-30T17:20:00")]),
        ("s3", "2026-10-28T09:00:00", 1, [("GetObject", "2026-10-28T09:00:00"), ("PutBucketPolicy", None)]),
        ("ec2", "2026-09-15T11:00:00", 1, [("DescribeInstances", "2026-09-15T11:00:00"), ("RunInstances", None)]),
        ("organizations", "2026-10-01T10:00:00", 1, None),
        ("lambda", None, 0, [("CreateFunction", None)])] + admin_services)
    last_accessed_file(mg, "users", "ci-deployer", [
        ("s3", "2026-10-31T18:02:10", 1, [("GetObject", "2026-10-31T18:02:10"), ("ListBucket", "2026-10-30T18:00:00")]),
        ("sns", "2026-10-31T18:05:00", 1, None),
        ("sts", "2026-10-31T18:02:11", 1, None)])
    last_accessed_file(mg, "users", "old-contractor", [
        ("access-analyzer", None, 0, None), ("cloudtrail", None, 0, None), ("iam", None, 0, []),
        ("s3", None, 0, []), ("support", None, 0, None)])
    last_accessed_file(mg, "roles", "DeployRole", [("sts", "2026-10-31T18:02:40", 1, None)])
    last_accessed_file(mg, "roles", "BreakGlassAdmin", [
        ("iam", "2026-03-02T07:50:00", 1, [("AttachRolePolicy", "2026-03-02T07:50:00")]),
        ("s3", None, 0, []), ("ec2", None, 0, [])] + admin_services)
    last_accessed_file(mg, "groups", "Admins", [
        ("iam", "2026-10-30T17:20:00", 2, None), ("s3", "2026-10-28T09:00:00", 1, None),
        ("ec2", "2026-09-15T11:00:00", 1, None), ("organizations", "2026-10-01T10:00:00", 1, None),
        ("lambda", None, 0, None)] + admin_services)
    last_accessed_file(mg, "policies", "CIDeployerPolicy", [
        ("s3", "2026-10-31T18:02:10", 1, None), ("sts", "2026-10-31T18:02:11", 1, None)])

    last_accessed_file(pr, "roles", "ProdDeployer", [
        ("s3", "2026-10-31T18:03:00", 1, [("GetObject", "2026-10-20T12:00:00"), ("PutObject", "2026-10-31T18:03:00")]),
        ("lambda", None, 0, [("UpdateFunctionCode", None)])])
    last_accessed_file(pr, "roles", "ReportingRole", [
        ("s3", "2026-05-10T11:25:00", 1, [("GetObject", "2026-05-10T11:25:00"), ("ListBucket", "2026-05-10T11:24:00")])])
    last_accessed_file(pr, "users", "svc-reporting", [
        ("s3", "2026-10-22T04:00:00", 1, [("GetObject", "2026-10-22T04:00:00"), ("ListBucket", None)])])

    last_accessed_file(dv, "users", "dev.dana", [
        ("lambda", "2026-10-31T15:30:00", 1, [("CreateFunction", "2026-09-12T10:00:00"),
                                              ("InvokeFunction", "2026-10-31T15:30:00"),
                                              ("UpdateFunctionCode", "2026-10-02T09:00:00")]),
        ("iam", None, 0, []), ("ec2", "2026-10-20T09:00:00", 1, [("DescribeInstances", "2026-10-20T09:00:00")]),
        ("logs", "2026-10-31T15:31:00", 1, None), ("cloudwatch", None, 0, None), ("s3", None, 0, [])])
    last_accessed_file(dv, "users", "dev.frank", [
        ("iam", "2026-10-15T11:00:00", 1, [("CreatePolicyVersion", "2026-10-15T11:00:00"), ("GetPolicy", None)]),
        ("ec2", "2026-08-01T09:00:00", 1, [("DescribeInstances", "2026-08-01T09:00:00")]),
        ("cloudwatch", None, 0, None)])
    last_accessed_file(dv, "roles", "LegacyBatchRole", [("dynamodb", None, 0, None), ("s3", None, 0, [])])
    last_accessed_file(dv, "roles", "DevAdminRole", [
        ("lambda", "2026-10-30T22:10:00", 1, [("GetFunction", "2026-10-30T22:10:00")]),
        ("s3", "2026-10-30T22:09:00", 1, [("PutObject", "2026-10-30T22:09:00")])] + admin_services)
    # The mock and AWS both refuse last-accessed jobs sometimes: one failure recorded.
    pr.missing(iam_command("generate-service-last-accessed-details", "--arn", f"arn:aws:iam::{PROD}:user/legacy-ftp",
                           "--granularity", "ACTION_LEVEL"), "failed",
               "An error occurred (Throttling) when calling the GenerateServiceLastAccessedDetails operation (reached max "
               "retries: 1): Rate exceeded", exit_code=254)

    # resource policies
    bucket_policy(mg, "example-bucket", doc(
        {"Sid": "PartnerReadsShared", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/shared/*"}))
    bucket_policy(mg, "acme-mgmt-scratch", None)
    bucket_policy(pr, "acme-prod-artifacts", doc(
        {"Sid": "DeployerWrites", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PROD}:role/ProdDeployer"},
         "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::acme-prod-artifacts/*"},
        {"Sid": "NoObjectDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject",
         "Resource": "arn:aws:s3:::acme-prod-artifacts/*",
         "Condition": {"StringNotEquals": {"aws:PrincipalAccount": PROD}}}))
    bucket_policy(pr, "acme-prod-public-assets", doc(
        {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::acme-prod-public-assets/*"}))
    bucket_policy(pr, "acme-prod-logs", doc(
        {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::acme-prod-logs",
         "Condition": {"StringEquals": {"aws:SourceArn": f"arn:aws:cloudtrail:{REGION}:{PROD}:trail/org-trail"}}},
        {"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::acme-prod-logs/AWSLogs/{PROD}/*",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                        "aws:SourceArn": f"arn:aws:cloudtrail:{REGION}:{PROD}:trail/org-trail"}}},
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": ["arn:aws:s3:::acme-prod-logs", "arn:aws:s3:::acme-prod-logs/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}))
    # The log bucket blocks public access entirely; its policy admits only CloudTrail, so no finding changes.
    bucket_public_access_block(pr, "acme-prod-logs", BlockPublicAcls=True, IgnorePublicAcls=True,
                               BlockPublicPolicy=True, RestrictPublicBuckets=True)
    bucket_policy(pr, "acme-prod-backups", None)
    bucket_policy(dv, "acme-dev-data", doc(
        {"Sid": "OrgRead", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"],
         "Resource": ["arn:aws:s3:::acme-dev-data", "arn:aws:s3:::acme-dev-data/*"],
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}}))

    kms_policy(mg, MGMT_KEY, default_key_policy(MGMT))
    shared = default_key_policy(PROD)
    shared["Id"] = "key-consolepolicy-3"
    shared["Statement"].append({"Sid": "Allow use of the key by the partner", "Effect": "Allow",
                                "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
                                "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"], "Resource": "*"})
    kms_policy(pr, PROD_SHARED_KEY, shared)
    kms_policy(pr, PROD_LOCKED_KEY, None, error=(
        f"An error occurred (AccessDeniedException) when calling the GetKeyPolicy operation: User: "
        f"arn:aws:sts::{PROD}:assumed-role/OrganizationAccountAccessRole/iamsh-collect is not authorized to perform: "
        f"kms:GetKeyPolicy on resource: arn:aws:kms:{REGION}:{PROD}:key/{PROD_LOCKED_KEY} because no resource-based "
        f"policy allows the kms:GetKeyPolicy action"))
    kms_policy(dv, DEV_KEY, default_key_policy(DEV))

    lambda_policy(pr, "webhook-handler", {"Version": "2012-10-17", "Id": "default", "Statement": [
        {"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl",
         "Resource": f"arn:aws:lambda:{REGION}:{PROD}:function:webhook-handler",
         "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]})
    lambda_policy(dv, "image-resizer", {"Version": "2012-10-17", "Id": "default", "Statement": [
        {"Sid": "s3-invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
         "Action": "lambda:InvokeFunction", "Resource": f"arn:aws:lambda:{REGION}:{DEV}:function:image-resizer",
         "Condition": {"StringEquals": {"AWS:SourceAccount": DEV},
                       "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::acme-dev-data"}}}]})
    lambda_policy(dv, "nightly-cleanup", None)

    queue_policy(pr, "orders-queue", {"Version": "2012-10-17", "Id": "orders-queue-policy", "Statement": [
        {"Sid": "PartnerSendsOrders", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
         "Action": "sqs:SendMessage", "Resource": f"arn:aws:sqs:{REGION}:{PROD}:orders-queue",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})
    queue_policy(pr, "orders-dlq", None)

    topic_policy(pr, "alerts", sns_default_policy(PROD, "alerts"))
    topic_policy(mg, "build-status", sns_default_policy(MGMT, "build-status"))

    secret_policy(mg, "acme/ci/github-token", "Xy12Ab", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{MGMT}:role/DeployRole"},
         "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})
    secret_policy(pr, "prod/db/password", "Qw34Er", None)

    analyzers_files(mg)
    dv.missing(f"aws accessanalyzer list-analyzers --region {REGION} --output json", "failed",
               "An error occurred (AccessDeniedException) when calling the ListAnalyzers operation: User: "
               f"arn:aws:sts::{DEV}:assumed-role/OrganizationAccountAccessRole/iamsh-collect is not authorized to "
               "perform: access-analyzer:ListAnalyzers", exit_code=254)

    org_files, org_steps = organization_files()
    files = dict(org_files)
    steps = list(org_steps)
    for acct in (mg, pr, dv):
        files.update(acct.files)
        steps.extend(acct.steps)
    manifest = {"collector": "iamsh collect", "started": "2026-10-31T21:38:12Z", "finished": "2026-10-31T21:52:40Z",
                "regions": [REGION], "steps": steps}
    files["manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    return files


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(root, "Datasets", "demo"))
    args = parser.parse_args()

    catalog = os.path.join(root, "Datasets", "catalog", "services.tsv")
    with open(catalog, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                prefix, name = line.rstrip("\n").split("\t")
                SERVICE_NAMES[prefix] = name

    files = build()
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    for path, content in sorted(files.items()):
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
    print(f"gen-demo: wrote {len(files)} files to {args.out}")


if __name__ == "__main__":
    main()
