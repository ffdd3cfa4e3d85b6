# Writes the loader fixtures (fictional accounts 111122223333 and 444455556666) in the real AWS CLI formats.
# Run from anywhere: python3 Tests/Fixtures/loader/make-fixtures.py
import json, os, base64, urllib.parse
R = os.path.dirname(os.path.abspath(__file__))
def w(rel, obj, raw=False):
    p = os.path.join(R, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(obj if raw else json.dumps(obj, indent=4) + "\n")

A = "111122223333"   # management / main account
B = "444455556666"   # member account, mock-style export
snap = "snapshot"
acct = f"{snap}/accounts/{A}"
bcct = f"{snap}/accounts/{B}"

def doc(*stmts): return {"Version": "2012-10-17", "Statement": list(stmts)}
admin = doc({"Effect": "Allow", "Action": "*", "Resource": "*"})
ro = doc({"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"})
trust_ec2 = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
trust_xacct = doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{B}:root"}, "Action": "sts:AssumeRole",
                   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
boundary = doc({"Effect": "Allow", "Action": ["s3:*", "cloudwatch:*"], "Resource": "*"},
               {"Effect": "Deny", "Action": "iam:*", "Resource": "*"})

gaad_a = {
 "UserDetailList": [
  {"Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE0001", "Arn": f"arn:aws:iam::{A}:user/alice",
   "CreateDate": "2021-03-04T10:11:12+00:00", "UserPolicyList": [
      {"PolicyName": "alice-inline", "PolicyDocument": doc({"Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"})}],
   "GroupList": ["admins"], "AttachedManagedPolicies": [
      {"PolicyName": "ReadOnlyS3", "PolicyArn": f"arn:aws:iam::{A}:policy/ReadOnlyS3"}],
   "Tags": [{"Key": "team", "Value": "platform"}]},
  {"Path": "/contractors/", "UserName": "bob", "UserId": "AIDAEXAMPLEBOB000002", "Arn": f"arn:aws:iam::{A}:user/contractors/bob",
   "CreateDate": "2022-06-01T08:00:00Z", "UserPolicyList": [], "GroupList": ["developers"], "AttachedManagedPolicies": [],
   "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": f"arn:aws:iam::{A}:policy/DevBoundary"},
   "Tags": []},
  {"Path": "/", "UserName": "carol", "UserId": "AIDAEXAMPLECAROL0003", "Arn": f"arn:aws:iam::{A}:user/carol",
   "CreateDate": "2023-01-15T09:30:00.123456+00:00", "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [
      {"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}], "Tags": []},
 ],
 "GroupDetailList": [
  {"Path": "/", "GroupName": "admins", "GroupId": "AGPAEXAMPLEADMINS001", "Arn": f"arn:aws:iam::{A}:group/admins",
   "CreateDate": "2021-03-04T10:00:00Z", "GroupPolicyList": [], "AttachedManagedPolicies": [
      {"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]},
  {"Path": "/", "GroupName": "developers", "GroupId": "AGPAEXAMPLEDEVS00002", "Arn": f"arn:aws:iam::{A}:group/developers",
   "CreateDate": "2021-03-04T10:00:00Z", "GroupPolicyList": [
      {"PolicyName": "dev-ec2", "PolicyDocument": doc({"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"})}],
   "AttachedManagedPolicies": []},
 ],
 "RoleDetailList": [
  {"Path": "/", "RoleName": "app-role", "RoleId": "AROAEXAMPLEAPPROLE01", "Arn": f"arn:aws:iam::{A}:role/app-role",
   "CreateDate": "2021-05-05T05:05:05Z", "AssumeRolePolicyDocument": trust_ec2,
   "InstanceProfileList": [{"Path": "/", "InstanceProfileName": "app-profile", "InstanceProfileId": "AIPAEXAMPLEAPPPROF01",
      "Arn": f"arn:aws:iam::{A}:instance-profile/app-profile", "CreateDate": "2021-05-05T05:05:06Z",
      "Roles": [{"Path": "/", "RoleName": "app-role", "RoleId": "AROAEXAMPLEAPPROLE01", "Arn": f"arn:aws:iam::{A}:role/app-role",
                 "CreateDate": "2021-05-05T05:05:05Z", "AssumeRolePolicyDocument": trust_ec2}]}],
   "RolePolicyList": [{"PolicyName": "app-sqs", "PolicyDocument": doc({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": f"arn:aws:sqs:us-east-1:{A}:orders-queue"})}],
   "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyS3", "PolicyArn": f"arn:aws:iam::{A}:policy/ReadOnlyS3"}],
   "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": f"arn:aws:iam::{A}:policy/DevBoundary"},
   "Tags": [{"Key": "env", "Value": "prod"}],
   "RoleLastUsed": {"LastUsedDate": "2024-05-30T12:00:00+00:00", "Region": "us-east-1"}},
  {"Path": "/", "RoleName": "cross-account-admin", "RoleId": "AROAEXAMPLEXACCT0002", "Arn": f"arn:aws:iam::{A}:role/cross-account-admin",
   "CreateDate": "2021-05-05T05:05:05Z", "AssumeRolePolicyDocument": trust_xacct, "InstanceProfileList": [], "RolePolicyList": [],
   "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
   "Tags": [], "RoleLastUsed": {}},
  {"Path": "/aws-service-role/support.amazonaws.com/", "RoleName": "AWSServiceRoleForSupport", "RoleId": "AROAEXAMPLESUPPORT03",
   "Arn": f"arn:aws:iam::{A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport",
   "CreateDate": "2020-01-01T00:00:00Z", "AssumeRolePolicyDocument": doc({"Effect": "Allow", "Principal": {"Service": "support.amazonaws.com"}, "Action": "sts:AssumeRole"}),
   "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}},
 ],
 "Policies": [
  {"PolicyName": "ReadOnlyS3", "PolicyId": "ANPAEXAMPLEREADONLY1", "Arn": f"arn:aws:iam::{A}:policy/ReadOnlyS3", "Path": "/",
   "DefaultVersionId": "v1", "AttachmentCount": 2, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
   "CreateDate": "2021-03-04T10:00:00Z", "UpdateDate": "2021-04-04T10:00:00Z",
   "PolicyVersionList": [
      {"Document": ro, "VersionId": "v2", "IsDefaultVersion": False, "CreateDate": "2021-04-04T10:00:00Z"},
      {"Document": doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*"}), "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2021-03-04T10:00:00Z"}]},
  {"PolicyName": "DevBoundary", "PolicyId": "ANPAEXAMPLEBOUNDARY2", "Arn": f"arn:aws:iam::{A}:policy/DevBoundary", "Path": "/",
   "DefaultVersionId": "v1", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 2, "IsAttachable": True,
   "CreateDate": "2021-03-04T10:00:00Z", "UpdateDate": "2021-03-04T10:00:00Z",
   "PolicyVersionList": [{"Document": boundary, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2021-03-04T10:00:00Z"}]},
  {"PolicyName": "AdministratorAccess", "PolicyId": "ANPAIWMBCKSKIEE64ZLYK", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "Path": "/",
   "DefaultVersionId": "v1", "AttachmentCount": 3, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
   "CreateDate": "2015-02-06T18:39:46Z", "UpdateDate": "2015-02-06T18:39:46Z",
   "PolicyVersionList": [{"Document": admin, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2015-02-06T18:39:46Z"}]},
  {"PolicyName": "AWSSupportServiceRolePolicy", "PolicyId": "ANPAJ7W6266ELXF5MISDS", "Arn": "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy", "Path": "/aws-service-role/",
   "DefaultVersionId": "v2", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0, "IsAttachable": False,
   "CreateDate": "2018-04-19T18:04:44Z", "UpdateDate": "2019-05-29T18:04:44Z",
   "PolicyVersionList": [{"Document": doc({"Effect": "Allow", "Action": ["support:*"], "Resource": "*"}), "VersionId": "v2", "IsDefaultVersion": True, "CreateDate": "2019-05-29T18:04:44Z"}]},
 ]
}
w(f"{acct}/iam/authorization-details.json", gaad_a)
w(f"{acct}/caller-identity.json", {"UserId": "AIDAEXAMPLEALICE0001", "Account": A, "Arn": f"arn:aws:iam::{A}:user/alice"})

hdr = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
rows_a = [
 f"<root_account>,arn:aws:iam::{A}:root,2020-01-01T00:00:00+00:00,not_supported,2024-04-01T10:00:00+00:00,not_supported,not_supported,false,true,2020-02-01T00:00:00+00:00,2024-01-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
 f"alice,arn:aws:iam::{A}:user/alice,2021-03-04T10:11:12+00:00,TRUE,2024-05-01T09:00:00+00:00,2021-03-04T10:15:00+00:00,N/A,FALSE,true,2021-03-05T00:00:00+00:00,2024-05-20T00:00:00+00:00,eu-west-1,s3,true,2023-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A",
 f"bob,arn:aws:iam::{A}:user/contractors/bob,2022-06-01T08:00:00+00:00,true,no_information,2022-06-01T08:05:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
 f"carol,arn:aws:iam::{A}:user/carol,2023-01-15T09:30:00+00:00,false,N/A,N/A,N/A,false,true,2023-01-15T09:31:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
]
csv_a = hdr + "\n" + "\n".join(rows_a) + "\n"
w(f"{acct}/iam/credential-report.csv", csv_a, raw=True)
w(f"{acct}/iam/credential-report.json", {"Content": base64.b64encode(csv_a.encode()).decode(), "ReportFormat": "text/csv", "GeneratedTime": "2024-06-01T12:00:00+00:00"})
w(f"{acct}/iam/account-summary.json", {"SummaryMap": {"Users": 3, "Groups": 2, "Roles": 3, "AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1, "Policies": 2}})
w(f"{acct}/iam/password-policy.json", {"PasswordPolicy": {"MinimumPasswordLength": 14, "RequireSymbols": True, "RequireNumbers": True, "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True, "AllowUsersToChangePassword": True, "ExpirePasswords": False, "PasswordReusePrevention": 24}})
w(f"{acct}/iam/account-aliases.json", {"AccountAliases": ["example-management"]})
# list-virtual-mfa-devices: bob's device (assigned) and a spare one (no User, no EnableDate); root has no MFA here.
w(f"{acct}/iam/virtual-mfa-devices.json", {"VirtualMFADevices": [
  {"SerialNumber": f"arn:aws:iam::{A}:mfa/bob-phone", "User": {"Path": "/contractors/", "UserName": "bob", "UserId": "AIDAEXAMPLEBOB000002",
   "Arn": f"arn:aws:iam::{A}:user/contractors/bob", "CreateDate": "2022-06-01T08:00:00+00:00"}, "EnableDate": "2022-06-01T08:10:00+00:00"},
  {"SerialNumber": f"arn:aws:iam::{A}:mfa/spare-device"}]})
# list-server-certificates: one valid, one expired before the tests' now (2024-06-15).
w(f"{acct}/iam/server-certificates.json", {"ServerCertificateMetadataList": [
  {"Path": "/", "ServerCertificateName": "www-example-2030", "ServerCertificateId": "ASCAEXAMPLEWWW000001",
   "Arn": f"arn:aws:iam::{A}:server-certificate/www-example-2030", "UploadDate": "2024-02-01T10:00:00+00:00", "Expiration": "2030-02-01T12:00:00+00:00"},
  {"Path": "/cloudfront/", "ServerCertificateName": "old-portal", "ServerCertificateId": "ASCAEXAMPLEOLD000002",
   "Arn": f"arn:aws:iam::{A}:server-certificate/cloudfront/old-portal", "UploadDate": "2023-01-10T09:00:00Z", "Expiration": "2024-01-31T23:59:59Z"}]})
w(f"{acct}/iam/last-accessed/users/alice.json", {
  "JobStatus": "COMPLETED", "JobType": "ACTION_LEVEL", "JobCreationDate": "2024-06-01T12:00:00+00:00", "JobCompletionDate": "2024-06-01T12:00:05+00:00",
  "ServicesLastAccessed": [
    {"ServiceName": "Amazon S3", "LastAuthenticated": "2024-05-20T00:00:00+00:00", "ServiceNamespace": "s3", "LastAuthenticatedEntity": f"arn:aws:iam::{A}:user/alice", "LastAuthenticatedRegion": "eu-west-1", "TotalAuthenticatedEntities": 1,
     "TrackedActionsLastAccessed": [{"ActionName": "GetObject", "LastAccessedEntity": f"arn:aws:iam::{A}:user/alice", "LastAccessedTime": "2024-05-20T00:00:00+00:00", "LastAccessedRegion": "eu-west-1"},
                                    {"ActionName": "PutObject"}]},
    {"ServiceName": "AWS Identity and Access Management", "ServiceNamespace": "iam", "TotalAuthenticatedEntities": 0},
    {"ServiceName": "Amazon CloudWatch Logs", "ServiceNamespace": "logs", "LastAuthenticated": 1714000000, "TotalAuthenticatedEntities": 1}],
  "IsTruncated": False})
w(f"{acct}/iam/last-accessed/roles/app-role.json", {
  "JobStatus": "COMPLETED", "JobType": "SERVICE_LEVEL", "JobCreationDate": "2024-06-01T12:00:00Z", "JobCompletionDate": "2024-06-01T12:00:03Z",
  "ServicesLastAccessed": [{"ServiceName": "Amazon SQS", "ServiceNamespace": "sqs", "LastAuthenticated": "2024-05-30T12:00:00Z", "LastAuthenticatedEntity": f"arn:aws:iam::{A}:role/app-role", "LastAuthenticatedRegion": "us-east-1", "TotalAuthenticatedEntities": 1},
                           {"ServiceName": "Amazon S3", "ServiceNamespace": "s3", "TotalAuthenticatedEntities": 0}],
  "IsTruncated": False})

def pol(*stmts, id=None):
    d = {"Version": "2012-10-17", "Statement": list(stmts)}
    if id: d["Id"] = id
    return json.dumps(d)
w(f"{acct}/resource-policies/s3/example-public-bucket.json", {"Policy": pol({"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-public-bucket/*"})})
w(f"{acct}/resource-policies/kms/us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab.json", {"Policy": pol(
  {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{A}:root"}, "Action": "kms:*", "Resource": "*"},
  {"Sid": "AllowPartnerDecrypt", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{B}:root"}, "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}, id="key-default-1"), "PolicyName": "default"})
# Lambda as the local mock writes it: bare account principal, top-level FunctionUrlAuthType.
w(f"{acct}/resource-policies/lambda/us-east-1/my-function.json", {"Policy": pol(
  {"Sid": "partner-invoke", "Effect": "Allow", "Principal": B, "Action": "lambda:InvokeFunction", "Resource": f"arn:aws:lambda:us-east-1:{A}:function:my-function"},
  {"Sid": "url-public", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": f"arn:aws:lambda:us-east-1:{A}:function:my-function", "FunctionUrlAuthType": "NONE"}, id="default"),
  "RevisionId": "11111111-2222-3333-4444-555555555555"})
w(f"{acct}/resource-policies/sqs/us-east-1/orders-queue.json", {"Attributes": {"Policy": pol({"Sid": "sns-send", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": f"arn:aws:sqs:us-east-1:{A}:orders-queue", "Condition": {"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:alerts"}}}), "QueueArn": f"arn:aws:sqs:us-east-1:{A}:orders-queue"}})
w(f"{acct}/resource-policies/sns/us-east-1/alerts.json", {"Attributes": {"Policy": pol({"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:GetTopicAttributes", "SNS:Publish"], "Resource": f"arn:aws:sns:us-east-1:{A}:alerts", "Condition": {"StringEquals": {"AWS:SourceOwner": A}}}, id="__default_policy_ID"), "Owner": A, "SubscriptionsPending": "0", "TopicArn": f"arn:aws:sns:us-east-1:{A}:alerts", "SubscriptionsConfirmed": "1"}})
w(f"{acct}/resource-policies/secretsmanager/us-east-1/prod%2Fdb-password.json", {"ARN": f"arn:aws:secretsmanager:us-east-1:{A}:secret:prod/db-password-AbCdEf", "Name": "prod/db-password", "ResourcePolicy": pol({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{A}:role/app-role"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"})})
w(f"{acct}/resource-policies/secretsmanager/us-east-1/unshared.json", {"ARN": f"arn:aws:secretsmanager:us-east-1:{A}:secret:unshared-XyZ123", "Name": "unshared"})
w(f"{acct}/access-analyzer/us-east-1/analyzers.json", {"analyzers": [
  {"arn": f"arn:aws:access-analyzer:us-east-1:{A}:analyzer/ext-analyzer", "name": "ext-analyzer", "type": "ACCOUNT", "createdAt": "2024-01-01T00:00:00+00:00", "status": "ACTIVE", "tags": {}},
  {"arn": f"arn:aws:access-analyzer:us-east-1:{A}:analyzer/unused-analyzer", "name": "unused-analyzer", "type": "ACCOUNT_UNUSED_ACCESS", "createdAt": "2024-01-01T00:00:00+00:00", "status": "ACTIVE", "configuration": {"unusedAccess": {"unusedAccessAge": 90}}}]})
w(f"{acct}/access-analyzer/us-east-1/ext-analyzer/findings.json", {"findings": [
  {"id": "f-public-bucket", "principal": {"AWS": "*"}, "action": ["s3:GetObject"], "resource": "arn:aws:s3:::example-public-bucket", "isPublic": True, "resourceType": "AWS::S3::Bucket", "condition": {}, "createdAt": "2024-02-01T00:00:00+00:00", "analyzedAt": "2024-06-01T00:00:00+00:00", "updatedAt": "2024-02-01T00:00:00+00:00", "status": "ACTIVE", "resourceOwnerAccount": A, "sources": [{"type": "POLICY"}]},
  {"id": "f-kms-partner", "principal": {"AWS": B}, "action": ["kms:Decrypt", "kms:DescribeKey"], "resource": f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab", "isPublic": False, "resourceType": "AWS::KMS::Key", "condition": {}, "createdAt": "2024-02-01T00:00:00+00:00", "analyzedAt": "2024-06-01T00:00:00+00:00", "updatedAt": "2024-02-01T00:00:00+00:00", "status": "ARCHIVED", "resourceOwnerAccount": A}]})
w(f"{acct}/access-analyzer/us-east-1/unused-analyzer/findings.json", {"findings": [
  {"id": "u-role", "resource": f"arn:aws:iam::{A}:role/cross-account-admin", "resourceType": "AWS::IAM::Role", "resourceOwnerAccount": A, "status": "ACTIVE", "createdAt": "2024-03-01T00:00:00Z", "analyzedAt": "2024-06-01T00:00:00Z", "updatedAt": "2024-03-01T00:00:00Z", "findingType": "UnusedIAMRole"},
  {"id": "u-perm", "resource": f"arn:aws:iam::{A}:user/alice", "resourceType": "AWS::IAM::User", "resourceOwnerAccount": A, "status": "ACTIVE", "createdAt": "2024-03-01T00:00:00Z", "analyzedAt": "2024-06-01T00:00:00Z", "updatedAt": "2024-03-01T00:00:00Z", "findingType": "UnusedPermission",
   "findingDetails": [{"unusedPermissionDetails": {"serviceNamespace": "iam", "actions": [{"action": "CreateUser"}]}}]}]})

# Member account exported with the raw API / mock quirks: URL-encoded documents, Policies without PolicyName/PolicyId.
enc = lambda d: urllib.parse.quote(json.dumps(d))
gaad_b = {
 "UserDetailList": [{"Path": "/", "UserName": "deploy", "UserId": "abcdefghij0123456789", "Arn": f"arn:aws:iam::{B}:user/deploy", "CreateDate": "2024-01-01T00:00:00.000000+00:00",
   "UserPolicyList": [{"PolicyName": "deploy-inline", "PolicyDocument": enc(doc({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{A}:role/cross-account-admin"}))}],
   "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}],
 "GroupDetailList": [],
 "RoleDetailList": [{"Path": "/", "RoleName": "ci-role", "RoleId": "AROAEXAMPLECIROLE001", "Arn": f"arn:aws:iam::{B}:role/ci-role", "CreateDate": "2024-01-01T00:00:00.000000+00:00",
   "AssumeRolePolicyDocument": enc(doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{B}:user/deploy"}, "Action": "sts:AssumeRole"})),
   "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "CiPolicy", "PolicyArn": f"arn:aws:iam::{B}:policy/ci/CiPolicy"}],
   "Tags": [], "RoleLastUsed": {}}],
 "Policies": [{"Arn": f"arn:aws:iam::{B}:policy/ci/CiPolicy", "Path": "/ci/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": True,
   "CreateDate": "2024-01-01T00:00:00.000000+00:00", "UpdateDate": "2024-01-01T00:00:00.000000+00:00",
   "PolicyVersionList": [{"Document": enc(doc({"Effect": "Allow", "Action": ["codebuild:*"], "Resource": "*"})), "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2024-01-01T00:00:00.000000+00:00"}]}]
}
w(f"{bcct}/iam/authorization-details.json", gaad_b)
rows_b = [f"deploy,arn:aws:iam::{B}:user/deploy,2024-01-01T00:00:00+00:00,false,not_supported,2024-01-01T00:00:00+00:00,not_supported,false,true,2024-01-01T00:00:00+00:00,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A"]
w(f"{bcct}/iam/credential-report.json", {"Content": base64.b64encode((hdr + "\n" + "\n".join(rows_b) + "\n").encode()).decode(), "ReportFormat": "text/csv", "GeneratedTime": "2015-02-02T20:02:02Z"})
# Collected, and the account has none; its virtual MFA devices were not collected.
w(f"{bcct}/iam/server-certificates.json", {"ServerCertificateMetadataList": []})

w(f"{snap}/manifest.json", {"entries": [
  {"account": A, "command": "aws iam get-account-authorization-details", "exit_code": 0, "seconds": 1.5, "file": f"accounts/{A}/iam/authorization-details.json", "status": "ok"},
  {"account": A, "command": "aws s3api get-bucket-policy --bucket quiet-bucket", "exit_code": 255, "seconds": 0.4, "status": "no policy", "error": "An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: The bucket policy does not exist"},
  {"account": B, "command": "aws iam get-account-password-policy", "exit_code": 254, "seconds": 0.5, "error": "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 444455556666 cannot be found."},
  {"account": B, "command": "aws accessanalyzer list-analyzers", "exit_code": 255, "seconds": 0.3, "status": "failed", "error": "Could not connect to the endpoint URL"},
  {"account": B, "command": "aws iam generate-service-last-accessed-details", "status": "not collected"}]})

org = f"{snap}/organization"
O = "o-exampleorg1"
w(f"{org}/describe-organization.json", {"Organization": {"Id": O, "Arn": f"arn:aws:organizations::{A}:organization/{O}", "FeatureSet": "ALL", "MasterAccountArn": f"arn:aws:organizations::{A}:account/{O}/{A}", "MasterAccountId": A, "MasterAccountEmail": "aws-management@example.com", "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}})
w(f"{org}/accounts.json", {"Accounts": [
  {"Id": A, "Arn": f"arn:aws:organizations::{A}:account/{O}/{A}", "Email": "aws-management@example.com", "Name": "management", "Status": "ACTIVE", "JoinedMethod": "INVITED", "JoinedTimestamp": 1577836800.0},
  {"Id": B, "Arn": f"arn:aws:organizations::{A}:account/{O}/{B}", "Email": "aws-workloads@example.com", "Name": "workloads", "Status": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": 1609459200.123}]})
w(f"{org}/roots.json", {"Roots": [{"Id": "r-ex12", "Arn": f"arn:aws:organizations::{A}:root/{O}/r-ex12", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}]})
w(f"{org}/organizational-units.json", {"OrganizationalUnits": [
  {"Id": "ou-ex12-workload", "Arn": f"arn:aws:organizations::{A}:ou/{O}/ou-ex12-workload", "Name": "Workloads", "ParentId": "r-ex12"}],
  "AccountParents": [{"AccountId": B, "ParentId": "ou-ex12-workload"}, {"AccountId": A, "ParentId": "r-ex12"}]})
full = {"Id": "p-FullAWSAccess", "Arn": "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", "Name": "FullAWSAccess", "Description": "Allows access to every operation", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": True}
deny = {"Id": "p-denyleave1", "Arn": f"arn:aws:organizations::{A}:policy/{O}/service_control_policy/p-denyleave1", "Name": "DenyLeaveOrg", "Description": "No leaving", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": False}
w(f"{org}/scps/list-policies.json", {"Policies": [full, deny]})
w(f"{org}/scps/p-FullAWSAccess.json", {"Policy": {"PolicySummary": full, "Content": pol({"Effect": "Allow", "Action": "*", "Resource": "*"})}})
w(f"{org}/scps/p-FullAWSAccess.targets.json", {"Targets": [
  {"TargetId": "r-ex12", "Arn": f"arn:aws:organizations::{A}:root/{O}/r-ex12", "Name": "Root", "Type": "ROOT"},
  {"TargetId": "ou-ex12-workload", "Arn": f"arn:aws:organizations::{A}:ou/{O}/ou-ex12-workload", "Name": "Workloads", "Type": "ORGANIZATIONAL_UNIT"},
  {"TargetId": B, "Arn": f"arn:aws:organizations::{A}:account/{O}/{B}", "Name": "workloads", "Type": "ACCOUNT"}]})
w(f"{org}/scps/p-denyleave1.json", {"Policy": {"PolicySummary": deny, "Content": pol({"Sid": "DenyLeave", "Effect": "Deny", "Action": ["organizations:LeaveOrganization"], "Resource": "*"})}})
w(f"{org}/scps/p-denyleave1.targets.json", {"Targets": [{"TargetId": "ou-ex12-workload", "Arn": f"arn:aws:organizations::{A}:ou/{O}/ou-ex12-workload", "Name": "Workloads", "Type": "ORGANIZATIONAL_UNIT"}]})
rcp = {"Id": "p-rcpnoext1", "Arn": f"arn:aws:organizations::{A}:policy/{O}/resource_control_policy/p-rcpnoext1", "Name": "NoExternalS3", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": False}
w(f"{org}/rcps/list-policies.json", {"Policies": [rcp]})
w(f"{org}/rcps/p-rcpnoext1.json", {"Policy": {"PolicySummary": rcp, "Content": pol({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": O}}})}})
w(f"{org}/rcps/p-rcpnoext1.targets.json", {"Targets": [{"TargetId": "r-ex12", "Name": "Root", "Type": "ROOT"}]})

# Loose files: no layout, recognised by content alone.
w("loose/some-ecr-repo-policy.json", {"arn": f"arn:aws:ecr:eu-west-1:{B}:repository/app-images", "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "pull", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{A}:root"}, "Action": ["ecr:BatchGetImage"]}]}})
w("loose/bucket-policy-export.json", {"Policy": pol({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::loose-logs-bucket", "arn:aws:s3:::loose-logs-bucket/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}})})
w("loose/README.txt", "These are loose exports.\n", raw=True)

# Bad inputs: each yields a diagnostic while the rest loads.
w("bad/truncated.json", '{\n    "UserDetailList": [\n        {"UserName": "x", "Arn": "arn:aws:iam::111122223333:user/x"\n', raw=True)
w("bad/unknown.json", {"Something": 1, "Else": [2]})
bad_hdr = hdr.replace(",mfa_active", "")
w("bad/report-missing-column.csv", bad_hdr + "\n" + f"dave,arn:aws:iam::{A}:user/dave,2021-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" + f"erin,arn:aws:iam::{A}:user/erin,2021-01-01T00:00:00+00:00,true\n", raw=True)
w("bad/bad-policy-details.json", {"UserDetailList": [
   {"Path": "/", "UserName": "frank", "UserId": "AIDAEXAMPLEFRANK0001", "Arn": f"arn:aws:iam::{A}:user/frank", "CreateDate": "2021-01-01T00:00:00Z",
    "UserPolicyList": [{"PolicyName": "broken", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "allow", "Action": "ec2:*", "Resource": "*"}]}},
                       {"PolicyName": "fine", "PolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}}}],
    "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}],
  "GroupDetailList": [], "RoleDetailList": [], "Policies": []})

# A loose list-virtual-mfa-devices output (no account in the path: the ARNs say it): root's MFA is virtual.
w("loose/mfa-export.json", {"VirtualMFADevices": [
  {"SerialNumber": f"arn:aws:iam::{B}:mfa/root-account-mfa-device", "User": {"Arn": f"arn:aws:iam::{B}:root", "UserId": B,
   "CreateDate": "2019-11-02T14:00:00+00:00", "PasswordLastUsed": "2024-05-02T08:00:00+00:00"}, "EnableDate": "2019-11-02T14:05:00+00:00"}]})
