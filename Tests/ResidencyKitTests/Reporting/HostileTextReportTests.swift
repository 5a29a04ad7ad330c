import Foundation
import Testing

@testable import ResidencyKit

/// Every hostile string of `NeutraliseTests.hostile`, put where an inventory puts text (a
/// resource's name and id, a workspace, a message, evidence, a notice), through each report
/// that shows it: the text arrives neutralised for that medium and capped, and the JSON
/// result document keeps it whole.
@Suite struct HostileTextReportTests {
    /// The example's first failing result, every string of it `text`.
    static func document(_ text: String) throws -> (doc: ResultDocument, index: Int) {
        var doc = try ReportFixtures.example()
        let i = try #require(doc.results.firstIndex { $0.outcome == .fail })
        doc.results[i].resourceName = text
        doc.results[i].resourceId = text
        doc.results[i].message = "sends to " + text
        doc.results[i].reason = text
        doc.results[i].evidence = [.init(expression: "d.name", value: text, from: text)]
        doc.notices.append(.init(code: "note", policy: nil, message: text))
        return (doc, i)
    }

    @Test(arguments: NeutraliseTests.hostile)
    func theTerminalSummaryShowsEscapes(what: String, text: String, shown: String) throws {
        let (doc, _) = try Self.document(text)
        let out = TerminalSummary(colour: false).render(doc)
        #expect(out.contains("sends to " + shown), "\(what)")
        #expect(!out.unicodeScalars.contains { $0 != "\n" && Neutralise.isHidden($0) }, "\(what)")
        // No value starts a line of its own: every line starts as the summary writes it.
        let verdicts = out.split(separator: "\n").filter { $0.hasPrefix("verdict:") || $0.hasPrefix("gate:") }
        #expect(verdicts.count == 2 && verdicts[0].hasPrefix("verdict:     NOT COMPLIANT — "), "\(what)")
        #expect(verdicts.last == "gate:        failed at error (--fail-on error)", "\(what)")
    }

    /// Colour is the summary's own: a value cannot add an escape sequence of its own.
    @Test func onlyTheSummaryColours() throws {
        let (doc, _) = try Self.document("\u{1B}[32mcompliant\u{1B}[0m")
        let out = TerminalSummary(colour: true).render(doc)
        #expect(!out.contains("\u{1B}[32mcompliant"))
        #expect(out.contains(#"\x1b[32mcompliant\x1b[0m"#))
    }

    @Test(arguments: NeutraliseTests.hostile)
    func sarifFieldsShowEscapes(what: String, text: String, shown: String) throws {
        let (doc, _) = try Self.document(text)
        let log = String(decoding: SARIFReport().render(doc), as: UTF8.self)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any])
        let results = ((json["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let result = try #require(
            results.first {
                (($0["properties"] as? [String: Any])?["residency/resource"] as? [String: Any])?["id"] as? String == shown
            }, "\(what)")
        let properties = try #require(result["properties"] as? [String: Any])
        #expect((properties["residency/resource"] as? [String: Any])?["name"] as? String == shown, "\(what)")
        #expect(properties["residency/reason"] as? String == shown, "\(what)")
        let evidence = (properties["residency/evidence"] as? [[String: Any]])?.first
        #expect(evidence?["value"] as? String == shown, "\(what)")
        #expect(evidence?["from"] as? String == shown, "\(what)")
        #expect(((result["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("sends to " + shown) == true, "\(what)")
        // Nothing hidden in any string of the log, but line feeds of the tool's own prose and
        // the word joiners of the rules' Markdown help.
        #expect(!log.unicodeScalars.contains { $0 != "\n" && $0 != MarkdownText.joiner && Neutralise.isHidden($0) }, "\(what)")
    }

    @Test(arguments: NeutraliseTests.hostile)
    func junitShowsEscapes(what: String, text: String, shown: String) throws {
        let (doc, _) = try Self.document(text)
        let xml = try JUnitReport().render(doc)
        #expect(XMLWriter.isWellFormed(xml), "\(what)")
        #expect(xml.contains("resource: \(Self.xml(shown)) ("), "\(what)")
        #expect(xml.contains("message=\"sends to \(Self.xml(shown, attribute: true))\""), "\(what)")
        #expect(!xml.unicodeScalars.contains { $0 != "\n" && Neutralise.isHidden($0) }, "\(what)")
    }

    @Test(arguments: NeutraliseTests.hostile)
    func markdownIsInert(what: String, text: String, shown: String) throws {
        let (doc, _) = try Self.document(text)
        let md = MarkdownReport().render(doc)
        #expect(md.contains("sends to " + MarkdownText.escape(text)), "\(what)")
        // Word joiners are the summary's own, after `@`, `#` and inside `://` and `www.`.
        #expect(!md.unicodeScalars.contains { $0 != "\n" && $0 != MarkdownText.joiner && Neutralise.isHidden($0) }, "\(what)")
        #expect(!md.contains("https://evil"), "\(what)")
    }

    /// A 1 MB name is shown cut in every report (a 50 MB one made a 210 MB JUnit file), and
    /// kept whole in the JSON result document.
    @Test func aHugeNameIsCappedEverywhereButTheDocument() throws {
        let name = String(repeating: "n", count: 1 << 20)
        let (doc, _) = try Self.document(name)
        #expect(TerminalSummary(colour: false).render(doc).utf8.count < 20_000)
        #expect(SARIFReport().render(doc).count < 200_000)
        #expect(try JUnitReport().render(doc).utf8.count < 200_000)
        #expect(MarkdownReport().render(doc).utf8.count <= MarkdownReport.defaultLimit * 4)
        let json = String(decoding: doc.json(), as: UTF8.self)
        #expect(json.contains(name))
    }

    /// The names in `xml`, escaped as libxml2 escapes text and attribute values.
    static func xml(_ s: String, attribute: Bool = false) -> String {
        var out = s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        if attribute { out = out.replacingOccurrences(of: "\"", with: "&quot;") }
        return out
    }
}
