import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `residency` binary started without waiting, for tests that signal it or run two at
/// once. Started with `posix_spawn` and an empty signal mask: `Process` started from a test's
/// thread hands the child that thread's mask, which blocks SIGINT and SIGTERM, and a shell
/// or CI runner never does. Output goes to files beside the run.
struct BackgroundRun {
    let pid: pid_t
    let stdout: String, stderr: String

    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        let binary = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("residency")
        let executable =
            FileManager.default.fileExists(atPath: binary.path)
            ? binary.path : repositoryRoot.appendingPathComponent(".build/debug/residency").path
        let log = directory.appendingPathComponent(UUID().uuidString).path
        (stdout, stderr) = (log + ".out", log + ".err")
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t(), defaults = sigset_t()
        sigemptyset(&mask)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The shell only changes folder, then becomes residency (same pid, same mask).
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, executable] + arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0)=\($1)") } + [nil]
        defer { for p in cArgv + cEnv { free(p) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArgv, cEnv)
        guard result == 0 else { throw SpawnFailed(code: result) }
        self.pid = pid
    }

    struct SpawnFailed: Error { var code: Int32 }

    /// How it ended: its exit status, or the signal that ended it.
    enum Ending: Equatable { case exited(Int32), signalled(Int32) }

    func wait() -> Ending {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    func output() -> (out: String, err: String) {
        func text(_ path: String) -> String {
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return (text(stdout), text(stderr))
    }
}
