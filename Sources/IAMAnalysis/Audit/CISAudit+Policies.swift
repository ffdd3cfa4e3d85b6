import Foundation
import IAMPolicy

/// CIS 2.13–2.15 and 2.21: how permissions are granted, from the authorization details and the
/// resource policies.
extension AccountAudit {
    /// 2.13: no user has a managed policy attached or an inline policy of its own.
    func groupsOnly() -> [ControlResult] {
        let c = CISControl.groupsOnly
        guard facts.hasIAMEntities else { return [row(c, .notCollected, nil, Self.noAuthDetails)] }
        let failing = facts.users.filter { !$0.attachedPolicyArns.isEmpty || !$0.inlinePolicies.isEmpty }
        if failing.isEmpty { return [row(c, .pass, nil, "no user has policies of its own (\(counted(facts.users.count, "user")))")] }
        return failing.map { u in
            var parts: [String] = []
            if !u.attachedPolicyArns.isEmpty {
                parts.append("attached " + u.attachedPolicyArns.map { ARN($0)?.lastComponent ?? $0 }.joined(separator: ", "))
            }
            if !u.inlinePolicies.isEmpty { parts.append("inline " + u.inlinePolicies.map(\.name).joined(separator: ", ")) }
            return row(c, .fail, u.arn, "policies on the user itself: " + parts.joined(separator: "; "))
        }
    }

    /// 2.14: no attached managed policy (default version) and no inline policy allows `*` on `*`.
    /// A policy used only as a permissions boundary grants nothing and is not judged.
    func noFullAdmin() -> [ControlResult] {
        let c = CISControl.noFullAdmin
        guard facts.hasIAMEntities else { return [row(c, .notCollected, nil, Self.noAuthDetails)] }
        // Managed policy ARN → the principals it is attached to in this account.
        var attachedTo: [String: [String]] = [:]
        var inline: [(owner: String, policy: InlinePolicy)] = []
        for u in facts.users {
            for a in u.attachedPolicyArns { attachedTo[a, default: []].append("user/\(u.name)") }
            inline += u.inlinePolicies.map { (u.arn, $0) }
        }
        for g in facts.groups {
            for a in g.attachedPolicyArns { attachedTo[a, default: []].append("group/\(g.name)") }
            inline += g.inlinePolicies.map { (g.arn, $0) }
        }
        for r in facts.roles {
            for a in r.attachedPolicyArns { attachedTo[a, default: []].append("role/\(r.name)") }
            inline += r.inlinePolicies.map { (r.arn, $0) }
        }
        var out: [ControlResult] = []
        for (arn, principals) in attachedTo.sorted(by: { $0.key < $1.key }) {
            let who = principals.sorted().joined(separator: ", ")
            guard let doc = snapshot.policy(arn: arn)?.document else {
                out.append(row(c, .manual, arn, "attached to \(who), but its document is not in the snapshot"))
                continue
            }
            if let st = doc.statements.first(where: \.allowsFullAdministration) {
                out.append(row(c, .fail, arn, "statement \(st.label) allows \"*\" on \"*\"\(conditionNote(st)); attached to \(who)"))
            }
        }
        for (owner, p) in inline {
            if let st = p.document.statements.first(where: \.allowsFullAdministration) {
                out.append(row(c, .fail, owner, "inline policy \(p.name): statement \(st.label) allows \"*\" on \"*\"\(conditionNote(st))"))
            }
        }
        if out.isEmpty {
            out.append(row(c, .pass, nil, "none of \(counted(attachedTo.count, "attached policy", "attached policies")) and \(counted(inline.count, "inline policy", "inline policies")) allows \"*\" on \"*\""))
        }
        return out
    }

    private func conditionNote(_ st: Statement) -> String {
        st.conditions.isEmpty ? "" : " (under conditions: " + st.conditions.map(\.description).joined(separator: "; ") + ")"
    }

    /// 2.15: a role has the AWS managed AWSSupportAccess policy attached.
    func supportRole() -> ControlResult {
        let c = CISControl.supportRole
        guard facts.hasIAMEntities else { return row(c, .notCollected, nil, Self.noAuthDetails) }
        func isSupport(_ arn: String) -> Bool { arn.hasSuffix(":iam::aws:policy/AWSSupportAccess") }
        let roles = facts.roles.filter { $0.attachedPolicyArns.contains(where: isSupport) }
        if let first = roles.first {
            let names = roles.map(\.name).sorted().joined(separator: ", ")
            return row(c, .pass, first.arn, "AWSSupportAccess is attached to role \(names)")
        }
        let others = facts.users.filter { $0.attachedPolicyArns.contains(where: isSupport) }.map { "user/\($0.name)" }
            + facts.groups.filter { $0.attachedPolicyArns.contains(where: isSupport) }.map { "group/\($0.name)" }
        if !others.isEmpty {
            return row(c, .fail, nil, "AWSSupportAccess is attached to \(others.sorted().joined(separator: ", ")) but to no role")
        }
        return row(c, .fail, nil, "no role has AWSSupportAccess attached")
    }

    /// 2.21: no resource policy (and no role trust policy) allows `"Principal": "*"` without a
    /// condition that restricts the caller.
    func resourcePolicyPrincipal() -> [ControlResult] {
        let c = CISControl.resourcePolicyPrincipal
        var out: [ControlResult] = []
        func judge(_ arn: String, _ doc: PolicyDocument, _ what: String) {
            for st in doc.statements where st.allowsUnrestrictedPrincipal {
                let acts = (st.actionsNegated ? "every action but " : "") + st.actions.joined(separator: ", ")
                let who = st.principalNegated ? "every principal but the NotPrincipal ones" : "Principal \"*\""
                let cond = st.conditions.isEmpty ? "no condition"
                    : "no restricting condition (" + st.conditions.map(\.description).joined(separator: "; ") + ")"
                out.append(row(c, .fail, arn, "\(what) statement \(st.label) allows \(who) to \(acts) with \(cond)"))
            }
        }
        for p in facts.resourcePolicies { if let doc = p.policy { judge(p.arn, doc, "resource policy") } }
        for r in facts.roles { if let doc = r.trustPolicy { judge(r.arn, doc, "trust policy") } }
        if !out.isEmpty { return out }
        let rpCollected = !facts.resourcePolicies.isEmpty || facts.steps.contains { $0.isResourcePolicyStep }
        let judged = counted(facts.resourcePolicies.count, "resource policy", "resource policies") + " and "
            + counted(facts.roles.count, "role trust policy", "role trust policies")
        if rpCollected { return [row(c, .pass, nil, "none of \(judged) allows an unrestricted \"*\" principal")] }
        return [row(c, .notCollected, nil, facts.roles.isEmpty
            ? "no resource policies and no roles were loaded for this account"
            : "resource policies were not collected; no role trust policy (of \(facts.roles.count)) allows an unrestricted \"*\" principal")]
    }
}

extension CollectionStep {
    /// A collector step that read a resource-based policy (bucket, key, function, queue, topic, secret).
    var isResourcePolicyStep: Bool {
        if let f = file, f.contains("resource-policies/") { return true }
        return ["get-bucket-policy", "get-key-policy", "lambda get-policy", "get-queue-attributes",
                "get-topic-attributes", "get-resource-policy"].contains { command.contains($0) }
    }
}
