import Foundation
import IAMAnalysis
import IAMPolicy
import IAMStore

// iamsh-bench: measures load and index, can (with its trace), who-can and what-can on synthetic
// organizations in the real CLI formats. Each size runs in its own process so that peak memory
// is that size's alone.
//   iamsh-bench                      all sizes (1,000 / 10,000 / 50,000), a Markdown table
//   iamsh-bench --sizes 1000,10000   chosen sizes
//   iamsh-bench --size N             one size, one result line (used by the above)
//   iamsh-bench --paths 1000,10000   the paths benchmark (edges, privesc, paths, transitive who-can)

let args = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

if args.contains("--help") || args.contains("-h") {
    print("""
        usage: iamsh-bench [--sizes N,N,...] | --size N [--keep] | --paths N,N,... [--workers K] | --generate N DIR
          (no option)       solver benchmark at 1,000 / 10,000 / 50,000 principals, a Markdown table
          --sizes N,...     solver benchmark at the chosen sizes, each in its own process
          --size N          one size, one table row (--keep leaves the generated snapshot in the temp folder)
          --paths N,...     paths benchmark: all edges, privesc, paths FROM TO, who-can --transitive
          --generate N DIR  only write a synthetic snapshot of N principals into DIR (iamsh DIR opens it)
        Build it in release: swift build -c release --product iamsh-bench. See docs/performance.md.
        """)
} else if let i = args.firstIndex(of: "--generate"), i + 2 < args.count, let n = Int(args[i + 1]) {
    // The child process of a benchmark run: writes the synthetic organization and exits.
    let catalog = (try? Store(now: Date()))?.catalog ?? .empty
    try SyntheticOrganization(principals: n, services: catalog.services.keys.sorted()).write(to: URL(fileURLWithPath: args[i + 2]))
} else if let sizes = option("--paths") {
    print(PathsBenchmark.header)
    for n in sizes.split(separator: ",").compactMap({ Int($0) }) {
        try PathsBenchmark(principals: n, workers: Int(option("--workers") ?? "2") ?? 2).run()
    }
} else if let n = option("--size").flatMap(Int.init) {
    try BenchmarkRun(principals: n, keep: args.contains("--keep")).run()
} else {
    let sizes = (option("--sizes") ?? "1000,10000,50000").split(separator: ",").compactMap { Int($0) }
    // Unbuffered: the per-size rows come from child processes sharing this stdout.
    FileHandle.standardOutput.write((BenchmarkRun.header + "\n").data(using: .utf8)!)
    for n in sizes {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath()
        p.arguments = ["--size", String(n)]
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { FileHandle.standardError.write("size \(n) failed with status \(p.terminationStatus)\n".data(using: .utf8)!) }
    }
}
