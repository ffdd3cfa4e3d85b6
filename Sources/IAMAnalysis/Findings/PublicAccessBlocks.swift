import Foundation
import IAMPolicy

/// The Block Public Access settings known to the analysis: per bucket ARN and per account.
/// Built from the snapshot's collected `get-public-access-block` files (`Account.s3PublicAccessBlock`,
/// `ResourcePolicy.publicAccessBlock`); empty means "not collected", which changes nothing.
public struct PublicAccessBlocks: Sendable, Hashable {
    public var buckets: [String: PublicAccessBlock]
    public var accounts: [String: PublicAccessBlock]
    public init(buckets: [String: PublicAccessBlock] = [:], accounts: [String: PublicAccessBlock] = [:]) {
        self.buckets = buckets; self.accounts = accounts
    }

    /// The effective setting of a bucket, or nil when neither level was collected.
    public func effective(bucketArn: String, account: String) -> PublicAccessBlock? {
        switch (buckets[bucketArn], accounts[account]) {
        case (nil, nil): return nil
        case (let b?, let a): return b.combined(with: a)
        case (nil, let a?): return a
        }
    }
}

extension PublicAccessBlocks {
    /// The settings collected in a snapshot: bucket level by bucket ARN, account level by account ID.
    public init(snapshot: Snapshot) {
        self.init()
        for rp in snapshot.resourcePolicies { if let b = rp.publicAccessBlock { buckets[rp.arn] = b } }
        for a in snapshot.accounts { if let b = a.s3PublicAccessBlock { accounts[a.id] = b } }
    }
}
