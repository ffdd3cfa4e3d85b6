import Foundation

/// A small fictional account in the real AWS CLI formats, written to a temporary snapshot folder:
/// get-account-authorization-details, the credential report CSV and an S3 bucket policy.
enum SnapshotFixture {
    static let account = "111122223333"

    static let authorizationDetails = """
    {
      "UserDetailList": [
        {"Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE0001", "Arn": "arn:aws:iam::111122223333:user/alice",
         "CreateDate": "2023-01-10T09:00:00+00:00", "GroupList": ["admins"], "AttachedManagedPolicies": [],
         "UserPolicyList": [], "Tags": [{"Key": "team", "Value": "platform"}]},
        {"Path": "/", "UserName": "bob", "UserId": "AIDAEXAMPLEBOB000001", "Arn": "arn:aws:iam::111122223333:user/bob",
         "CreateDate": "2023-03-05T09:00:00Z", "GroupList": [],
         "AttachedManagedPolicies": [{"PolicyName": "ReadBuckets", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadBuckets"}],
         "UserPolicyList": [{"PolicyName": "deny-delete", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}}],
         "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/ReadBuckets"}}
      ],
      "GroupDetailList": [
        {"Path": "/", "GroupName": "admins", "GroupId": "AGPAEXAMPLEADMINS001", "Arn": "arn:aws:iam::111122223333:group/admins",
         "CreateDate": "2022-01-01T00:00:00Z", "GroupPolicyList": [],
         "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}
      ],
      "RoleDetailList": [
        {"Path": "/", "RoleName": "deploy", "RoleId": "AROAEXAMPLEDEPLOY001", "Arn": "arn:aws:iam::111122223333:role/deploy",
         "CreateDate": "2023-02-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "sts:AssumeRole"}]},
         "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [{"PolicyName": "ReadBuckets", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadBuckets"}],
         "Tags": [], "RoleLastUsed": {"LastUsedDate": "2024-06-20T10:00:00Z", "Region": "eu-west-1"}}
      ],
      "Policies": [
        {"PolicyName": "ReadBuckets", "PolicyId": "ANPAEXAMPLEREADBKT01", "Arn": "arn:aws:iam::111122223333:policy/ReadBuckets",
         "Path": "/", "DefaultVersionId": "v2", "AttachmentCount": 2, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true,
         "CreateDate": "2023-01-01T00:00:00Z", "UpdateDate": "2023-06-01T00:00:00Z",
         "PolicyVersionList": [
           {"VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2023-06-01T00:00:00Z",
            "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}},
           {"VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2023-01-01T00:00:00Z",
            "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}
         ]},
        {"PolicyName": "AdministratorAccess", "PolicyId": "ANPAEXAMPLEADMIN0001", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
         "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": true,
         "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
            "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}
      ]
    }
    """

    static let credentialReport = """
    user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
    <root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2024-05-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
    alice,arn:aws:iam::111122223333:user/alice,2023-01-10T09:00:00+00:00,true,2024-06-28T08:00:00+00:00,2023-01-10T09:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
    bob,arn:aws:iam::111122223333:user/bob,2023-03-05T09:00:00+00:00,true,no_information,2023-03-05T09:00:00+00:00,N/A,false,true,2023-03-05T09:10:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A

    """

    static let bucketPolicy = """
    {"Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Sid\\":\\"PublicRead\\",\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::example-public/*\\"}]}"}
    """

    /// Writes the snapshot folder and returns its path; the caller removes it.
    static func write() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-shell-snapshot-\(UUID().uuidString)")
        let iam = root.appendingPathComponent("accounts/\(account)/iam")
        let s3 = root.appendingPathComponent("accounts/\(account)/resource-policies/s3")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: s3, withIntermediateDirectories: true)
        try authorizationDetails.write(to: iam.appendingPathComponent("authorization-details.json"), atomically: true, encoding: .utf8)
        try credentialReport.write(to: iam.appendingPathComponent("credential-report.csv"), atomically: true, encoding: .utf8)
        try bucketPolicy.write(to: s3.appendingPathComponent("example-public.json"), atomically: true, encoding: .utf8)
        return root
    }
}
