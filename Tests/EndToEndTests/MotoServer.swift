import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local AWS mock (`moto_server`) on 127.0.0.1 and a free port, for one test; `stop()` ends it.
final class MotoServer {
    /// The tools the end-to-end test needs: the mock, the AWS CLI and Python with boto3.
    static var toolsAvailable: Bool {
        ChildProcess.which("moto_server") != nil && ChildProcess.which("aws") != nil && ChildProcess.which("python3") != nil
    }

    static let missingToolsMessage = "moto_server, aws and python3 (boto3) must be in PATH: `pip install 'moto[server]' awscli boto3`"

    /// Dummy credentials and an empty CLI configuration, so nothing of the user's AWS set-up is used
    /// (an empty value removes the variable).
    static let environment: [String: String] = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/nonexistent/iamsh-e2e/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/iamsh-e2e/credentials",
        "AWS_PROFILE": "",
    ]

    let port: Int
    let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(log: URL) throws {
        guard let moto = ChildProcess.which("moto_server") else { throw MotoError.missing(Self.missingToolsMessage) }
        port = try Self.freePort()
        process = Process()
        process.executableURL = moto
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        // AWS managed policies must exist for attachments such as AdministratorAccess to work.
        process.environment = ChildProcess.environment(overriding: ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true"])
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try waitUntilListening(timeout: 60)
    }

    /// Stops the server with SIGKILL: a child of the test process inherits its blocked signal mask,
    /// in which SIGTERM is blocked, so `terminate()` would not end it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// A port nobody listens on: bind port 0 and read what the system chose.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MotoError.socket("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw MotoError.socket("bind() failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    func waitUntilListening(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { throw MotoError.exited("moto_server exited with status \(process.terminationStatus)") }
            if Self.accepts(port: port) { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        stop()
        throw MotoError.exited("moto_server did not listen on \(endpoint) within \(Int(timeout)) s")
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Seeds the mock with Scripts/seed-moto.py and returns what it says it created.
    func seed() throws -> [String: Any] {
        guard let python = ChildProcess.which("python3") else { throw MotoError.missing(Self.missingToolsMessage) }
        let out = try ChildProcess.run(python, [RepositoryPaths.scripts.appendingPathComponent("seed-moto.py").path,
                                                "--endpoint-url", endpoint], environment: Self.environment)
        guard out.status == 0, let json = try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any] else {
            throw MotoError.seed("seed-moto.py failed (\(out.status)): \(out.stderr.suffix(2000))")
        }
        return json
    }
}

enum MotoError: Error, CustomStringConvertible {
    case missing(String), socket(String), exited(String), seed(String)
    var description: String {
        switch self {
        case .missing(let s), .socket(let s), .exited(let s), .seed(let s): return s
        }
    }
}
