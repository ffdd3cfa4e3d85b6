import Foundation
import IAMPolicy

/// The permission solver over a loaded snapshot. Built once per snapshot (it precomputes
/// per-principal policy sets and indexes); queries are then cheap.
public final class Authorizer: @unchecked Sendable {
    public let snapshot: Snapshot
    public let catalog: ActionCatalog
    public let now: Date

    public init(snapshot: Snapshot, catalog: ActionCatalog, now: Date) {
        self.snapshot = snapshot
        self.catalog = catalog
        self.now = now
    }

    /// `can PRINCIPAL ACTION RESOURCE`. `principalArn` is a user or role ARN (or a role-session ARN).
    public func can(principalArn: String, action: String, resource: String, context: RequestContext = RequestContext(),
                    sessionPolicy: PolicyDocument? = nil, explain: Bool = false) -> CanResult {
        CanResult(principal: principalArn, action: action, resource: resource, decision: .deny, reason: "solver not implemented yet")
    }

    /// `who-can ACTION RESOURCE`: every principal that can (allow or conditional); with `includeDenied`, also those that cannot.
    public func whoCan(action: String, resource: String, context: RequestContext = RequestContext(), includeDenied: Bool = false) -> [WhoCanRow] {
        []
    }

    /// `what-can PRINCIPAL [ACTION-PATTERN] [--resource PATTERN] [--service NAME]`.
    public func whatCan(principalArn: String, actionPattern: String? = nil, resourcePattern: String? = nil,
                        service: String? = nil, context: RequestContext = RequestContext()) -> [WhatCanRow] {
        []
    }
}
