import IAMPolicy

/// The resource side of a request: the resource's owner account, the resource-based policy that
/// governs it (bucket policy, key policy, role trust policy…), whether that policy must allow
/// explicitly, the resource's tags when known, and the RCPs of its account.
final class ResourceTarget: @unchecked Sendable {
    let arn: String
    let parsed: ARN?
    /// The owning account; nil for `*` and for resources whose owner is not known (an S3 bucket
    /// without a loaded policy): those are evaluated as if they were in the principal's account.
    let account: String?
    /// True when the owner could not be determined (not for `*`, which has no owner).
    let ownerUnknown: Bool
    let policy: CompiledPolicy?
    let layer: PolicyLayer
    /// IAM role trust policies and KMS key policies must allow the principal explicitly, even in
    /// the same account (IAM User Guide, policy evaluation logic; KMS key policies).
    let mustAllow: Bool
    /// When `mustAllow` and the governing policy is not loaded: what is missing.
    let missingPolicy: String?
    /// Resource tags when known (nil: not collected).
    let tags: [String: String]?
    let rcp: OrgChain?
    let rcpExemption: String?

    var accountGuessed: Bool { ownerUnknown }

    init(arn: String, parsed: ARN?, account: String?, ownerUnknown: Bool, policy: CompiledPolicy?, layer: PolicyLayer,
         mustAllow: Bool, missingPolicy: String?, tags: [String: String]?, rcp: OrgChain?, rcpExemption: String?) {
        self.arn = arn; self.parsed = parsed; self.account = account; self.ownerUnknown = ownerUnknown
        self.policy = policy; self.layer = layer; self.mustAllow = mustAllow; self.missingPolicy = missingPolicy
        self.tags = tags; self.rcp = rcp; self.rcpExemption = rcpExemption
    }

    /// "the trust policy of role/x", "the bucket policy of arn:…" — for reasons.
    var policyDescription: String {
        switch layer {
        case .trust: return "the trust policy of \(arn)"
        case .keyPolicy: return "the key policy of \(arn)"
        default: return policy.map { "the \($0.name)" } ?? "the resource policy of \(arn)"
        }
    }
}

enum ResourceRules {
    /// Services whose resources RCPs apply to (AWS Organizations, "List of AWS services that
    /// support RCPs"; verified: S3, STS, KMS, SQS, Secrets Manager).
    static let rcpServices: Set<String> = ["s3", "sts", "kms", "sqs", "secretsmanager"]

    /// Actions evaluated against a role's trust policy when the resource is the role.
    static func usesTrustPolicy(service: String) -> Bool { service == "sts" }

    /// Whether the resource type can carry a resource-based policy at all (used to word reasons).
    static func supportsResourcePolicy(_ arn: ARN) -> Bool {
        switch arn.service {
        case "s3", "kms", "sqs", "sns", "lambda", "secretsmanager", "ecr", "glacier", "logs", "events",
             "es", "aoss", "backup", "codeartifact", "dynamodb", "elasticfilesystem", "apigateway", "execute-api",
             "mediastore", "serverlessrepo", "ses", "iot", "kinesis", "s3express", "sts":
            return true
        case "iam":
            return arn.resource.hasPrefix("role/")
        default:
            return false
        }
    }
}

extension Authorizer {
    /// Works out the resource side of a request on `resource` by an action of `service`.
    func resolveTarget(resource: String, service: String) -> ResourceTarget {
        guard let arn = ARN(resource) else {
            // `*` or a non-ARN: no owner, no resource policy; the identity side decides.
            return ResourceTarget(arn: resource, parsed: nil, account: nil, ownerUnknown: false, policy: nil,
                                  layer: .resource, mustAllow: false, missingPolicy: nil, tags: nil, rcp: nil, rcpExemption: nil)
        }
        var policy: CompiledPolicy?
        var layer = PolicyLayer.resource
        var mustAllow = false
        var missing: String?
        var tags: [String: String]?
        var account: String? = AccountID.isValid(arn.account) ? arn.account : nil
        var record = snapshot.resourcePolicy(arn: resource)

        if arn.service == "iam" && arn.resource.hasPrefix("role/") {
            let role = snapshot.role(arn: resource)
            tags = role?.tags
            if ResourceRules.usesTrustPolicy(service: service) {
                layer = .trust
                mustAllow = true
                if let i = principalByArn[resource], let t = principals[i].trust {
                    policy = t
                } else if role == nil && snapshot.accountIds.contains(arn.account) {
                    // The role's account is loaded and has no such role: nothing can assume it.
                    missing = nil
                } else {
                    missing = "the trust policy of \(resource) (not loaded) allows it"
                }
            }
        } else if arn.service == "iam" && arn.resource.hasPrefix("user/") {
            tags = snapshot.user(arn: resource)?.tags
        } else if arn.service == "kms" {
            layer = .keyPolicy
            policy = resourcePolicies[resource]
            // Without the key policy's explicit allow (or its statement enabling IAM policies for
            // the account), IAM policies grant nothing on a key (KMS developer guide, key policies).
            mustAllow = arn.resource.hasPrefix("key/")
            if policy == nil && mustAllow { missing = "the key policy of \(resource) (not loaded) allows it" }
        } else {
            policy = resourcePolicies[resource]
            if policy == nil, arn.service == "s3", let slash = arn.resource.firstIndex(of: "/") {
                // Objects are governed by their bucket's policy.
                let bucketArn = "arn:\(arn.partition):s3:::\(arn.resource[..<slash])"
                policy = resourcePolicies[bucketArn]
                if record == nil { record = snapshot.resourcePolicy(arn: bucketArn) }
            }
        }
        if let rec = record {
            if AccountID.isValid(rec.account) { account = rec.account }
            if !rec.tags.isEmpty { tags = rec.tags }
        }
        let ownerUnknown = account == nil
        var rcp: OrgChain?
        var rcpExemption: String?
        if let account {
            rcp = rcpChains[account]
            rcpExemption = rcpExemptions[account]
        }
        return ResourceTarget(arn: resource, parsed: arn, account: account, ownerUnknown: ownerUnknown, policy: policy,
                              layer: layer, mustAllow: mustAllow, missingPolicy: missing, tags: tags, rcp: rcp,
                              rcpExemption: rcpExemption)
    }
}
