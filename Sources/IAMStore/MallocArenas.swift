#if canImport(Glibc)
import Glibc
#endif

/// glibc gives each thread that allocates its own malloc arena (up to eight per core). A load
/// parses files on both cores and builds the solver index beside the table writer; memory freed
/// in one arena cannot serve another, which cost ~80 MiB of peak memory at 50,000 principals.
/// Two arenas keep the parallelism and the peak (docs/performance.md). Call before any thread starts.
public enum MallocArenas {
    public static func limit(to count: Int32 = 2) {
        #if canImport(Glibc)
        // mallopt is not in the Glibc module (malloc.h): looked up by name; M_ARENA_MAX is -8.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, count)
        #endif
    }
}
