import Foundation
import IAMPolicy

/// `access RESOURCE`: every principal, inside and outside the zone of trust, that can act on a
/// resource, grouped by access level (List, Read, Write, Permissions management, Tagging), each with
/// how it gets there. It asks the solver's `who-can` for every catalog action that can target the
/// resource ("who can modify this security group, who can delete this function").
public enum ResourceAccess {
    public struct Row: Sendable, Hashable {
        public var principal: String
        public var principalType: String
        public var account: String?
        /// `inside` or `outside` the zone of trust, `service` for AWS service principals.
        public var zone: String
        public var accessLevel: String
        public var actions: [String]
        public var decision: Decision
        /// The granting policies and statements, as the solver names them.
        public var how: [String]
        public var conditions: [String]
    }

    public struct Options: Sendable {
        public var levels: Set<ActionCatalog.AccessLevel>?
        /// Only actions matching this pattern (`s3:Delete*`).
        public var actionPattern: String?
        public var context: RequestContext
        public init(levels: Set<ActionCatalog.AccessLevel>? = nil, actionPattern: String? = nil, context: RequestContext = RequestContext()) {
            self.levels = levels; self.actionPattern = actionPattern; self.context = context
        }
    }

    public struct ResourceAccessError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The catalog actions whose resource types can name `resourceArn`: the types of any service
    /// whose ARN pattern has the ARN's service (so an IAM role gets both `iam:` and `sts:AssumeRole`).
    public static func actions(for resourceArn: String, catalog: ActionCatalog) throws -> [ActionCatalog.Action] {
        guard let arn = ARN(resourceArn) else {
            throw ResourceAccessError(message: "\(resourceArn) is not an ARN; name the resource by its ARN")
        }
        var matchingTypes = Set<String>()   // "service/type" lowercased
        for (service, types) in catalog.resourceTypes {
            for t in types {
                guard let p = ARN(t.arnPattern), p.service == arn.service else { continue }
                if GlobOverlap.overlaps(ActionScope.glob(fromPattern: t.arnPattern), resourceArn) {
                    matchingTypes.insert(service.lowercased() + "/" + t.name.lowercased())
                }
            }
        }
        if matchingTypes.isEmpty {
            throw ResourceAccessError(message: "the action catalog has no resource type that matches \(resourceArn)")
        }
        return catalog.actions.filter { a in
            a.resourceTypes.contains { matchingTypes.contains(a.service.lowercased() + "/" + $0.name.lowercased()) }
        }
    }

    public static func analyze(resourceArn: String, authorizer: Authorizer, zone: ZoneOfTrust, options: Options = Options()) throws -> [Row] {
        var actions = try self.actions(for: resourceArn, catalog: authorizer.catalog)
        if let levels = options.levels { actions = actions.filter { levels.contains($0.accessLevel) } }
        if let p = options.actionPattern { actions = actions.filter { Wildcard.matchesAction(p, $0.fullName) } }
        let rules = ConfinementRules(zone: zone, resourceAccount: "", snapshot: authorizer.snapshot, variablesEnabled: false)
        let resourceAccount = rules.accountOfResource(resourceArn) ?? authorizer.snapshot.role(arn: resourceArn)?.account ?? ""

        struct Key: Hashable { var principal: String; var level: String; var decision: Decision }
        struct Acc { var row: Row; var actions: Set<String>; var how: Set<String>; var conditions: Set<String> }
        var groups: [Key: Acc] = [:]
        for a in actions {
            for r in authorizer.whoCan(action: a.fullName, resource: resourceArn, context: options.context) where r.decision != .deny {
                let key = Key(principal: r.principal, level: a.accessLevel.rawValue, decision: r.decision)
                if groups[key] == nil {
                    let where_: String
                    if r.principalType == "service" { where_ = "service" }
                    else if let acct = r.account {
                        where_ = resourceAccount.isEmpty ? "unknown"
                            : zone.contains(account: acct, resourceAccount: resourceAccount) ? "inside" : "outside"
                    } else { where_ = "outside" }   // anyone, federated identities
                    groups[key] = Acc(row: Row(principal: r.principal, principalType: r.principalType, account: r.account, zone: where_,
                                               accessLevel: a.accessLevel.rawValue, actions: [], decision: r.decision, how: [], conditions: []),
                                      actions: [], how: [], conditions: [])
                }
                groups[key]!.actions.insert(a.fullName)
                if !r.reason.isEmpty { groups[key]!.how.insert(r.reason) }
                groups[key]!.conditions.formUnion(r.conditions)
            }
        }
        let levelOrder = ActionCatalog.AccessLevel.allCases.map(\.rawValue)
        return groups.values.map { acc in
            var row = acc.row
            row.actions = acc.actions.sorted()
            row.how = acc.how.sorted()
            row.conditions = acc.conditions.sorted()
            return row
        }.sorted {
            (levelOrder.firstIndex(of: $0.accessLevel) ?? 9, $0.zone == "outside" ? 0 : 1, $0.principal, $0.decision.rawValue) <
            (levelOrder.firstIndex(of: $1.accessLevel) ?? 9, $1.zone == "outside" ? 0 : 1, $1.principal, $1.decision.rawValue)
        }
    }
}
