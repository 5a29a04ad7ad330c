import Foundation
import Testing

@testable import ResidencyKit

/// Headless Chromium, for checking reports the way a reader's browser parses them.
enum Chromium {
    /// `chromium` (Debian) or `chromium-browser` on PATH.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// Where the rendered pages, screenshots and PDFs are kept for people to look at.
    static let artifacts: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("residency-html-report", isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Runs Chromium headless on a file with a fresh profile; returns its standard output
    /// and its log, which carries the page's console (where CSP violations are reported).
    static func run(_ arguments: [String], file: URL) throws -> (output: String, console: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("residency-chromium-\(UUID().uuidString)")
        let log = profile.appendingPathExtension("log")
        defer {
            try? FileManager.default.removeItem(at: profile)
            try? FileManager.default.removeItem(at: log)
        }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments =
            [
                "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(profile.path)",
            ] + arguments + [file.absoluteString]
        let stdout = Pipe()
        process.standardOutput = stdout
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        process.standardError = logHandle
        try process.run()
        // A browser that hangs must not hang the test run.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let console = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (
            String(decoding: output, as: UTF8.self),
            console.split(separator: "\n").filter { $0.contains(":CONSOLE") }.joined(separator: "\n")
        )
    }

    static func write(_ html: String, _ name: String) throws -> URL {
        let file = artifacts.appendingPathComponent(name)
        try html.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func isPNG(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url) else { return false }
        return data.count > 10_000 && data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}

/// The example report and the hostile report, opened in a real headless browser: the DOM it
/// builds has the sections and the verdict, and hostile names stay text. Skipped only where
/// no `chromium` exists; `.ci/run` installs it, so CI always runs these.
@Suite(
    .serialized,
    .enabled(
        if: Chromium.executable != nil,
        "no chromium binary on PATH: install it (apt-get install chromium fonts-dejavu-core) to run the browser checks"))
struct HTMLBrowserTests {
    @Test func exampleReportRendersInChromium() throws {
        let html = HTMLReport().render(try HTMLFixtures.example(), provenance: HTMLFixtures.provenance)
        let file = try Chromium.write(html, "example.html")
        let (dom, console) = try Chromium.run(["--dump-dom"], file: file)
        // The stylesheet's hash is accepted and nothing else was blocked or complained about.
        #expect(console.isEmpty, "\(console)")
        #expect(dom.contains("<html lang=\"en\">"))
        #expect(dom.contains("NOT COMPLIANT"))
        for (id, heading) in HTMLReport.sections { #expect(dom.contains("<h2 id=\"\(id)-h\">\(heading)</h2>"), "\(heading)") }
        #expect(dom.contains("id=\"policy-RES-001\""))
        #expect(dom.contains("id=\"finding-RES-001-acme-eu-destination-64c3d5e6f7a8b9c0d1e2f3a4\""))
        #expect(dom.contains("<svg"))  // the chart parsed as SVG
        #expect(!dom.contains("<script"))

        let screenshot = Chromium.artifacts.appendingPathComponent("example.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Chromium.run(["--screenshot=\(screenshot.path)", "--window-size=1280,2000"], file: file)
        #expect(Chromium.isPNG(screenshot))
        let pdf = Chromium.artifacts.appendingPathComponent("example.pdf")
        try? FileManager.default.removeItem(at: pdf)
        _ = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], file: file)
        #expect((try? Data(contentsOf: pdf))?.prefix(5) == Data("%PDF-".utf8))
        print("HTML report artifacts: \(file.path), screenshot \(screenshot.path), printed \(pdf.path)")
    }

    /// The control for the console check above: a stylesheet whose hash the policy does not
    /// name is refused, and the browser says so.
    @Test func wrongStylesheetHashIsRefusedByChromium() throws {
        let rendered = HTMLReport().render(try HTMLFixtures.example(), provenance: HTMLFixtures.provenance)
        let css = try #require(HTMLFixtures.between(rendered, "<style>", "</style>"))
        let html = rendered.replacingOccurrences(of: HTMLStyle.hash(css), with: "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        #expect(html != rendered)
        let file = try Chromium.write(html, "wrong-hash.html")
        let (_, console) = try Chromium.run(["--dump-dom"], file: file)
        #expect(console.contains("Content Security Policy"), "\(console)")
    }

    @Test func hostileReportStaysTextInChromium() throws {
        let html = HTMLReport().render(try HTMLFixtures.hostile(), provenance: HTMLFixtures.provenance)
        let file = try Chromium.write(html, "hostile.html")
        let (dom, console) = try Chromium.run(["--dump-dom"], file: file)
        #expect(console.isEmpty, "\(console)")
        #expect(dom.contains("NOT COMPLIANT"))
        for (id, heading) in HTMLReport.sections { #expect(dom.contains("<h2 id=\"\(id)-h\">\(heading)</h2>"), "\(heading)") }
        // Serialised DOM escapes `<` in text, so any `<x` is an element the browser built.
        #expect(!dom.contains("<script"))
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<svg onload"))
        #expect(dom.components(separatedBy: "<svg").count == 2)  // only the chart
        #expect(dom.components(separatedBy: "<style").count == 2)
        #expect(dom.range(of: #"<[a-zA-Z][^>]*\s(onerror|onload)\s*="#, options: .regularExpression) == nil)
        // The hostile strings are there, as text.
        #expect(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"))
        #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(HTMLFixtures.onlyKnownMarkup(dom) == [])

        let screenshot = Chromium.artifacts.appendingPathComponent("hostile.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Chromium.run(["--screenshot=\(screenshot.path)", "--window-size=1280,2000"], file: file)
        #expect(Chromium.isPNG(screenshot))
        print("HTML hostile report artifacts: \(file.path), screenshot \(screenshot.path)")
    }
}
