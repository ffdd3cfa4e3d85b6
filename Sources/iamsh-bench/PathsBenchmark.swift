import Foundation
import IAMAnalysis
import IAMPolicy
import IAMStore

/// The paths benchmark for one size: build every edge of the synthetic organization, then time
/// `privesc` (all principals, and one), `paths FROM TO`, and transitive who-can.
struct PathsBenchmark {
    let principals: Int
    let workers: Int

    static let header = """
        | principals | edges | admins | build edges (s wall / s CPU) | privesc all (ms wall / CPU) | privesc one (ms, p50/p95) | paths FROM TO (ms, p50/p95) | who-can --transitive (ms, p50/p95) | peak memory (MiB) |
        |---:|---:|---:|---:|---:|---:|---:|---:|---:|
        """

    /// CPU seconds used by the whole process (all threads): on a loaded machine the wall clock
    /// also counts time spent waiting for a core.
    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-paths-bench-\(principals)")
        let store = try Store(now: Timestamp.parse("2026-11-01T00:00:00Z") ?? Date())
        let generated = try SyntheticOrganization(principals: principals, services: store.catalog.services.keys.sorted()).writeInChildProcess(to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = store.load(paths: [dir.path])
        let auth = store.authorizer

        var graph: PrincipalGraph?
        var cpu0 = PathsBenchmark.processCPU()
        let build = Measure.seconds { graph = PrincipalGraph(authorizer: auth, options: GraphOptions(workers: workers)) }
        let buildCPU = PathsBenchmark.processCPU() - cpu0
        guard let g = graph else { return }
        let names = generated.users + generated.roles
        var rng = SyntheticOrganization.RNG(state: 11)
        // One principal first: `privesc` over all of them caches every answer.
        let one = Measure.latency(50) { _ in _ = try? g.privesc(principal: rng.pick(names)) }
        var all: [Escalation] = []
        cpu0 = PathsBenchmark.processCPU()
        let privescAll = Measure.seconds { all = (try? g.privesc()) ?? [] }
        let privescCPU = PathsBenchmark.processCPU() - cpu0
        let pairs = (0..<50).map { _ in (rng.pick(names), rng.pick(generated.roles)) }
        let paths = Measure.latency(pairs.count) { i in _ = try? g.paths(from: pairs[i].0, to: pairs[i].1) }
        let queries = (0..<10).map { _ in (rng.pick(["s3:GetObject", "iam:PassRole", "dynamodb:PutItem", "kms:Decrypt"]), rng.pick(generated.buckets) + "/key") }
        let transitive = Measure.latency(queries.count) { i in _ = g.whoCanTransitive(action: queries[i].0, resource: queries[i].1) }

        func f(_ v: Double, _ d: Int = 1) -> String { String(format: "%.\(d)f", v) }
        print("| \(principals) | \(g.edges.count) | \(g.admins().count) | \(f(build, 2)) / \(f(buildCPU, 2)) | \(f(privescAll * 1000)) / \(f(privescCPU * 1000)) | \(f(one.median, 2)) / \(f(one.p95, 2)) | \(f(paths.median, 2)) / \(f(paths.p95, 2)) | \(f(transitive.median)) / \(f(transitive.p95)) | \(f(Measure.peakMemoryMiB(), 0)) |")
        var kinds: [String: Int] = [:]
        for e in g.edges { kinds[e.kind, default: 0] += 1 }
        let top = kinds.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        FileHandle.standardError.write("  \(all.count) escalating principals; edges by kind: \(top)\n".data(using: .utf8)!)
    }
}
