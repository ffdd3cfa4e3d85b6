import Foundation
import IAMAnalysis
import IAMPolicy

/// The Organizations part: the organization, its accounts, the tree of roots and OUs, SCPs and RCPs
/// with their targets. Only the management account (or a delegated administrator) may list them; a
/// member account records the refusal and goes on.
extension Collector {
    func collectOrganization() throws {
        let region = regions[0]
        let describe = ["organizations", "describe-organization"]
        let result = try cli.run(describe, region: region)
        guard result.succeeded else {
            // An account outside any organization: nothing to collect, nothing failed.
            let status: CollectionStep.Status = result.errorCode == "AWSOrganizationsNotInUseException" ? .notCollected : .failed
            record(result, status: status, file: nil, error: result.errorText)
            return
        }
        // Every member may describe its organization (the id behind aws:PrincipalOrgID).
        try write(result.stdout, to: outputURL.appendingPathComponent("organization/describe-organization.json"))
        record(result, status: .ok, file: "organization/describe-organization.json", error: nil)
        guard try step(["organizations", "list-accounts"], region: region, file: "organization/accounts.json") != nil
        else { return }
        // This account may list the organization: its files replace any earlier collection's.
        for folder in ["ou-children", "children", "scps", "rcps"] {
            try? FileManager.default.removeItem(at: outputURL.appendingPathComponent("organization/\(folder)", isDirectory: true))
        }

        guard let roots = try step(["organizations", "list-roots"], region: region, file: "organization/roots.json") else { return }
        var parents = (roots.json?["Roots"]?.arrayValue ?? []).compactMap { $0["Id"]?.stringValue }
        var seen = Set<String>()
        while let parent = parents.first {
            parents.removeFirst()
            guard seen.insert(parent).inserted else { continue }
            if let ous = try step(["organizations", "list-organizational-units-for-parent", "--parent-id", parent],
                                  region: region, file: "organization/ou-children/\(Self.fileName(parent)).json") {
                parents += (ous.json?["OrganizationalUnits"]?.arrayValue ?? []).compactMap { $0["Id"]?.stringValue }
            }
            try step(["organizations", "list-children", "--parent-id", parent, "--child-type", "ACCOUNT"],
                     region: region, file: "organization/children/\(Self.fileName(parent)).json")
        }

        for (filter, folder) in [("SERVICE_CONTROL_POLICY", "scps"), ("RESOURCE_CONTROL_POLICY", "rcps")] {
            guard let list = try step(["organizations", "list-policies", "--filter", filter], region: region,
                                      file: "organization/\(folder)/list-policies.json") else { continue }
            for id in (list.json?["Policies"]?.arrayValue ?? []).compactMap({ $0["Id"]?.stringValue }) {
                try step(["organizations", "describe-policy", "--policy-id", id], region: region,
                         file: "organization/\(folder)/\(Self.fileName(id)).json")
                try step(["organizations", "list-targets-for-policy", "--policy-id", id], region: region,
                         file: "organization/\(folder)/\(Self.fileName(id)).targets.json")
            }
        }
    }
}
