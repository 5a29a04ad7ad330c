import Foundation
import Testing

@testable import ResidencyKit

/// The text of each page of a PDF, read by Python's pypdf (the one on PATH, else Debian's,
/// where `.ci/run` installs python3-pypdf); nil when there is none.
enum PDFText {
    static let available: Bool = {
        let probe = Chromium.artifacts.appendingPathComponent("missing.pdf")
        return run(probe, probe: true) != nil
    }()

    static func pages(_ pdf: URL) -> [String]? { run(pdf, probe: false) }

    private static func run(_ pdf: URL, probe: Bool) -> [String]? {
        let script = """
            import json, sys
            try:
                import pypdf
            except ImportError:
                sys.exit(3)
            if sys.argv[1] == "probe":
                print("[]")
                sys.exit(0)
            print(json.dumps([p.extract_text() for p in pypdf.PdfReader(sys.argv[2]).pages]))
            """
        for python in [["/usr/bin/env", "python3"], ["/usr/bin/python3"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python[0])
            process.arguments = python.dropFirst() + ["-c", script, probe ? "probe" : "read", pdf.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { continue }
            return (try? JSONDecoder().decode([String].self, from: data))
        }
        return nil
    }

    /// A page's text without the running header and page number every page carries.
    static func body(_ page: String) -> String {
        page.split(separator: "\n").filter { !$0.hasPrefix("Data residency audit · ") && !$0.hasPrefix("Page ") }
            .joined(separator: "\n")
    }
}

/// The reports as a reader prints them (issue 13, item 5): Chromium's PDF of the example and of
/// the index of a 1,000-workspace night, read back page by page. Every page has the running
/// header and its number, no page is nearly empty, the sign-off is whole on the last pages,
/// and the night's index prints in under 15 pages. The PDFs and screenshots are kept in
/// Chromium.artifacts for people to look at.
@Suite(
    .serialized,
    .enabled(
        if: Chromium.executable != nil && PDFText.available,
        "needs chromium and python3 with pypdf (apt-get install chromium python3-pypdf)"))
struct HTMLPrintTests {
    /// Prints `html` and returns its pages' text, keeping the PDF and a screenshot.
    static func print(_ html: String, _ name: String) throws -> [String] {
        let file = try Chromium.write(html, name + ".html")
        let pdf = Chromium.artifacts.appendingPathComponent(name + ".pdf")
        try? FileManager.default.removeItem(at: pdf)
        _ = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], file: file)
        let screenshot = Chromium.artifacts.appendingPathComponent(name + ".png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Chromium.run(["--screenshot=\(screenshot.path)", "--window-size=1280,2000"], file: file)
        #expect(Chromium.isPNG(screenshot))
        return try #require(PDFText.pages(pdf))
    }

    /// What every printed report must hold to: numbered pages with the running header, and no
    /// page that is nearly empty (a table or block pushed over leaving a blank page behind).
    static func checkPages(_ pages: [String], digest: String?) {
        #expect(!pages.isEmpty)
        for (i, page) in pages.enumerated() {
            #expect(page.contains("Page \(i + 1) of \(pages.count)"), "page \(i + 1)")
            #expect(page.contains("Data residency audit · 2026-11-28 ·"), "page \(i + 1)")
            if let digest { #expect(page.contains("result SHA-256 \(digest.prefix(16))"), "page \(i + 1)") }
            #expect(PDFText.body(page).count >= 400, "page \(i + 1) of \(pages.count) is nearly empty: \(PDFText.body(page))")
        }
        // The sign-off is kept whole: what is signed and the reviewers' table on one page.
        let signOff = pages.filter { $0.contains("What is signed") }
        #expect(signOff.count == 1 && signOff[0].contains("Reviewers"))
    }

    @Test func theExamplePrintsWithoutNearlyEmptyPages() throws {
        var report = HTMLReport()
        report.documentDigest = String(repeating: "0123456789abcdef", count: 4)
        let pages = try Self.print(
            report.render(try ReportFixtures.example(), provenance: HTMLFixtures.provenance), "example-printed")
        Self.checkPages(pages, digest: report.documentDigest)
        // Was 25 pages, some nearly empty, before the evidence moved to the appendix.
        #expect(pages.count < 25, "\(pages.count) pages")
    }

    @Test func theIndexOfA1000WorkspaceNightPrintsInUnder15Pages() throws {
        let doc = try HTMLLargeRunTests.night()
        var report = HTMLReport()
        report.documentDigest = String(repeating: "fedcba9876543210", count: 4)
        let site = report.renderSite(doc, provenance: HTMLFixtures.provenance)
        let pages = try Self.print(site[0].html, "night-index")
        Self.checkPages(pages, digest: report.documentDigest)
        #expect(pages.count < 15, "\(pages.count) pages")
        // Every workspace is on the printed list, the last of the worst-first order too.
        let text = pages.joined(separator: "\n")
        let order = ResultIndex(doc).workspaceOrder
        for w in [order[0], order[order.count / 2], order[order.count - 1]] { #expect(text.contains(w.slug), "\(w.slug)") }
        // A workspace's page prints as a document of its own.
        let page = try #require(site.first { $0.name == "workspace-acme-eu-1.html" })
        let printed = try Self.print(page.html, "night-workspace")
        #expect(printed.first?.contains("Data residency audit: workspace Acme EU") == true)
        #expect(printed.allSatisfy { $0.contains("acme-eu-1: NOT COMPLIANT") })
    }
}
