import ArgumentParser
import Foundation
import ResidencyKit

/// Writing to the terminal: colour only when the stream is a terminal and NO_COLOR is unset.
enum Terminal {
    static func isColourTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func stdout(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    /// Whole milliseconds of a duration, for `RESIDENCY_TIMINGS=1` lines.
    static func milliseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    /// The process's resident memory now and at its peak, for `RESIDENCY_TIMINGS=1` lines:
    /// `resident 300 MB, peak 352 MB` (empty where `/proc/self/status` is not).
    static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ key: String) -> String {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
            let kb = line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
            return kb.map { "\($0 / 1000) MB" } ?? "?"
        }
        return "resident \(megabytes("VmRSS")), peak \(megabytes("VmHWM"))"
    }

    /// Prints diagnostics: JSON to standard output (for tools), human text to standard error.
    static func emit(_ diagnostics: [Diagnostic], files: [SourceFile], format: DiagnosticRenderer.Format) {
        switch format {
        case .json:
            stdout(DiagnosticRenderer(files: files).render(diagnostics, format: .json))
        case .human:
            guard !diagnostics.isEmpty else { return }
            stderr(DiagnosticRenderer(files: files, colour: isColourTerminal(2)).render(diagnostics, format: .human))
        }
    }
}

extension DiagnosticRenderer.Format: ExpressibleByArgument {}
