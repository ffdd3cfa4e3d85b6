import Foundation
import IAMPolicy

/// Which condition keys confine access to the zone of trust, which narrow it without confining,
/// and which say nothing about who the caller is. Access Analyzer "considers only certain IAM
/// condition keys that external users cannot directly influence" (access-analyzer-concepts,
/// iam-semantics §2.3); the rules below are that list, each with its source.
enum ConditionKeyRule: Sendable, Hashable {
    /// `aws:PrincipalOrgID`: the caller's organization. Own org ⇒ inside an organization zone.
    case principalOrgId
    /// `aws:PrincipalOrgPaths`: `o-id/r-id/ou-id/…`; the first segment names the organization.
    case principalOrgPaths
    /// `aws:PrincipalAccount`, `kms:CallerAccount`: the caller's account. Own account ⇒ inside.
    /// KMS: "kms:CallerAccount ≠ own account ⇒ finding" (access-analyzer-resources, §2.2).
    case principalAccount
    /// `aws:SourceAccount`, `aws:SourceOwner`: the account of the resource on whose behalf an AWS
    /// service calls. Own account ⇒ only services acting for the zone (the SNS default topic
    /// policy uses `AWS:SourceOwner`, aws-cli-formats.md "sns get-topic-attributes").
    case sourceAccount
    /// `aws:PrincipalArn`: the caller's ARN (the role ARN for a role session, PRIN).
    case principalArn
    /// `aws:userid`: the caller's unique ID (`AIDA…`, `AROA…:session`).
    case userId
    /// `aws:SourceArn`: the resource on whose behalf a service calls; its account decides.
    case sourceArn
    /// `aws:PrincipalIsAWSService` true / `aws:PrincipalServiceName`: only AWS service principals,
    /// which are never findings (access-analyzer-concepts).
    case servicePrincipalOnly
    /// `aws:SourceIp`, `aws:SourceVpc`, `aws:SourceVpce`, `s3:DataAccessPointArn`,
    /// `s3:DataAccessPointAccount`, `s3:x-amz-server-side-encryption-aws-kms-key-id`: fixed values
    /// narrow who can call without confining to the zone — "any principal in any account that has
    /// permission to access the listed VPC can access the resource" (access-analyzer-findings-view,
    /// §2.3) — but make the access non-public (S3 "The meaning of public").
    case fixedNarrowing
    /// Anything else (`sts:ExternalId`, `aws:SecureTransport`, tags, …): the caller controls it or
    /// it does not identify them; kept and shown, changes nothing.
    case other

    static func of(_ key: String) -> ConditionKeyRule {
        switch key.lowercased() {
        case "aws:principalorgid": return .principalOrgId
        case "aws:principalorgpaths": return .principalOrgPaths
        case "aws:principalaccount", "kms:calleraccount": return .principalAccount
        case "aws:sourceaccount", "aws:sourceowner": return .sourceAccount
        case "aws:principalarn": return .principalArn
        case "aws:userid": return .userId
        case "aws:sourcearn": return .sourceArn
        case "aws:principalisawsservice", "aws:principalservicename", "aws:principalservicenameslist": return .servicePrincipalOnly
        case "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
             "s3:x-amz-server-side-encryption-aws-kms-key-id":
            return .fixedNarrowing
        default: return .other
        }
    }
}

/// Applies one condition clause to a class of callers: the callers for whom the clause can hold.
/// The result may be empty (no access), the same callers with the clause recorded (narrowed, or
/// nothing learnt), or more precise callers (`*` with `aws:PrincipalAccount` = X becomes account X).
struct ConfinementRules {
    let zone: ZoneOfTrust
    let resourceAccount: String
    let snapshot: Snapshot
    /// Policy variables are substituted only in 2012-10-17 documents (VARS).
    let variablesEnabled: Bool

    func apply(_ clause: ConditionClause, to g: Grantee) -> [Grantee] {
        let op = ConditionOperator(clause.operatorName)
        let rule = ConditionKeyRule.of(clause.key)
        var kept = g
        if !kept.conditions.contains(clause) { kept.conditions.append(clause) }

        // Only AWS services: `Bool aws:PrincipalIsAWSService true`, or a positive match on the service name.
        if rule == .servicePrincipalOnly {
            let isBoolTrue = op.base == "Bool" && !op.ifExists && op.setQualifier == nil
                && !clause.values.isEmpty && clause.values.allSatisfy { $0.lowercased() == "true" }
                && clause.key.lowercased() == "aws:principalisawsservice"
            if isBoolTrue || (op.restrictsToValues && clause.key.lowercased() != "aws:principalisawsservice") { return [] }
            return [kept]
        }
        // Network keys: `IpAddress aws:SourceIp` with a range narrower than everything.
        if clause.key.lowercased() == "aws:sourceip" {
            if op.base == "IpAddress" && !op.ifExists && op.setQualifier == nil
                && !clause.values.contains(where: { $0.hasSuffix("/0") }) {
                kept.fixedNarrowing = true
            }
            return [kept]
        }
        guard op.restrictsToValues, let values = fixedValues(clause.values, op: op) else {
            return [kept]
        }
        switch rule {
        case .principalOrgId:
            return restrictToOrganizations(kept, Set(values.compactMap { $0.literal }), allFixed: values.allSatisfy { $0.literal != nil })
        case .principalOrgPaths:
            // `o-abc/r-ab12/ou-…/*`: the organization is the first segment, fixed when it has no wildcard.
            let orgs = values.map { v -> String? in
                guard let first = v.text.split(separator: "/").first.map(String.init), !Wildcard.hasWildcard(first) else { return nil }
                return first
            }
            return restrictToOrganizations(kept, Set(orgs.compactMap { $0 }), allFixed: orgs.allSatisfy { $0 != nil })
        case .principalAccount:
            guard let accounts = fixedAccounts(values) else { return [kept] }
            return restrictToAccounts(kept, accounts, callerIsPrincipal: true)
        case .sourceAccount:
            guard let accounts = fixedAccounts(values) else { return [kept] }
            return restrictToAccounts(kept, accounts, callerIsPrincipal: false)
        case .principalArn:
            return restrictToPrincipalArns(kept, values.map(\.text))
        case .userId:
            // `AIDA…` or `AROA…:session`: the unique ID before the colon names a loaded user or role.
            var arns: [String] = []
            for v in values {
                let id = String(v.text.split(separator: ":", maxSplits: 1).first ?? "")
                guard !Wildcard.hasWildcard(id), let arn = snapshot.arn(forUniqueId: id) else {
                    kept.fixedNarrowing = kept.fixedNarrowing || v.literal != nil
                    return [kept]
                }
                arns.append(arn)
            }
            return restrictToPrincipalArns(kept, arns)
        case .sourceArn:
            guard case .anyone = kept.identity else { return [kept] }
            var accounts = Set<String>()
            for v in values {
                guard let acct = accountOfResource(v.text) else {
                    // A resource we cannot place: narrowed (a fixed ARN) but not known to be ours.
                    kept.fixedNarrowing = kept.fixedNarrowing || v.literal != nil
                    return [kept]
                }
                accounts.insert(acct)
            }
            return restrictToAccounts(kept, accounts, callerIsPrincipal: false)
        case .fixedNarrowing:
            if values.allSatisfy({ $0.literal != nil }) { kept.fixedNarrowing = true }
            return [kept]
        case .other, .servicePrincipalOnly:
            // A web identity provider's own keys (`accounts.google.com:aud`, `…githubusercontent.com:sub`)
            // pick which of the provider's identities may federate.
            if case .federated(let provider) = kept.identity, let prefix = FederatedProviders.conditionKeyPrefix(provider),
               clause.key.lowercased().hasPrefix(prefix), values.allSatisfy({ $0.literal != nil }),
               !isDefaultAudience(clause.key, values.map(\.text)) {
                kept.fixedNarrowing = true
            }
            return [kept]
        }
    }

    /// GitHub's and other OIDC providers' audience is `sts.amazonaws.com` for every repository: an
    /// `aud` condition with only that value does not pick identities; `sub` does [I, GitHub
    /// "Configuring OpenID Connect in Amazon Web Services"].
    private func isDefaultAudience(_ key: String, _ values: [String]) -> Bool {
        key.lowercased().hasSuffix(":aud") && values.allSatisfy { $0 == "sts.amazonaws.com" }
    }

    // MARK: Values

    struct Value { var text: String; var literal: String? }

    /// The clause's values after substituting the resource-side policy variables
    /// (`${aws:ResourceAccount}`, `${aws:ResourceOrgID}`); nil when a value depends on another variable.
    /// `literal` is the value when it has no wildcard (for wildcard-capable operators).
    private func fixedValues(_ raw: [String], op: ConditionOperator) -> [Value]? {
        var out: [Value] = []
        for v in raw {
            guard let text = substitute(v) else { return nil }
            let literal = op.valuesMayBeWildcards && Wildcard.hasWildcard(text) ? nil : text
            out.append(Value(text: text, literal: literal))
        }
        return out
    }

    private func substitute(_ value: String) -> String? {
        guard variablesEnabled, value.contains("${") else { return value }
        var out = ""
        var rest = Substring(value)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { return nil }
            let key = rest[start.upperBound..<end].split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            switch key {
            case "aws:resourceaccount": out += resourceAccount
            case "aws:resourceorgid":
                guard let org = zone.resourceOrgId(resourceAccount: resourceAccount) else { return nil }
                out += org
            case "*": out += "*"
            case "?": out += "?"
            case "$": out += "$"
            default: return nil
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// Account IDs when every value is a literal 12-digit account; nil otherwise.
    private func fixedAccounts(_ values: [Value]) -> Set<String>? {
        var out = Set<String>()
        for v in values {
            guard let l = v.literal, AccountID.isValid(l) else { return nil }
            out.insert(l)
        }
        return out
    }

    /// The owner of a resource ARN: its account field, or for account-less ARNs (S3 buckets) the
    /// loaded resource of that ARN. Nil when unknown or wildcarded.
    func accountOfResource(_ arnText: String) -> String? {
        guard let arn = ARN(arnText) else { return nil }
        if AccountID.isValid(arn.account) { return arn.account }
        guard arn.account.isEmpty, !Wildcard.hasWildcard(arnText) else { return nil }
        if let r = snapshot.resourcePolicy(arn: arnText) { return r.account }
        if arn.service == "s3", let slash = arn.resource.firstIndex(of: "/") {
            let bucket = "arn:\(arn.partition):s3:::" + arn.resource[..<slash]
            return snapshot.resourcePolicy(arn: bucket)?.account
        }
        return nil
    }

    // MARK: Restrictions

    private func restrictToOrganizations(_ g: Grantee, _ orgs: Set<String>, allFixed: Bool) -> [Grantee] {
        guard allFixed, !orgs.isEmpty else { return [g] }
        var g = g
        switch g.identity {
        case .anyone:
            let merged = g.organizations.map { $0.intersection(orgs) } ?? orgs
            if merged.isEmpty { return [] }
            g.organizations = merged
            return [g]
        case .account(let a), .principal(_, let a):
            // We know each account's membership of the loaded organization only.
            guard let own = zone.organizationId, let member = zone.isOrganizationMember(a) else { return [g] }
            if member { return orgs.contains(own) ? [g] : [] }
            return orgs.contains(where: { $0 != own }) ? [g] : []
        case .federated:
            // Web identity and SAML sessions made by AssumeRoleWith… carry no organization.
            return []
        case .canonicalUser:
            return [g]
        }
    }

    private func restrictToAccounts(_ g: Grantee, _ accounts: Set<String>, callerIsPrincipal: Bool) -> [Grantee] {
        switch g.identity {
        case .anyone:
            var out: [Grantee] = []
            for a in accounts.sorted() {
                if let orgs = g.organizations, let own = zone.organizationId, let member = zone.isOrganizationMember(a) {
                    if member && !orgs.contains(own) { continue }
                    if !member && orgs == [own] { continue }
                }
                var r = g
                r.identity = .account(a)
                out.append(r)
            }
            return out
        case .account(let a), .principal(_, let a):
            // The source account of a service call need not be the caller's: only the caller's
            // own account key can rule a named principal out.
            if callerIsPrincipal { return accounts.contains(a) ? [g] : [] }
            return [g]
        case .federated:
            return callerIsPrincipal ? [] : [g]
        case .canonicalUser:
            return [g]
        }
    }

    /// `aws:PrincipalArn` is the role ARN for a role session (PRIN §"IAM role principals").
    static func principalArnValue(of arn: String) -> String {
        guard let a = ARN(arn), a.service == "sts", a.resource.hasPrefix("assumed-role/") else { return arn }
        let parts = a.resource.split(separator: "/")
        guard parts.count >= 2 else { return arn }
        return "arn:\(a.partition):iam::\(a.account):role/\(parts[1])"
    }

    private func restrictToPrincipalArns(_ g: Grantee, _ patterns: [String]) -> [Grantee] {
        // Each pattern's account must be fixed; otherwise nothing is learnt about the account.
        var parsed: [(pattern: String, account: String)] = []
        for p in patterns {
            guard let arn = ARN(p), AccountID.isValid(arn.account) else { return [g] }
            parsed.append((p, arn.account))
        }
        var g = g
        switch g.identity {
        case .anyone:
            var out: [Grantee] = []
            var seen = Set<Grantee.Identity>()
            for (p, a) in parsed {
                if let orgs = g.organizations, let own = zone.organizationId, let member = zone.isOrganizationMember(a) {
                    if member && !orgs.contains(own) { continue }
                    if !member && orgs == [own] { continue }
                }
                let id: Grantee.Identity = Wildcard.hasWildcard(p) ? .account(a) : .principal(arn: p, account: a)
                guard seen.insert(id).inserted else { continue }
                var r = g
                r.identity = id
                r.fixedNarrowing = true
                out.append(r)
            }
            return out
        case .account(let a):
            return parsed.contains(where: { $0.account == a }) ? [g] : []
        case .principal(let arn, _):
            let value = ConfinementRules.principalArnValue(of: arn)
            return parsed.contains(where: { Wildcard.matches($0.pattern, value) }) ? [g] : []
        case .federated:
            return []
        case .canonicalUser:
            g.fixedNarrowing = true
            return [g]
        }
    }
}
