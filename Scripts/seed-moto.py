#!/usr/bin/env python3
"""Seed a local AWS mock (moto_server) with a small, fictional account for the end-to-end test.

Everything is created with boto3 in this one process (one `aws` process per call would cost about half
a second each). The script prints, as one JSON object on stdout, what it created — the numbers and
names the end-to-end test expects to find after `iamsh collect` and a load.

What the mock cannot produce (the credential report's root row, last-accessed data, Access Analyzer
findings, permission boundaries on users) is covered by hand-written fixtures in Tests/Fixtures/e2e/.

Usage: Scripts/seed-moto.py --endpoint-url http://127.0.0.1:PORT [--region us-east-1]
The mock must run with MOTO_IAM_LOAD_MANAGED_POLICIES=true (AWS managed policies can be attached).
"""

import argparse
import io
import json
import sys
import zipfile

import boto3

PARTNER = "999900001111"


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions, resources="*", **extra):
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()

    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    region_name=args.region)

    def client(name):
        return session.client(name, endpoint_url=args.endpoint_url)

    iam, sts = client("iam"), client("sts")
    account = sts.get_caller_identity()["Account"]
    arn = lambda kind, name: f"arn:aws:iam::{account}:{kind}/{name}"  # noqa: E731

    # Managed policies: one with three versions whose default is v2 (not the latest), one boundary.
    deploy = iam.create_policy(PolicyName="DeployPolicy", Description="CI deploys",
                               PolicyDocument=doc(allow("s3:GetObject", "arn:aws:s3:::e2e-artifacts/*")))["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=deploy, SetAsDefault=True, PolicyDocument=doc(
        allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::e2e-artifacts/*"),
        allow("sts:AssumeRole", arn("role", "DeployRole"))))
    iam.create_policy_version(PolicyArn=deploy, SetAsDefault=False, PolicyDocument=doc(allow("s3:*")))
    boundary = iam.create_policy(PolicyName="AppBoundary", PolicyDocument=doc(
        allow(["s3:*", "sqs:*", "logs:*"])))["Policy"]["Arn"]

    # Groups
    iam.create_group(GroupName="Admins")
    iam.attach_group_policy(GroupName="Admins", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    iam.create_group(GroupName="Developers")
    iam.put_group_policy(GroupName="Developers", PolicyName="DevRead",
                         PolicyDocument=doc(allow(["ec2:Describe*", "lambda:Get*", "lambda:List*"])))

    # Users: console users with and without MFA, keys, direct attachments and an inline policy.
    iam.create_user(UserName="alice", Tags=[{"Key": "team", "Value": "platform"}])
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-42!")
    iam.add_user_to_group(GroupName="Admins", UserName="alice")
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(UserName="alice", SerialNumber=serial, AuthenticationCode1="123456",
                          AuthenticationCode2="654321")

    iam.create_user(UserName="bob")
    iam.create_login_profile(UserName="bob", Password="Battery-Staple-7!")
    iam.add_user_to_group(GroupName="Admins", UserName="bob")
    iam.add_user_to_group(GroupName="Developers", UserName="bob")

    iam.create_user(UserName="ci-deployer", Path="/automation/")
    iam.attach_user_policy(UserName="ci-deployer", PolicyArn=deploy)
    iam.put_user_policy(UserName="ci-deployer", PolicyName="PublishStatus",
                        PolicyDocument=doc(allow("sns:Publish", f"arn:aws:sns:{args.region}:{account}:build-status")))
    iam.create_access_key(UserName="ci-deployer")

    iam.create_user(UserName="svc-reporting")
    iam.attach_user_policy(UserName="svc-reporting", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.create_access_key(UserName="svc-reporting")
    iam.create_access_key(UserName="svc-reporting")

    # Roles: a trust chain from the CI user, a boundary on a role, an instance profile, a partner role.
    iam.create_role(RoleName="DeployRole", AssumeRolePolicyDocument=doc(
        {"Effect": "Allow", "Principal": {"AWS": arn("user", "automation/ci-deployer")}, "Action": "sts:AssumeRole"}))
    iam.put_role_policy(RoleName="DeployRole", PolicyName="WriteArtifacts",
                        PolicyDocument=doc(allow("s3:PutObject", "arn:aws:s3:::e2e-artifacts/*")))
    iam.create_role(RoleName="AppRole", PermissionsBoundary=boundary, AssumeRolePolicyDocument=doc(
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}),
        Tags=[{"Key": "env", "Value": "e2e"}])
    iam.attach_role_policy(RoleName="AppRole", PolicyArn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
    iam.create_instance_profile(InstanceProfileName="app-profile")
    iam.add_role_to_instance_profile(InstanceProfileName="app-profile", RoleName="AppRole")
    iam.create_role(RoleName="PartnerRole", AssumeRolePolicyDocument=doc(
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"}, "Action": "sts:AssumeRole",
         "Condition": {"StringEquals": {"sts:ExternalId": "e2e-secret"}}}))
    iam.attach_role_policy(RoleName="PartnerRole", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    lambda_role = iam.create_role(RoleName="LambdaExec", AssumeRolePolicyDocument=doc(
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}))["Role"]["Arn"]

    # Account settings
    iam.create_account_alias(AccountAlias="e2e-account")
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True)

    # Resource policies
    s3 = client("s3")
    for bucket in ("e2e-artifacts", "e2e-public", "e2e-private"):
        s3.create_bucket(Bucket=bucket)
    s3.put_bucket_policy(Bucket="e2e-public", Policy=doc(
        {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::e2e-public/*"}))
    s3.put_bucket_policy(Bucket="e2e-artifacts", Policy=doc(
        {"Sid": "DeployRoleWrites", "Effect": "Allow", "Principal": {"AWS": arn("role", "DeployRole")},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::e2e-artifacts/*"}))

    kms = client("kms")
    key = kms.create_key(Description="shared with the partner")["KeyMetadata"]["KeyId"]
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}))

    sqs = client("sqs")
    queue = sqs.create_queue(QueueName="e2e-orders")["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Policy": doc(
        {"Sid": "PartnerSends", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
         "Action": "sqs:SendMessage", "Resource": f"arn:aws:sqs:{args.region}:{account}:e2e-orders",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})})
    sqs.create_queue(QueueName="e2e-dlq")

    sns = client("sns")
    sns.create_topic(Name="build-status")

    secrets = client("secretsmanager")
    secret = secrets.create_secret(Name="e2e/db/password", SecretString="not-a-real-password")["ARN"]
    secrets.put_resource_policy(SecretId=secret, ResourcePolicy=doc(
        {"Effect": "Allow", "Principal": {"AWS": arn("role", "DeployRole")},
         "Action": "secretsmanager:GetSecretValue", "Resource": "*"}))
    secrets.create_secret(Name="e2e/no-policy", SecretString="nothing")

    lam = client("lambda")
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("handler.py", "def handler(event, context):\n    return 'ok'\n")
    lam.create_function(FunctionName="e2e-webhook", Runtime="python3.12", Role=lambda_role, Handler="handler.handler",
                        Code={"ZipFile": code.getvalue()})
    lam.add_permission(FunctionName="e2e-webhook", StatementId="PartnerInvoke", Action="lambda:InvokeFunction",
                       Principal=PARTNER)
    lam.create_function(FunctionName="e2e-no-policy", Runtime="python3.12", Role=lambda_role,
                        Handler="handler.handler", Code={"ZipFile": code.getvalue()})

    # Organizations: this account manages an organization with one OU and a deny SCP.
    org = client("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
    scp = org.create_policy(Name="DenyLeave", Description="Stay in the organization", Type="SERVICE_CONTROL_POLICY",
                            Content=doc({"Effect": "Deny", "Action": "organizations:LeaveOrganization",
                                         "Resource": "*"}))["Policy"]["PolicySummary"]["Id"]
    org.attach_policy(PolicyId=scp, TargetId=ou)

    json.dump({
        "account": account,
        "users": 4, "groups": 2, "roles": 4, "customer_policies": 2, "instance_profiles": 1,
        "user_names": ["alice", "bob", "ci-deployer", "svc-reporting"],
        "console_users_without_mfa": ["bob"],
        "users_with_two_active_keys": ["svc-reporting"],
        "users_with_direct_policies": ["ci-deployer", "svc-reporting"],
        "default_version": {"DeployPolicy": "v2"}, "policy_versions": {"DeployPolicy": 3},
        "role_boundaries": {"AppRole": "AppBoundary"},
        "buckets_with_policy": ["e2e-artifacts", "e2e-public"], "buckets_without_policy": ["e2e-private"],
        "resource_policies": 7,  # 2 buckets, 1 KMS key, 1 queue, 1 topic, 1 secret, 1 function
        "no_policy": ["e2e-private", "e2e-dlq", "e2e/no-policy", "e2e-no-policy"],
        "organization": {"ous": 1, "scps": 2, "deny_scp": "DenyLeave"},
        "alias": "e2e-account",
        "password_policy_min_length": 8,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
