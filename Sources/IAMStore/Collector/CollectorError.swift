/// Why a collection could not run at all (a failed step is recorded in the manifest instead).
public enum CollectorError: Error, CustomStringConvertible, Sendable {
    /// The AWS CLI could not be started.
    case cliUnavailable(String)
    /// `sts get-caller-identity` failed or answered without an account: nothing can be placed.
    case noAccount(String)
    /// The snapshot folder or one of its files could not be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .cliUnavailable(let why): return "cannot run the AWS CLI: \(why)"
        case .noAccount(let why): return "cannot tell which account the credentials belong to: \(why)"
        case .write(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
