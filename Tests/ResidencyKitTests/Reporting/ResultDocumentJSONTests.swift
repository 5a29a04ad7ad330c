import Foundation
import Testing

@testable import ResidencyKit

/// Schema 3's workspace records are written as raw bytes for speed; these tests hold them to
/// valid JSON that reads back into the same results, byte for byte, whatever the texts hold
/// and whether or not a result's resource is among its workspace's flows.
@Suite struct ResultDocumentJSONTests {
    static let findings: [Finding] = [
        Finding(
            policy: "RES-007", title: "t", severity: .error, outcome: .pass, workspace: "acme-eu", resourceKind: "source",
            resourceId: "src-1", resourceName: "Backend", evidence: []),
        Finding(
            policy: "RES-001", title: "t", severity: .warning, outcome: .fail, workspace: "acme \"eu\"",
            resourceKind: "destination", resourceId: "dst\\1", resourceName: "Line\nbreak\u{1}",
            message: "Mixpanel sends to the US 🇺🇸", remediation: "Switch\tendpoints", reason: nil, permit: nil, basis: nil,
            evidence: [
                Evidence(expression: "d.endpoint.region", value: "\"us\""),
                Evidence(expression: "facts.dpfCertified", value: "[\"Mixpanel\", \"Google\"]"),
            ]),
        Finding(
            policy: "RES-001", title: "t", severity: .error, outcome: .permitted, workspace: "w", resourceKind: "destination",
            resourceId: "d", resourceName: "n", message: "m", remediation: nil, reason: "r", permit: "RES-002", basis: "b",
            evidence: [Evidence(expression: "audit.date", value: "2026-11-28")]),
    ]

    /// The workspaces the findings name, with the flows they name (and one they do not).
    static let workspaces: [ResultDocument.WorkspaceInfo] = [
        .init(
            id: "ws-1", slug: "acme-eu", name: "Acme", sources: [.init(id: "src-1", name: "Backend", line: 3)],
            destinations: [], warehouses: []),
        .init(
            id: "ws-2", slug: "acme \"eu\"", name: nil, region: "eu-west", dataSubjects: ["EU"], sources: [],
            destinations: [
                .init(id: "dst\\1", name: "Line\nbreak\u{1}", catalogName: "Mixpanel", enabled: true, sourceId: "src-9"),
                .init(id: "d2", name: "Other", enabled: false, sourceId: "src-9", region: "us", evidence: "settings.x = \"y\""),
            ], warehouses: []),
        .init(
            id: "ws-3", slug: "w", sources: [], destinations: [.init(id: "d", name: "n", sourceId: "s")], warehouses: []),
    ]

    static func document(_ results: [Finding], workspaces: [ResultDocument.WorkspaceInfo] = workspaces) -> ResultDocument {
        ResultDocument(
            run: .init(startedAt: "s", finishedAt: "f", auditDate: "2026-11-28", ranBy: .unknown),
            inputs: .init(policies: [], catalog: [], facts: nil, inventories: []), params: [:],
            summary: .init(
                verdict: .compliant, gate: .passed, failOn: .error, workspaces: 1, policies: 1, permits: 0, resources: 1,
                evaluated: results.count, outcomes: OutcomeCounts(), bySeverity: SeverityCounts()),
            policies: ["RES-001", "RES-007"].map {
                .init(
                    id: $0, kind: "policy", title: "t", severity: "error", resourceKind: "destination", references: [], file: "p",
                    line: 1)
            },
            workspaces: workspaces, results: results, notices: [])
    }

    /// What reading `doc`'s JSON back gives (its counts are not checked: the documents here
    /// are built by hand), and the JSON of that.
    static func roundTrip(_ doc: ResultDocument) throws -> (ResultDocument, [UInt8]) {
        let bytes = doc.json()
        let file = SourceFile(path: "d.json", bytes: bytes)
        guard case .success(let tree) = JSONReader.parse(file) else { throw CancellationError() }
        var reader = ResultDocumentReader(file: file)
        var policies: [String: ResultDocument.PolicyInfo] = [:]
        for p in doc.policies where policies[p.id] == nil { policies[p.id] = p }
        var read = doc
        read.workspaces = []
        read.results = []
        for (i, n) in tree.root["workspaces"]!.elements.enumerated() {
            var results: [Finding] = []
            read.workspaces.append(ResultDocument.readRecord(n, "workspaces[\(i)]", policies: policies, &reader, into: &results))
            read.results += results
        }
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.map(\.message))")
        return (read, read.json())
    }

    /// Two spellings of one text (precomposed and decomposed "é", equal as Swift `String`s)
    /// are two texts of the record, each read back with its own bytes.
    @Test func twoSpellingsOfOneTextKeepTheirBytes() throws {
        var a = Self.findings[2]
        a.message = "Caf\u{E9} sends to the US"
        a.messageBreaks = [5]
        var b = a
        b.resourceName = "n2"
        b.message = "Cafe\u{301} sends to the US"
        b.messageBreaks = [6]
        #expect(a.message == b.message, "Swift calls them equal")
        let (read, _) = try Self.roundTrip(Self.document([a, b]))
        #expect(read.results.map { Array(($0.message ?? "").utf8) } == [a, b].map { Array(($0.message ?? "").utf8) })
    }

    /// A message's breaks are where its pieces meet; breaks that are out of order, past the end
    /// or inside a scalar's bytes (a finding built by hand) keep the text whole. Either
    /// way the message reads back byte for byte.
    @Test(
        arguments: [
            ([4, 9], false), ([0], false), ([33], false), ([9, 4], true), ([34], true), ([26], true), ([31], true),
            ([25, 29], false),
        ] as [([UInt32], Bool)])
    func messageBreaksReadBackOrKeepTheTextWhole(_ breaks: [UInt32], _ whole: Bool) throws {
        var finding = Self.findings[1]
        // 33 bytes: the flag's two scalars are 25..<29 and 29..<33.
        finding.message = "Mixpanel sends to the US 🇺🇸"
        finding.messageBreaks = breaks
        let (read, _) = try Self.roundTrip(Self.document([finding]))
        let back = try #require(read.results.first)
        #expect(Array((back.message ?? "").utf8) == Array(finding.message!.utf8))
        #expect(back.messageBreaks == (whole ? [] : breaks))
    }

    /// An evidence row's `from` that ends with a place is written as its parts only when they
    /// give the text back exactly; every other text, however like a place it looks, is written
    /// whole. Each reads back byte for byte.
    @Test(arguments: [
        "settings.endpoint = \"eu\" (acme-eu.json:41:55)",
        "read (my (copy).json:3:4)", "read (C:\\exports\\a.json:1:2)", "read (a.json:03:4)",
        "read (a.json:-3:4)", "read (a.json:3)", "read (a.json:3:4", "read(a.json:3:4)", " (a.json:1:1)",
        "(a.json:1:1)", "read (a.json:1:99999999999999999999)", "read (é:1:1)", "read (a.json:1:1) ", "",
        "read (a.json::1)", "caf\u{E9} (e\u{301}.json:7:8)",
    ])
    func evidenceFromReadsBackByteForByte(_ from: String) throws {
        var finding = Self.findings[1]
        finding.evidence = [Evidence(expression: "x", value: "1", from: from)]
        let (read, _) = try Self.roundTrip(Self.document([finding]))
        let back = try #require(read.results.first?.evidence.first?.from)
        #expect(Array(back.utf8) == Array(from.utf8))
        // A place that gives its text back is written as its parts: the file a text of its own.
        if from == "settings.endpoint = \"eu\" (acme-eu.json:41:55)" {
            #expect(String(decoding: Self.document([finding]).json(), as: UTF8.self).contains(#""acme-eu.json""#))
        }
    }

    /// A place joined from its parts is the interpolated text, whatever its parts: empty, not
    /// ASCII, numbers of one digit, of every length and at both ends of `Int`.
    @Test(
        arguments: [
            ("settings.endpoint = \"eu\"", "acme-eu.json", 41, 55), ("", "", 0, 0), ("caf\u{E9} 🇪🇺", "e\u{301}.json", 9, 10),
            ("read", "a.json", 1_234_567_890, 99), ("x", "y", Int.max, Int.min), ("x", "y", -7, 100_000),
        ] as [(String, String, Int, Int)])
    func aPlaceIsJoinedAsItIsInterpolated(_ said: String, _ file: String, _ line: Int, _ column: Int) {
        let joined = ResultDocument.joinPlace(said, file, line, column)
        #expect(Array(joined.utf8) == Array("\(said) (\(file):\(line):\(column))".utf8))
    }

    @Test func everyResultReadsBackAsItWasWritten() throws {
        var findings = Self.findings
        // A message in pieces and a fingerprint of its own; a pass whose fingerprint is the
        // computed one (written as an index); results the record cannot name by index (a
        // resource not among the flows); a waiver and a baseline's change.
        findings[1].messageBreaks = [8, 15]
        findings[1].fingerprint = "custom"
        var pass = Finding(
            policy: "RES-001", title: "t", severity: .warning, outcome: .pass, workspace: "acme \"eu\"",
            resourceKind: "destination", resourceId: "d2", resourceName: "Other", evidence: [])
        pass.fingerprint = Finding.fingerprint(policy: "RES-001", workspaceID: "ws-2", kind: "destination", resourceID: "d2")
        var unknown = pass
        unknown.resourceId = "gone"
        var waived = findings[1]
        waived.resourceId = "elsewhere"
        waived.outcome = .waived
        waived.change = .new
        waived.waiver = .init(approvedBy: "dpo@acme", reason: "until Q2", expires: "2027-01-01", expired: false)
        findings.insert(contentsOf: [pass, unknown, waived], at: 2)
        let doc = Self.document(findings)
        let (read, bytes) = try Self.roundTrip(doc)
        #expect(read.results == doc.results)
        #expect(read.workspaces.map(\.slug) == doc.workspaces.map(\.slug))
        #expect(bytes == doc.json())
        let text = String(decoding: bytes, as: UTF8.self)
        // A pass is an index; the pieces of a message are strings of the record.
        #expect(text.contains("\"pass\": [1]"))
        #expect(text.contains("\" sends \""))
        #expect(text.contains("[{\"id\": "), "a resource not among the flows is written out")
    }

    @Test func documentIsValidJSONWithEveryResult() throws {
        // More workspaces than one encoding chunk, so chunks are joined with commas.
        let many = (0..<40).map { n in
            var ws = Self.workspaces[n % 3]
            ws.slug += "-\(n)"
            return ws
        }
        let results = many.indices.flatMap { n in
            Self.findings.filter { $0.workspace == Self.workspaces[n % 3].slug }.map {
                var f = $0
                f.workspace = many[n].slug
                return f
            }
        }
        for (workspaces, results) in [(many, results), (Array(many.prefix(1)), Array(results.prefix(1))), ([], [])] {
            let doc = Self.document(results, workspaces: workspaces)
            let bytes = doc.json()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect((object["workspaces"] as? [Any])?.count == workspaces.count)
            #expect(bytes.last == 10)
            #expect(try Self.roundTrip(doc).0.results == results)
        }
    }

    /// Every text escaped as one byte at a time would (the plain definition), whatever mix of
    /// runs and special bytes it has, and read back by Foundation's parser as itself.
    @Test func escapedTextsAreTheTextsByteForByte() throws {
        func plain(_ text: String) -> [UInt8] {
            var out: [UInt8] = [34]
            for b in text.utf8 {
                switch b {
                case 34, 92: out += [92, b]
                case 10: out += [92, 110]
                case 13: out += [92, 114]
                case 9: out += [92, 116]
                case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
                default: out.append(b)
                }
            }
            return out + [34]
        }
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "é", "settings.region = ", "🇪🇺", " "]
        var rng = SplitMix64(state: 8)
        for _ in 0..<3_000 {
            let text = (0..<rng.below(12)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            var written: [UInt8] = []
            JSONBytes.appendString(text, to: &written)
            #expect(written == plain(text), "\(text.debugDescription)")
            let read = try JSONSerialization.jsonObject(with: Data(written), options: .fragmentsAllowed) as? String
            #expect(read.map { Array($0.utf8) } == Array(text.utf8))
        }
    }

    @Test func escapingCheckFindsEverySpecialByteAtEveryPosition() {
        for special: UInt8 in [0x22, 0x5C, 0x00, 0x0A, 0x1F] {
            for length in 1...20 {
                for position in 0..<length {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = special
                    let found = bytes.withUnsafeBufferPointer(JSONBytes.needsEscaping)
                    #expect(found, "byte \(special) at \(position) of \(length)")
                }
            }
        }
        for plain in ["", "a", "plain ASCII text, long enough for words", "Zürich 🇨🇭 → ü", "~\u{7F}\u{80}"] {
            var s = plain
            let found = s.withUTF8(JSONBytes.needsEscaping)
            #expect(!found, "\(plain.debugDescription)")
        }
    }
}
