import Foundation

/// Ctrl-C in the interactive shell. The signal handler only sets a flag and writes a byte to a
/// pipe (async-signal-safe); a watcher thread reads the pipe and interrupts the engine, which stops
/// the running SQL statement. At the prompt the interrupted `read` makes the line editor drop the
/// line. The handler is installed without SA_RESTART so that the terminal read returns EINTR.
enum InterruptHandler {
    /// Raised by the handler; the line editor clears and reads it.
    nonisolated(unsafe) static var promptInterrupted: Int32 = 0
    nonisolated(unsafe) static var pipeWrite: Int32 = -1

    static func install(onInterrupt: @escaping @Sendable () -> Void) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        pipeWrite = fds[1]
        promptInterrupted = 0
        let readEnd = fds[0]
        let watcher = Thread {
            // Leave SIGINT to the main thread, whose read must see EINTR.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            pthread_sigmask(SIG_BLOCK, &set, nil)
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { onInterrupt(); continue }
                if n < 0, errno == EINTR { continue }
                break
            }
        }
        watcher.start()

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            InterruptHandler.promptInterrupted = 1
            var b: UInt8 = 1
            _ = write(InterruptHandler.pipeWrite, &b, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}
