/// The edge kinds, as data: for each, the targets it applies to, the actions the source must be
/// allowed (each checked with the solver on the resource named here, with the context named here),
/// and the extra preconditions. `EdgeBuilder` interprets this table; adding a kind is adding a row.
///
/// Resource templates: `{account}` is the target's account (every kind but `sts:AssumeRole` stays
/// within one account: IAM, PassRole and the compute services take no cross-account callers),
/// `{region}` a concrete region, `{name}` a name the caller would choose. Where a principal's own
/// policy names narrower resources of the same type, the builder also tries those (a caller creating
/// a function may choose to call it `dev-x` if that is what its policy allows).
struct EdgeRule: Sendable {
    let kind: String
    let category: EdgeCategory
    let targets: TargetSet
    /// All must be allowed; each entry is a list of alternatives (the first one allowed is used).
    let checks: [[ActionCheck]]
    let preconditions: [Precondition]
    /// One line for `.help`: what the caller does.
    let summary: String

    init(_ kind: String, _ category: EdgeCategory, _ targets: TargetSet, _ checks: [[ActionCheck]],
         _ preconditions: [Precondition] = [], _ summary: String) {
        self.kind = kind; self.category = category; self.targets = targets; self.checks = checks
        self.preconditions = preconditions; self.summary = summary
    }
}

/// Which nodes a rule can reach.
enum TargetSet: Sendable, Hashable {
    /// Roles whose trust policy lets this service principal assume them.
    case rolesTrusting(service: String)
    /// Roles in an instance profile (and trusted by EC2): code on an instance runs as them.
    case rolesWithInstanceProfile
    case users
    case roles
    /// Checks run on a group; the edge goes to each member (its permissions change).
    case groupMembers
    /// Checks run on a group; the edge goes to the group node (joining it gives its permissions).
    case groups
    /// Checks run on a customer managed policy; the edge goes to each principal it is attached to.
    case policyHolders
    case usersWithBoundary
    case rolesWithBoundary
    /// Roles an IAM principal might assume (every role but service-linked ones), for `sts:AssumeRole`.
    case assumable
}

/// The resource an action is checked on.
enum ResourceSpec: Sendable, Hashable {
    /// The target's ARN (user, role, group or policy as the target set says).
    case target
    /// A resource the caller creates: any name it chooses.
    case new(String)
    /// A resource that must already exist; no inventory of it is loaded, so the edge is
    /// conditional on its existence (the string says what must exist).
    case existing(String, String)
}

/// A context value set for a check.
enum ContextValue: Sendable, Hashable {
    case literal(String)
    /// The service principal of the rule's target set (`iam:PassedToService`).
    case passedToService
    /// The target's ARN (e.g. `cloudformation:RoleArn`).
    case targetArn
}

struct ActionCheck: Sendable, Hashable {
    let action: String
    let resource: ResourceSpec
    let context: [String: ContextValue]
    init(_ action: String, _ resource: ResourceSpec, _ context: [String: ContextValue] = [:]) {
        self.action = action; self.resource = resource; self.context = context
    }
}

enum Precondition: Sendable, Hashable {
    /// The role needs an instance profile: an existing one, or the caller creates one and adds the role.
    case instanceProfile
    /// An instance must run with the role's instance profile (no instance inventory is loaded).
    case instanceRunning
    /// A user with two access keys needs one deleted first (`iam:DeleteAccessKey`).
    case accessKeySlot
    /// `CreateLoginProfile` only works on a user without a console password.
    case noLoginProfile
    /// `UpdateLoginProfile` only works on a user with a console password.
    case hasLoginProfile
    /// A policy with five versions needs one deleted first (`iam:DeletePolicyVersion`).
    case policyVersionSlot
    /// `SetDefaultPolicyVersion` needs another version to switch to.
    case otherPolicyVersion
}

enum EdgeRules {
    static let adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"
    static let region = "us-east-1"
    static let probeName = "iamsh-probe"

    private static func passRole(_ extra: [String: ContextValue] = [:]) -> [ActionCheck] {
        var ctx: [String: ContextValue] = ["iam:PassedToService": .passedToService]
        for (k, v) in extra { ctx[k] = v }
        return [ActionCheck("iam:PassRole", .target, ctx)]
    }
    private static func one(_ a: String, _ r: ResourceSpec, _ c: [String: ContextValue] = [:]) -> [ActionCheck] {
        [ActionCheck(a, r, c)]
    }
    private static let instance = "arn:aws:ec2:{region}:{account}:instance/*"
    private static let existingInstance = ResourceSpec.existing("arn:aws:ec2:{region}:{account}:instance/i-0123456789abcdef0",
                                                                "an EC2 instance runs with the role's instance profile")
    private static let function = "arn:aws:lambda:{region}:{account}:function:{name}"
    private static let existingFunction = ResourceSpec.existing("arn:aws:lambda:{region}:{account}:function:{name}",
                                                                "an existing Lambda function is changed")
    private static let stack = "arn:aws:cloudformation:{region}:{account}:stack/{name}/00000000-0000-0000-0000-000000000000"
    private static let stackSet = "arn:aws:cloudformation:{region}:{account}:stackset/{name}:00000000-0000-0000-0000-000000000000"
    private static let project = "arn:aws:codebuild:{region}:{account}:project/{name}"
    private static let glueJob = "arn:aws:glue:{region}:{account}:job/{name}"

    /// Every rule except `sts:AssumeRole`, the federated assumptions and `UpdateAssumeRolePolicy`,
    /// which read trust policies and are built by their own code in `EdgeBuilder`.
    static let all: [EdgeRule] = [
        // Credentials of another user.
        EdgeRule("iam:CreateAccessKey", .actAs, .users, [one("iam:CreateAccessKey", .target)], [.accessKeySlot],
                 "create an access key for the user"),
        EdgeRule("iam:CreateLoginProfile", .actAs, .users, [one("iam:CreateLoginProfile", .target)], [.noLoginProfile],
                 "give the user a console password"),
        EdgeRule("iam:UpdateLoginProfile", .actAs, .users, [one("iam:UpdateLoginProfile", .target)], [.hasLoginProfile],
                 "change the user's console password"),

        // Changing what a principal may do.
        EdgeRule("iam:PutUserPolicy", .grant, .users, [one("iam:PutUserPolicy", .target)], [],
                 "write an inline policy into the user"),
        EdgeRule("iam:AttachUserPolicy", .grant, .users,
                 [one("iam:AttachUserPolicy", .target, ["iam:PolicyARN": .literal(adminPolicy)])], [],
                 "attach AdministratorAccess to the user"),
        EdgeRule("iam:PutRolePolicy", .grant, .roles, [one("iam:PutRolePolicy", .target)], [],
                 "write an inline policy into the role"),
        EdgeRule("iam:AttachRolePolicy", .grant, .roles,
                 [one("iam:AttachRolePolicy", .target, ["iam:PolicyARN": .literal(adminPolicy)])], [],
                 "attach AdministratorAccess to the role"),
        EdgeRule("iam:PutGroupPolicy", .grant, .groupMembers, [one("iam:PutGroupPolicy", .target)], [],
                 "write an inline policy into a group of the user"),
        EdgeRule("iam:AttachGroupPolicy", .grant, .groupMembers,
                 [one("iam:AttachGroupPolicy", .target, ["iam:PolicyARN": .literal(adminPolicy)])], [],
                 "attach AdministratorAccess to a group of the user"),
        EdgeRule("iam:CreatePolicyVersion", .grant, .policyHolders, [one("iam:CreatePolicyVersion", .target)],
                 [.policyVersionSlot], "write a new default version of a policy attached to the principal"),
        EdgeRule("iam:SetDefaultPolicyVersion", .grant, .policyHolders, [one("iam:SetDefaultPolicyVersion", .target)],
                 [.otherPolicyVersion], "switch a policy attached to the principal to another of its versions"),
        EdgeRule("iam:AddUserToGroup", .joinGroup, .groups, [one("iam:AddUserToGroup", .target)], [],
                 "add a user to the group"),
        EdgeRule("iam:DeleteUserPermissionsBoundary", .liftBoundary, .usersWithBoundary,
                 [one("iam:DeleteUserPermissionsBoundary", .target)], [], "delete the user's permissions boundary"),
        EdgeRule("iam:PutUserPermissionsBoundary", .liftBoundary, .usersWithBoundary,
                 [one("iam:PutUserPermissionsBoundary", .target, ["iam:PermissionsBoundary": .literal(adminPolicy)])], [],
                 "replace the user's permissions boundary with AdministratorAccess"),
        EdgeRule("iam:DeleteRolePermissionsBoundary", .liftBoundary, .rolesWithBoundary,
                 [one("iam:DeleteRolePermissionsBoundary", .target)], [], "delete the role's permissions boundary"),
        EdgeRule("iam:PutRolePermissionsBoundary", .liftBoundary, .rolesWithBoundary,
                 [one("iam:PutRolePermissionsBoundary", .target, ["iam:PermissionsBoundary": .literal(adminPolicy)])], [],
                 "replace the role's permissions boundary with AdministratorAccess"),

        // EC2: an instance runs as the role of its instance profile.
        EdgeRule("ec2:RunInstances", .actAs, .rolesTrusting(service: "ec2.amazonaws.com"),
                 [passRole(), one("ec2:RunInstances", .new(instance))], [.instanceProfile],
                 "launch an instance with the role's instance profile"),
        EdgeRule("ec2:RequestSpotInstances", .actAs, .rolesTrusting(service: "ec2.amazonaws.com"),
                 [passRole(), one("ec2:RequestSpotInstances", .new("arn:aws:ec2:{region}:{account}:spot-instances-request/*"))],
                 [.instanceProfile], "request a spot instance with the role's instance profile"),
        EdgeRule("ec2:AssociateIamInstanceProfile", .actAs, .rolesTrusting(service: "ec2.amazonaws.com"),
                 [passRole(), one("ec2:AssociateIamInstanceProfile",
                                  .existing("arn:aws:ec2:{region}:{account}:instance/i-0123456789abcdef0", "an EC2 instance the caller controls exists"))],
                 [.instanceProfile], "attach the role's instance profile to a running instance"),
        EdgeRule("ec2:ModifyInstanceAttribute", .actAs, .rolesWithInstanceProfile,
                 [one("ec2:ModifyInstanceAttribute", existingInstance), one("ec2:StopInstances", existingInstance),
                  one("ec2:StartInstances", existingInstance)],
                 [.instanceRunning], "change the user data of an instance running as the role, then restart it"),
        EdgeRule("autoscaling:CreateLaunchConfiguration", .actAs, .rolesTrusting(service: "ec2.amazonaws.com"),
                 [passRole(),
                  one("autoscaling:CreateLaunchConfiguration",
                      .new("arn:aws:autoscaling:{region}:{account}:launchConfiguration:00000000-0000-0000-0000-000000000000:launchConfigurationName/{name}")),
                  one("autoscaling:CreateAutoScalingGroup",
                      .new("arn:aws:autoscaling:{region}:{account}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/{name}"))],
                 [.instanceProfile], "create a launch configuration with the role's instance profile and an Auto Scaling group"),
        EdgeRule("ec2:CreateLaunchTemplate", .actAs, .rolesTrusting(service: "ec2.amazonaws.com"),
                 [passRole(), one("ec2:CreateLaunchTemplate", .new("arn:aws:ec2:{region}:{account}:launch-template/*")),
                  one("autoscaling:CreateAutoScalingGroup",
                      .new("arn:aws:autoscaling:{region}:{account}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/{name}"))],
                 [.instanceProfile], "create a launch template with the role's instance profile and an Auto Scaling group"),
        EdgeRule("ec2:CreateLaunchTemplateVersion", .actAs, .rolesTrusting(service: "ec2.amazonaws.com"),
                 [passRole(),
                  one("ec2:CreateLaunchTemplateVersion", .existing("arn:aws:ec2:{region}:{account}:launch-template/lt-0123456789abcdef0",
                                                                   "an Auto Scaling group launches from an existing launch template")),
                  one("ec2:ModifyLaunchTemplate", .existing("arn:aws:ec2:{region}:{account}:launch-template/lt-0123456789abcdef0",
                                                            "an Auto Scaling group launches from an existing launch template"))],
                 [.instanceProfile], "make a new default version of a launch template that an Auto Scaling group uses"),

        // Running commands on instances that hold a role.
        EdgeRule("ssm:SendCommand", .actAs, .rolesWithInstanceProfile,
                 [one("ssm:SendCommand", existingInstance),
                  one("ssm:SendCommand", .new("arn:aws:ssm:{region}::document/AWS-RunShellScript"))],
                 [.instanceRunning], "run a shell command on an instance running as the role"),
        EdgeRule("ssm:StartSession", .actAs, .rolesWithInstanceProfile,
                 [one("ssm:StartSession", existingInstance),
                  one("ssm:StartSession", .new("arn:aws:ssm:{region}:{account}:document/SSM-SessionManagerRunShell"))],
                 [.instanceRunning], "open a Session Manager shell on an instance running as the role"),
        EdgeRule("ec2-instance-connect:SendSSHPublicKey", .actAs, .rolesWithInstanceProfile,
                 [one("ec2-instance-connect:SendSSHPublicKey", existingInstance)],
                 [.instanceRunning], "push an SSH key to an instance running as the role and log in"),

        // Lambda.
        EdgeRule("lambda:CreateFunction", .actAs, .rolesTrusting(service: "lambda.amazonaws.com"),
                 [passRole(), one("lambda:CreateFunction", .new(function)),
                  [ActionCheck("lambda:InvokeFunction", .new(function)), ActionCheck("lambda:AddPermission", .new(function))]],
                 [], "create a function running as the role, then invoke it (or let another principal invoke it)"),
        EdgeRule("lambda:CreateEventSourceMapping", .actAs, .rolesTrusting(service: "lambda.amazonaws.com"),
                 [passRole(), one("lambda:CreateFunction", .new(function)),
                  one("lambda:CreateEventSourceMapping",
                      .existing("arn:aws:lambda:{region}:{account}:event-source-mapping:00000000-0000-0000-0000-000000000000",
                                "an event source (stream or queue) the caller can write to exists"))],
                 [], "create a function running as the role and trigger it from an event source"),
        EdgeRule("lambda:UpdateFunctionConfiguration", .actAs, .rolesTrusting(service: "lambda.amazonaws.com"),
                 [passRole(), one("lambda:UpdateFunctionConfiguration", existingFunction),
                  one("lambda:UpdateFunctionCode", existingFunction),
                  [ActionCheck("lambda:InvokeFunction", existingFunction), ActionCheck("lambda:AddPermission", existingFunction)]],
                 [], "switch an existing function to the role, replace its code and invoke it"),

        // CloudFormation: the stack's resources are created as the role.
        EdgeRule("cloudformation:CreateStack", .actAs, .rolesTrusting(service: "cloudformation.amazonaws.com"),
                 [passRole(), one("cloudformation:CreateStack", .new(stack), ["cloudformation:RoleArn": .targetArn])],
                 [], "create a stack that runs as the role"),
        EdgeRule("cloudformation:UpdateStack", .actAs, .rolesTrusting(service: "cloudformation.amazonaws.com"),
                 [passRole(), one("cloudformation:UpdateStack", .existing(stack, "an existing stack is updated"),
                                  ["cloudformation:RoleArn": .targetArn])],
                 [], "update an existing stack to run as the role"),
        EdgeRule("cloudformation:CreateChangeSet", .actAs, .rolesTrusting(service: "cloudformation.amazonaws.com"),
                 [passRole(), one("cloudformation:CreateChangeSet", .new(stack), ["cloudformation:RoleArn": .targetArn]),
                  one("cloudformation:ExecuteChangeSet", .new(stack))],
                 [], "create and execute a change set that runs as the role"),
        EdgeRule("cloudformation:CreateStackSet", .actAs, .rolesTrusting(service: "cloudformation.amazonaws.com"),
                 [passRole(), one("cloudformation:CreateStackSet", .new(stackSet)),
                  one("cloudformation:CreateStackInstances", .new(stackSet))],
                 [], "create a stack set administered by the role and deploy instances of it"),
        EdgeRule("cloudformation:UpdateStackSet", .actAs, .rolesTrusting(service: "cloudformation.amazonaws.com"),
                 [passRole(), one("cloudformation:UpdateStackSet", .existing(stackSet, "an existing stack set is updated"))],
                 [], "update an existing stack set to be administered by the role"),

        // CodeBuild.
        EdgeRule("codebuild:CreateProject", .actAs, .rolesTrusting(service: "codebuild.amazonaws.com"),
                 [passRole(), one("codebuild:CreateProject", .new(project)),
                  [ActionCheck("codebuild:StartBuild", .new(project)), ActionCheck("codebuild:StartBuildBatch", .new(project))]],
                 [], "create a build project running as the role and start a build"),
        EdgeRule("codebuild:UpdateProject", .actAs, .rolesTrusting(service: "codebuild.amazonaws.com"),
                 [passRole(), one("codebuild:UpdateProject", .existing(project, "an existing build project is changed")),
                  [ActionCheck("codebuild:StartBuild", .existing(project, "an existing build project is changed")),
                   ActionCheck("codebuild:StartBuildBatch", .existing(project, "an existing build project is changed"))]],
                 [], "switch an existing build project to the role and start a build"),

        // Glue.
        EdgeRule("glue:CreateDevEndpoint", .actAs, .rolesTrusting(service: "glue.amazonaws.com"),
                 [passRole(), one("glue:CreateDevEndpoint", .new("arn:aws:glue:{region}:{account}:devEndpoint/{name}"))],
                 [], "create a Glue development endpoint running as the role and log in to it"),
        EdgeRule("glue:CreateJob", .actAs, .rolesTrusting(service: "glue.amazonaws.com"),
                 [passRole(), one("glue:CreateJob", .new(glueJob)),
                  [ActionCheck("glue:StartJobRun", .new(glueJob)),
                   ActionCheck("glue:CreateTrigger", .new("arn:aws:glue:{region}:{account}:trigger/{name}"))]],
                 [], "create a Glue job running as the role and run it (directly or by a trigger)"),
        EdgeRule("glue:UpdateJob", .actAs, .rolesTrusting(service: "glue.amazonaws.com"),
                 [passRole(), one("glue:UpdateJob", .existing(glueJob, "an existing Glue job is changed")),
                  [ActionCheck("glue:StartJobRun", .existing(glueJob, "an existing Glue job is changed")),
                   ActionCheck("glue:CreateTrigger", .new("arn:aws:glue:{region}:{account}:trigger/{name}"))]],
                 [], "switch an existing Glue job to the role and run it"),

        // SageMaker.
        EdgeRule("sagemaker:CreateNotebookInstance", .actAs, .rolesTrusting(service: "sagemaker.amazonaws.com"),
                 [passRole(), one("sagemaker:CreateNotebookInstance", .new("arn:aws:sagemaker:{region}:{account}:notebook-instance/{name}")),
                  one("sagemaker:CreatePresignedNotebookInstanceUrl", .new("arn:aws:sagemaker:{region}:{account}:notebook-instance/{name}"))],
                 [], "create a notebook instance running as the role and open it"),
        EdgeRule("sagemaker:CreateTrainingJob", .actAs, .rolesTrusting(service: "sagemaker.amazonaws.com"),
                 [passRole(), one("sagemaker:CreateTrainingJob", .new("arn:aws:sagemaker:{region}:{account}:training-job/{name}"))],
                 [], "run a training job (the caller's container) as the role"),
        EdgeRule("sagemaker:CreateProcessingJob", .actAs, .rolesTrusting(service: "sagemaker.amazonaws.com"),
                 [passRole(), one("sagemaker:CreateProcessingJob", .new("arn:aws:sagemaker:{region}:{account}:processing-job/{name}"))],
                 [], "run a processing job (the caller's container) as the role"),

        // ECS: a task definition's task role.
        EdgeRule("ecs:RegisterTaskDefinition", .actAs, .rolesTrusting(service: "ecs-tasks.amazonaws.com"),
                 [passRole(), one("ecs:RegisterTaskDefinition", .new("arn:aws:ecs:{region}:{account}:task-definition/{name}:1")),
                  [ActionCheck("ecs:RunTask", .new("arn:aws:ecs:{region}:{account}:task-definition/{name}:1")),
                   ActionCheck("ecs:StartTask", .new("arn:aws:ecs:{region}:{account}:task-definition/{name}:1")),
                   ActionCheck("ecs:CreateService", .new("arn:aws:ecs:{region}:{account}:service/{name}/{name}"))]],
                 [], "register a task definition with the role as task role and run it"),

        // Data Pipeline, App Runner.
        EdgeRule("datapipeline:CreatePipeline", .actAs, .rolesTrusting(service: "datapipeline.amazonaws.com"),
                 [passRole(), one("datapipeline:CreatePipeline", .new("arn:aws:datapipeline:{region}:{account}:pipeline/df-{name}")),
                  one("datapipeline:PutPipelineDefinition", .new("arn:aws:datapipeline:{region}:{account}:pipeline/df-{name}")),
                  one("datapipeline:ActivatePipeline", .new("arn:aws:datapipeline:{region}:{account}:pipeline/df-{name}"))],
                 [], "create and activate a pipeline running as the role"),
        EdgeRule("apprunner:CreateService", .actAs, .rolesTrusting(service: "tasks.apprunner.amazonaws.com"),
                 [passRole(), one("apprunner:CreateService", .new("arn:aws:apprunner:{region}:{account}:service/{name}/00000000000000000000000000000000"))],
                 [], "create an App Runner service whose instances run as the role"),
    ]

    /// The actions the instance-profile precondition may need when the role has no profile yet.
    static let createInstanceProfile = [
        ActionCheck("iam:CreateInstanceProfile", .new("arn:aws:iam::{account}:instance-profile/{name}")),
        ActionCheck("iam:AddRoleToInstanceProfile", .new("arn:aws:iam::{account}:instance-profile/{name}")),
    ]

    /// Every action any edge kind or the administrator test may check: the candidate index is built for these.
    static var relevantActions: [String] {
        var set = Set<String>()
        for r in all { for group in r.checks { for c in group { set.insert(c.action.lowercased()) } } }
        for c in createInstanceProfile { set.insert(c.action.lowercased()) }
        for a in ["sts:AssumeRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteAccessKey", "iam:DeletePolicyVersion"]
            + AdminProbes.actions { set.insert(a.lowercased()) }
        return set.sorted()
    }
}
