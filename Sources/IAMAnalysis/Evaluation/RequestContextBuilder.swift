import Foundation
import IAMPolicy

/// Fills the request context from what the snapshot knows. Keys the data cannot tell (source IP,
/// MFA, secure transport…) stay unknown, so conditions on them make answers `conditional`;
/// the user's `--context` overlays everything.
enum RequestContextBuilder {
    /// Keys whose value depends on the requesting principal (statements using them are evaluated
    /// per principal; all others once per request).
    static func isPrincipalKey(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.hasPrefix("aws:principal") || k == "aws:username" || k == "aws:userid"
            || k.hasPrefix("aws:sourceidentity") || k.hasPrefix("aws:federatedprovider")
    }

    /// The principal's part of the context.
    /// - Parameter referencedPrincipalTags: lowercased `aws:principaltag/…` keys used anywhere in
    ///   the loaded policies; those the principal lacks are known absent (tags are collected with
    ///   the principal).
    static func principalContext(kind: PrincipalKind, arn: String, name: String, account: String, uniqueId: String,
                                 tags: [String: String], sessionName: String?, org: Organization?,
                                 referencedPrincipalTags: Set<String>) -> RequestContext {
        var c = RequestContext()
        c.set(lowercasedKey: "aws:principalaccount", [account])
        c.set(lowercasedKey: "aws:principalisawsservice", ["false"])
        c.markAbsent(lowercasedKey: "aws:principalservicename")
        c.markAbsent(lowercasedKey: "aws:principalservicenameslist")
        switch kind {
        case .user:
            c.set(lowercasedKey: "aws:principalarn", [arn])
            c.set(lowercasedKey: "aws:principaltype", ["User"])
            c.set(lowercasedKey: "aws:username", [name])
            if !uniqueId.isEmpty { c.set(lowercasedKey: "aws:userid", [uniqueId]) }
        case .role:
            // A request "as a role" is made by one of its sessions: aws:PrincipalArn is the role ARN.
            c.set(lowercasedKey: "aws:principalarn", [arn])
            c.set(lowercasedKey: "aws:principaltype", ["AssumedRole"])
            c.markAbsent(lowercasedKey: "aws:username")
            if !uniqueId.isEmpty, let s = sessionName { c.set(lowercasedKey: "aws:userid", ["\(uniqueId):\(s)"]) }
        case .root:
            c.set(lowercasedKey: "aws:principalarn", [arn])
            c.set(lowercasedKey: "aws:principaltype", ["Account"])
            c.markAbsent(lowercasedKey: "aws:username")
            c.set(lowercasedKey: "aws:userid", [account])
        }
        var lowerTags: [String: String] = [:]
        for (k, v) in tags { lowerTags[k.lowercased()] = v }
        for (k, v) in tags { c.set("aws:PrincipalTag/\(k)", v) }
        for key in referencedPrincipalTags {
            let tagKey = String(key.dropFirst("aws:principaltag/".count))
            if lowerTags[tagKey] == nil { c.markAbsent(lowercasedKey: key) }
        }
        if let org {
            if let path = org.orgPath(of: account) {
                c.set(lowercasedKey: "aws:principalorgid", [org.id])
                c.set(lowercasedKey: "aws:principalorgpaths", [path], multiValued: true)
            } else if !org.nodes.isEmpty {
                // The tree is loaded and the account is not in it: not an organization member.
                c.markAbsent(lowercasedKey: "aws:principalorgid")
                c.markAbsent(lowercasedKey: "aws:principalorgpaths")
            }
        }
        return c
    }

    /// The context keys known for a principal outside the loaded users and roles.
    static func externalContext(_ e: ExternalIdentity) -> RequestContext {
        var c = RequestContext()
        switch e {
        case .service(let name):
            c.set("aws:PrincipalIsAWSService", "true")
            c.set("aws:PrincipalServiceName", name)
            for k in ["aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:username"] {
                c.markAbsent(k)
            }
        case .federated, .canonicalUser:
            c.set("aws:PrincipalIsAWSService", "false")
        case .anyone:
            break
        }
        return c
    }

    /// The request's part of the context: time, the resource's account, organization, region and tags.
    static func requestContext(now: Date, target: ResourceTarget, org: Organization?,
                               referencedResourceTags: Set<String>) -> RequestContext {
        var c = RequestContext()
        c.set("aws:CurrentTime", Timestamp.format(now))
        c.set("aws:EpochTime", String(Int(now.timeIntervalSince1970)))
        // Requests evaluated here are made directly by the principal, not by a service on its behalf.
        c.set("aws:ViaAWSService", "false")
        c.markAbsent("aws:CalledVia")
        c.markAbsent("aws:CalledViaFirst")
        c.markAbsent("aws:CalledViaLast")
        if let region = target.parsed?.region, !region.isEmpty {
            // A regional resource is reached through its region's endpoint.
            c.set("aws:RequestedRegion", region)
        }
        if let acct = target.account, !target.accountGuessed {
            c.set("aws:ResourceAccount", acct)
            if let org {
                if let path = org.orgPath(of: acct) {
                    c.set("aws:ResourceOrgID", org.id)
                    c.set("aws:ResourceOrgPaths", [path], multiValued: true)
                } else if !org.nodes.isEmpty {
                    c.markAbsent("aws:ResourceOrgID")
                    c.markAbsent("aws:ResourceOrgPaths")
                }
            }
        }
        if let tags = target.tags {
            var lower = Set<String>()
            for (k, v) in tags { c.set("aws:ResourceTag/\(k)", v); lower.insert("aws:resourcetag/" + k.lowercased()) }
            for key in referencedResourceTags where !lower.contains(key) { c.markAbsent(key) }
        }
        return c
    }

    /// Lowercased `aws:principaltag/…` and `aws:resourcetag/…` keys a document uses in condition
    /// keys or in variables (one pass for both).
    static func tagKeys(in doc: PolicyDocument, principal: inout Set<String>, resource: inout Set<String>) {
        func note(_ k: String) {
            if k.hasPrefix("aws:principaltag/") { principal.insert(k) } else if k.hasPrefix("aws:resourcetag/") { resource.insert(k) }
        }
        func scan(_ text: String) {
            guard PolicyVariables.containsVariable(text) else { return }
            for case .variable(let key, _, _) in PolicyVariables.parse(text) { note(key.lowercased()) }
        }
        for s in doc.statements {
            for c in s.conditions {
                note(c.key.lowercased())
                for v in c.values { scan(v) }
            }
            for r in s.resources ?? [] { scan(r) }
        }
    }
}
