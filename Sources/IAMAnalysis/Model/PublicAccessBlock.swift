import Foundation
import IAMPolicy

/// S3 Block Public Access settings of a bucket or an account (`s3api get-public-access-block`,
/// `s3control get-public-access-block`: `{"PublicAccessBlockConfiguration": {...}}`).
/// S3 applies the most restrictive combination of the bucket's and the account's settings.
/// Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
public struct PublicAccessBlock: Sendable, Hashable {
    public var blockPublicAcls: Bool
    public var ignorePublicAcls: Bool
    public var blockPublicPolicy: Bool
    public var restrictPublicBuckets: Bool

    public init(blockPublicAcls: Bool = false, ignorePublicAcls: Bool = false, blockPublicPolicy: Bool = false,
                restrictPublicBuckets: Bool = false) {
        self.blockPublicAcls = blockPublicAcls; self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy; self.restrictPublicBuckets = restrictPublicBuckets
    }

    /// Reads the CLI output (or the bare configuration object). A missing setting is false, as in the API.
    public static func parse(_ json: JSONValue) throws -> PublicAccessBlock {
        let config = json["PublicAccessBlockConfiguration"] ?? json
        guard case .object = config else {
            throw PolicyError(path: .root, message: "expected a PublicAccessBlockConfiguration object, found \(config.kindName)")
        }
        func flag(_ key: String) throws -> Bool {
            guard let v = config[key] else { return false }
            guard let b = v.boolValue else {
                throw PolicyError(path: JSONPath.root.appending("PublicAccessBlockConfiguration").appending(key),
                                  message: "expected true or false, found \(v.kindName)")
            }
            return b
        }
        return PublicAccessBlock(blockPublicAcls: try flag("BlockPublicAcls"), ignorePublicAcls: try flag("IgnorePublicAcls"),
                                 blockPublicPolicy: try flag("BlockPublicPolicy"), restrictPublicBuckets: try flag("RestrictPublicBuckets"))
    }

    /// The most restrictive combination of two settings.
    public func combined(with other: PublicAccessBlock?) -> PublicAccessBlock {
        guard let o = other else { return self }
        return PublicAccessBlock(blockPublicAcls: blockPublicAcls || o.blockPublicAcls, ignorePublicAcls: ignorePublicAcls || o.ignorePublicAcls,
                                 blockPublicPolicy: blockPublicPolicy || o.blockPublicPolicy,
                                 restrictPublicBuckets: restrictPublicBuckets || o.restrictPublicBuckets)
    }
}
