import Foundation

/// Wall-clock timing and memory readings for the benchmark.
enum Measure {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs `body` `n` times and returns the median and 95th percentile in milliseconds.
    static func latency(_ n: Int, _ body: (Int) -> Void) -> (median: Double, p95: Double) {
        var samples: [Double] = []
        samples.reserveCapacity(n)
        for i in 0..<n {
            let start = DispatchTime.now().uptimeNanoseconds
            body(i)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[min(samples.count - 1, Int(Double(samples.count) * 0.95))])
    }

    /// Peak resident memory of this process (VmHWM), in MiB.
    static func peakMemoryMiB() -> Double { statusMiB("VmHWM:") }

    /// Resident memory now (VmRSS), in MiB.
    static func residentMemoryMiB() -> Double { statusMiB("VmRSS:") }

    private static func statusMiB(_ field: String) -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix(field) {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    /// Total size of the regular files under `dir`.
    static func bytes(under dir: URL) -> Int {
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.fileSizeKey])
        var total = 0
        while let url = e?.nextObject() as? URL {
            total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}
