import Foundation
import Testing

@testable import ResidencyKit

/// `--html-dir` (issue 13, item 4): an index page and one page per workspace, each
/// self-contained, every link landing on a page of the folder and an element of it.
/// Lines handed over from the threads a counter is called on.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

@Suite struct HTMLSiteTests {
    /// Every `href` of every page resolves: `#x` to an id of the same page, `page.html` to a
    /// page of the folder, `page.html#x` to an id of that page. Returns what does not.
    static func unresolvedLinks(_ pages: [(name: String, html: String)]) -> [String] {
        func ids(_ html: String) -> Set<String> {
            Set(html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        }
        let idsByPage = Dictionary(pages.map { ($0.name, ids($0.html)) }, uniquingKeysWith: { a, _ in a })
        var missing: [String] = []
        for page in pages {
            for href in page.html.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
                if href.hasPrefix("http") { continue }
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page.name : parts[0]
                guard let targetIDs = idsByPage[target] else {
                    missing.append("\(page.name) → \(href)")
                    continue
                }
                if parts.count == 2, !targetIDs.contains(parts[1]) { missing.append("\(page.name) → \(href)") }
            }
        }
        return missing
    }

    /// The one-file report of every fixture run: each `href="#…"` lands on an element.
    @Test func everyLinkOfTheOneFileReportLands() throws {
        for (name, doc) in try ContradictionTests.runs() {
            let html = HTMLReport().render(doc, provenance: HTMLFixtures.provenance)
            let unresolved = Self.unresolvedLinks([("report.html", html)])
            #expect(unresolved.isEmpty, "\(name): \(unresolved.prefix(5))")
        }
    }

    @Test func aNightOf1000WorkspacesIsAnIndexAndAPagePerWorkspace() throws {
        let doc = try HTMLLargeRunTests.night()
        var report = HTMLReport()
        report.documentDigest = String(repeating: "ab", count: 32)
        let pages = report.renderSite(doc, provenance: HTMLFixtures.provenance)
        #expect(pages.count == doc.workspaces.count + 1)
        #expect(pages[0].name == "index.html")
        #expect(Set(pages.map(\.name)).count == pages.count)
        let unresolved = Self.unresolvedLinks(pages)
        #expect(unresolved.isEmpty, "\(unresolved.prefix(5))")
        let index = pages[0].html
        // The index stays small and lists every workspace that is not compliant, linked to its page.
        #expect(index.utf8.count < 3_000_000, "\(index.utf8.count) bytes")
        let names = HTMLReport.pageNames(doc)
        let failing = Set(doc.results.filter { $0.outcome == .fail && $0.severity == .error }.map(\.workspace))
        #expect(failing.count > 100)
        for slug in failing { #expect(index.contains("href=\"\(names[slug]!)\""), "\(slug)") }
        // Findings are on the pages, not on the index; the causes link into the pages.
        #expect(!index.contains("<article class=\"finding"))
        #expect(index.contains("Failed and undecided results by cause"))
        #expect(index.contains("href=\"workspace-acme-eu-1.html#finding-RES-001-acme-eu-1-destination-"))
        // Each page is self-contained and holds its workspace's findings, register and evidence.
        let page = try #require(pages.first { $0.name == "workspace-acme-eu-1.html" }).html
        for html in [index, page] {
            #expect(html.contains("<style>") && html.contains("Content-Security-Policy"))
            #expect(!html.contains("<script") && !html.contains(" src="))
        }
        #expect(page.contains("Record of transfers out of EU of Acme EU"))
        #expect(page.contains("<article class=\"finding o-fail\""))
        #expect(page.contains("id=\"evidence-finding-RES-001-acme-eu-1-destination-"))
        #expect(page.contains("href=\"index.html#sign-off\""))
        #expect(!page.contains("acme-us-1"))  // only its own workspace
        #expect(page.contains("result SHA-256 abababababababab"))
    }

    @Test func theFolderIsWrittenAsAWholeAndReplacesOnlyItsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("html-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var outputs = ReportOutputs()
        outputs.htmlFolder = dir + "/html"
        try outputs.write(try ReportFixtures.example())
        let written = try FileManager.default.contentsOfDirectory(atPath: dir + "/html").sorted()
        #expect(written == [HTMLReport.folderMarker, "index.html", "workspace-acme-eu.html", "workspace-acme-us.html"])
        // A stale page of last night goes with the folder.
        try #require(FileManager.default.createFile(atPath: dir + "/html/workspace-gone.html", contents: Data("x".utf8)))
        try outputs.write(try ReportFixtures.example())
        #expect(!FileManager.default.fileExists(atPath: dir + "/html/workspace-gone.html"))
        // A folder residency did not write is refused, and left as it was.
        try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: true)
        try #require(FileManager.default.createFile(atPath: dir + "/mine/notes.txt", contents: Data("keep".utf8)))
        outputs.htmlFolder = dir + "/mine"
        #expect(throws: Diagnostic.self) { try outputs.write(try ReportFixtures.example()) }
        let problems = outputs.check(inputs: [])
        #expect(problems.first?.code == "E1606")
        #expect(problems.first?.message.contains(HTMLReport.folderMarker) == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/mine") == ["notes.txt"])
        // Nor does an HTML folder replace the JUnit folder CI reads.
        var junit = ReportOutputs()
        junit.junitFolder = dir + "/junit"
        try junit.write(try ReportFixtures.example())
        outputs.htmlFolder = dir + "/junit"
        #expect(outputs.check(inputs: []).first?.code == "E1606")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/junit").contains(JUnitReport.folderMarker))
    }

    /// Writing reports shows progress: one step per report and per file of a folder, and the
    /// reports rendered on other threads (JUnit, SARIF, Markdown) are those a lone render gives.
    @Test func writingReportsCountsEachReportAndPage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let doc = try ReportFixtures.example()
        var outputs = ReportOutputs()
        outputs.json = dir + "/r.json"
        outputs.junit = dir + "/j.xml"
        outputs.sarif = dir + "/r.sarif"
        outputs.markdown = dir + "/s.md"
        outputs.htmlFolder = dir + "/html"
        let seen = LockedLines()
        try outputs.write(doc, progress: ProgressCounter { stage, done, total in seen.append("\(stage) \(done)/\(total)") })
        // 5 reports, and the folder's index and 2 pages.
        #expect(seen.lines.first == "reports written 0/8")
        #expect(seen.lines.last == "reports written 8/8")
        #expect(seen.lines.count == 9)
        #expect(try String(contentsOfFile: dir + "/j.xml", encoding: .utf8) == JUnitReport().render(doc))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/r.sarif"))) == SARIFReport(root: nil).render(doc))
        #expect(try String(contentsOfFile: dir + "/s.md", encoding: .utf8) == MarkdownReport(fullReport: dir + "/html/index.html").render(doc))
    }

    /// A slug is text from an export and goes into each page's printed header, inside the
    /// `<style>` element: it cannot end the element or the CSS string there.
    @Test func aHostileSlugStaysInsideThePrintedHeader() throws {
        var doc = try ReportFixtures.example()
        let hostile = #"eu</style><p class="verdict-word">COMPLIANT</p>"\"#
        for i in doc.results.indices where doc.results[i].workspace == doc.workspaces[0].slug {
            doc.results[i].workspace = hostile
        }
        doc.workspaces[0].slug = hostile
        let pages = HTMLReport().renderSite(doc, provenance: HTMLFixtures.provenance)
        let page = try #require(pages.first { $0.name != "index.html" && $0.html.contains("@top-left") })
        for (name, html) in pages {
            // One stylesheet, ended once: nothing in it is read as markup.
            #expect(html.components(separatedBy: "</style").count == 2, "\(name)")
        }
        #expect(page.html.contains(#"eu\3c /style\3e \3c p class=\22 verdict-word\22 \3e COMPLIANT"#))
        #expect(!page.html.contains(#"<p class="verdict-word">COMPLIANT</p>"#))
    }

    /// The example's folder: the same links hold with two workspaces, one of them compliant
    /// under a permit, and names that need escaping keep apart as page names.
    @Test func pageNamesAreSafeAndDistinct() {
        var doc = (try? ReportFixtures.example())!
        var twin = doc.workspaces[0]
        twin.slug = "acme/eu"  // cleans to the same name as a slug `acme-eu` would
        twin.id = "other-id"
        var third = doc.workspaces[0]
        third.slug = "acme?eu"
        third.id = "other-id"
        doc.workspaces += [twin, third]
        let names = HTMLReport.pageNames(doc)
        #expect(Set(names.values).count == 4)
        #expect(names["acme/eu"] == "workspace-acme-eu-other-id.html")
        #expect(names.values.allSatisfy { !$0.contains("/") && $0.hasSuffix(".html") })
        #expect(Self.unresolvedLinks(HTMLReport().renderSite(doc, provenance: HTMLFixtures.provenance)).isEmpty)
    }
}
