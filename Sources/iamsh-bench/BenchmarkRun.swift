import Foundation
import IAMAnalysis
import IAMPolicy
import IAMStore

/// One benchmark size: generate, load, build the solver, then time the queries.
struct BenchmarkRun {
    let principals: Int
    let keep: Bool

    static let header = """
        | principals | export (MB) | load (s) | solver index (s) | load + index (s) | can (ms, p50/p95) | can --explain (ms, p50/p95) | who-can (ms, p50/p95) | what-can (ms, p50/p95) | peak memory (MiB) |
        |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
        """

    static func note(_ s: String) {
        FileHandle.standardError.write(("  " + s + "\n").data(using: .utf8)!)
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-bench-\(principals)")
        var opened: Store?
        let catalogLoad = try Measure.seconds { opened = try Store(now: Timestamp.parse("2026-11-01T00:00:00Z") ?? Date()) }
        guard let store = opened else { return }
        Self.note("action catalog loaded in \(catalogLoad) s (once per process, before any snapshot)")
        let generated = try SyntheticOrganization(principals: principals, services: store.catalog.services.keys.sorted()).writeInChildProcess(to: dir)
        let megabytes = Double(Measure.bytes(under: dir)) / 1e6
        Self.note("generated \(principals) principals in \(dir.path) (\(megabytes) MB)")
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }

        var report = LoadReport()
        let load = Measure.seconds { report = store.load(paths: [dir.path]) }
        if report.hasErrors {
            for d in report.diagnostics.prefix(5) { FileHandle.standardError.write("\(d)\n".data(using: .utf8)!) }
        }
        Self.note("memory after load: \(Int(Measure.residentMemoryMiB())) MiB resident, \(Int(Measure.peakMemoryMiB())) MiB peak")
        Self.note("loaded in \(load) s (external access findings: \(report.findingsSeconds) s, \(store.lastExternalAccess?.findings.count ?? 0) findings)")
        // The shell builds the solver index on the first solver query after a load.
        var authorizer: Authorizer?
        let index = Measure.seconds { authorizer = store.authorizer }
        Self.note("solver index built in \(index) s; memory \(Int(Measure.residentMemoryMiB())) MiB resident, \(Int(Measure.peakMemoryMiB())) MiB peak")
        guard let auth = authorizer else { return }

        let principalsList = generated.users + generated.roles
        var rng = SyntheticOrganization.RNG(state: 7)
        let requests: [(String, String, String)] = (0..<1000).map { _ in
            let p = rng.pick(principalsList)
            let b = rng.pick(generated.buckets)
            return (p, rng.pick(["s3:GetObject", "s3:PutObject", "iam:PassRole", "dynamodb:GetItem", "ec2:RunInstances"]), b + "/key")
        }
        let can = Measure.latency(requests.count) { i in
            let r = requests[i]
            _ = auth.can(principalArn: r.0, action: r.1, resource: r.2)
        }
        let explain = Measure.latency(requests.count) { i in
            let r = requests[i]
            _ = auth.can(principalArn: r.0, action: r.1, resource: r.2, explain: true)
        }
        let whoCanQueries: [(String, String)] = (0..<30).map { _ in
            (rng.pick(["s3:GetObject", "s3:DeleteObject", "iam:PassRole", "sqs:SendMessage", "kms:Decrypt"]), rng.pick(generated.buckets) + "/key")
        }
        let whoCan = Measure.latency(whoCanQueries.count) { i in
            _ = auth.whoCan(action: whoCanQueries[i].0, resource: whoCanQueries[i].1)
        }
        let whatCanPrincipals = (0..<20).map { _ in rng.pick(principalsList) }
        let whatCan = Measure.latency(whatCanPrincipals.count) { i in
            _ = auth.whatCan(principalArn: whatCanPrincipals[i])
        }
        func f(_ v: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", v) }
        print("| \(principals) | \(f(megabytes, 1)) | \(f(load)) | \(f(index)) | \(f(load + index)) | \(f(can.median, 3)) / \(f(can.p95, 3)) | \(f(explain.median, 3)) / \(f(explain.p95, 3)) | \(f(whoCan.median, 1)) / \(f(whoCan.p95, 1)) | \(f(whatCan.median, 1)) / \(f(whatCan.p95, 1)) | \(f(Measure.peakMemoryMiB(), 0)) |")
        FileHandle.standardError.write("  \(report.summaryLine)\n".data(using: .utf8)!)
    }
}
