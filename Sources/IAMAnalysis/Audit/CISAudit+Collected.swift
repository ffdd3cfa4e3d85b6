import Foundation
import IAMPolicy

/// CIS 2.17 and 2.18: inputs beyond IAM's authorization details, judged only when collected.
extension AccountAudit {
    /// 2.17: no IAM server certificate past its expiration.
    func expiredCertificates() -> [ControlResult] {
        let c = CISControl.expiredCertificates
        guard let certs = facts.account?.serverCertificates else {
            return [row(c, .notCollected, nil, "list-server-certificates was not collected for this account")]
        }
        let expired = certs.filter { ($0.expiration ?? .distantFuture) < now }
        if expired.isEmpty {
            return [row(c, .pass, nil, certs.isEmpty ? "no server certificates are stored in IAM"
                                                      : "no server certificate has expired (\(counted(certs.count, "certificate")))")]
        }
        return expired.map { cert in
            row(c, .fail, cert.arn, "server certificate \(cert.name) expired \(cert.expiration.map(ago) ?? "")")
        }
    }

    /// 2.18: an active external-access analyzer (type ACCOUNT or ORGANIZATION) in every region whose
    /// analyzers were collected. An organization analyzer covers the organization's accounts in its region.
    func accessAnalyzer() -> [ControlResult] {
        let c = CISControl.accessAnalyzer
        var regions = Set(facts.analyzers.map(\.region))
        var failedRegions: [String: String] = [:]
        for st in facts.steps {
            guard let region = st.analyzerListingRegion else { continue }
            switch st.status {
            case .ok, .empty, .noPolicy: regions.insert(region)
            case .failed, .notCollected: failedRegions[region] = st.error ?? st.status.rawValue
            }
        }
        let external: Set<String> = ["ACCOUNT", "ORGANIZATION"]
        func active(_ a: Analyzer) -> Bool { external.contains(a.type) && (a.status ?? "ACTIVE") == "ACTIVE" }
        let orgAccounts = Set(snapshot.organization?.nodes.filter { $0.kind == .account }.map(\.id) ?? [])
        // An organization analyzer's region is known to be covered even where this account's own listing was not collected.
        if orgAccounts.contains(facts.id) {
            regions.formUnion(snapshot.analyzers.filter { $0.type == "ORGANIZATION" && active($0) }.map(\.region))
        }
        let judged = regions.union(failedRegions.keys).sorted()
        guard !judged.isEmpty else {
            return [row(c, .notCollected, nil, "no Access Analyzer listing was collected for this account")]
        }
        return judged.map { region in
            if let a = facts.analyzers.first(where: { $0.region == region && active($0) }) {
                return row(c, .pass, region, "analyzer \(a.name) (\(a.type)) is active")
            }
            if orgAccounts.contains(facts.id),
               let a = snapshot.analyzers.first(where: { $0.region == region && $0.type == "ORGANIZATION" && active($0) }) {
                return row(c, .pass, region, "covered by organization analyzer \(a.name) in account \(a.account)")
            }
            if !regions.contains(region), let err = failedRegions[region] {
                return row(c, .notCollected, region, "listing the analyzers failed: \(err)")
            }
            let idle = facts.analyzers.filter { $0.region == region }.map { "\($0.name) (\($0.type), \($0.status ?? "?"))" }
            return row(c, .fail, region, idle.isEmpty ? "no external access analyzer in this region"
                                                      : "no active external access analyzer; found " + idle.joined(separator: ", "))
        }
    }
}

extension CollectionStep {
    /// The region of an `accessanalyzer list-analyzers` step, from its file
    /// (`…/access-analyzer/<region>/analyzers.json`) or its `--region` argument.
    var analyzerListingRegion: String? {
        if let f = file, f.hasSuffix("analyzers.json") {
            let parts = f.split(separator: "/").map(String.init)
            if let i = parts.firstIndex(of: "access-analyzer"), i + 2 < parts.count { return parts[i + 1] }
        }
        guard command.contains("list-analyzers") else { return nil }
        let words = command.split(separator: " ").map(String.init)
        if let i = words.firstIndex(of: "--region"), i + 1 < words.count { return words[i + 1] }
        return nil
    }
}
