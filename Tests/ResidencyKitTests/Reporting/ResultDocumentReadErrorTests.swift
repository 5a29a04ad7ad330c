import Foundation
import Testing

@testable import ResidencyKit

/// Malformed, edited and foreign documents are refused with a code and their place (E15xx);
/// 1️⃣ marks where each diagnostic must point.
@Suite struct ResultDocumentReadErrorTests {
    /// The smallest document with every required section: one policy, one workspace, one result.
    static let valid = """
        {"schemaVersion": 2,
         "tool": {"name": "residency", "version": "0.1.0"},
         "run": {"startedAt": "2026-11-28T02:00:00Z", "finishedAt": "2026-11-28T02:00:01Z", "auditDate": "2026-11-28",
                 "ranBy": {"runner": "local user", "identity": "alice"}},
         "inputs": {"policies": [{"path": "eu.policy", "sha256": "ab"}], "catalog": [], "inventories": []},
         "params": {"swiss_adequacy": "false"},
         "summary": {"verdict": "non-compliant", "gate": "failed", "failOn": "error", "workspaces": 1, "policies": 1, "permits": 0,
                     "resources": 2, "evaluated": 1, "outcomes": {"fail": 1}, "bySeverity": {"error": {"fail": 1}}},
         "policies": [{"id": "RES-001", "kind": "policy", "title": "EU data stays in the EU", "severity": "error",
                       "resourceKind": "destination", "references": ["GDPR Art. 44"], "file": "eu.policy", "line": 1}],
         "workspaces": [{"id": "ws1", "slug": "acme-eu", "sources": [],
                         "destinations": [{"id": "d1", "name": "Mixpanel", "enabled": true, "sourceId": "s1"}], "warehouses": []}],
         "results": [
          {"policy": "RES-001", "severity": "error", "outcome": "fail", "workspace": "acme-eu",
           "resource": {"kind": "destination", "id": "d1", "name": "Mixpanel"}, "evidence": [{"expression": "d.region", "value": "us"}]}
         ],
         "notices": []}
        """

    static func read(_ text: String) -> ResultDocument.Reading {
        ResultDocument.read(SourceFile(path: "results.json", text: text))
    }

    @Test func theSmallestDocumentIsValid() throws {
        let reading = Self.read(Self.valid)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(doc.results.first?.title == "EU data stays in the EU")
        #expect(doc.workspaces.first?.destinations.first?.enabled == true)
    }

    /// (what, text replaced in the valid document, its replacement with 1️⃣, code, message).
    static let cases: [(String, String, String, String, String)] = [
        ("cut short", #""notices": []}"#, #""notices": [1️⃣"#, "E1503", "invalid JSON: unexpected end of file"),
        ("a trailing comma", #""notices": []}"#, #""notices": []1️⃣,}"#, "E1503", "trailing comma before `}`"),
        (
            "a list", Self.valid, "1️⃣[1, 2]", "E1502",
            "results.json is not a residency result document (schemaVersion 4): found an array"
        ),
        ("an export bundle", Self.valid, #"1️⃣{"workspace": {"id": "ws1"}}"#, "E1502", "found no `schemaVersion`"),
        ("another schemaVersion", #""schemaVersion": 2"#, #""schemaVersion": 1️⃣5"#, "E1502", "found schemaVersion 5"),
        (
            "a schemaVersion in words", #""schemaVersion": 2"#, #""schemaVersion": 1️⃣"2""#, "E1502",
            "found a `schemaVersion` that is a string"
        ),
        (
            "no results", Self.valid, "1️⃣" + Self.valid.replacingOccurrences(of: #""results": ["#, with: #""outcomes": ["#),
            "E1502", "found no `results`"
        ),
        (
            "a count in words", #""evaluated": 1"#, #""evaluated": 1️⃣"1""#, "E1504",
            "`summary.evaluated` must be a whole number, found a string"
        ),
        ("a fractional line", #""line": 1}"#, #""line": 1️⃣1.5}"#, "E1504", "`policies[0].line` must be a whole number"),
        (
            "enabled in words", #""enabled": true"#, #""enabled": 1️⃣"yes""#, "E1504",
            "`workspaces[0].destinations[0].enabled` must be true or false"
        ),
        ("a reference that is a number", #"["GDPR Art. 44"]"#, "[1️⃣44]", "E1504", "`policies[0].references[0]` must be a string"),
        (
            "evidence that is not a list", #""evidence": ["#, #""evidence": 1️⃣{}, "x": ["#, "E1504",
            "`results[0].evidence` must be a list"
        ),
        (
            "a result that is not an object", #"{"policy": "RES-001", "severity""#,
            #"1️⃣"RES-001", {"policy": "RES-001", "severity""#, "E1504", "`results[0]` must be an object"
        ),
        (
            "a result without its outcome", #"{"policy": "RES-001", "severity": "error", "outcome": "fail","#,
            #"1️⃣{"policy": "RES-001", "severity": "error","#, "E1505", "`results[0]` has no `outcome`"
        ),
        (
            "a null workspace", #"{"policy": "RES-001", "severity": "error", "outcome": "fail", "workspace": "acme-eu","#,
            #"1️⃣{"policy": "RES-001", "severity": "error", "outcome": "fail", "workspace": null,"#, "E1505",
            "`results[0]` has no `workspace`"
        ),
        (
            "a run without its start", #""run": {"startedAt": "2026-11-28T02:00:00Z", "#, #""run": 1️⃣{"#, "E1505",
            "`run` has no `startedAt`"
        ),
        (
            "no summary", Self.valid, "1️⃣" + Self.valid.replacingOccurrences(of: #""summary": {"#, with: #""summery": {"#),
            "E1505", "the document has no `summary`"
        ),
        ("an unknown outcome", #""outcome": "fail""#, #""outcome": 1️⃣"failed""#, "E1506", "`results[0].outcome` is \"failed\""),
        (
            "an unknown severity", #""title": "EU data stays in the EU", "severity": "error""#,
            #""title": "EU data stays in the EU", "severity": 1️⃣"critical""#, "E1506",
            "`policies[0].severity` is \"critical\""
        ),
        (
            "an unknown verdict", #""verdict": "non-compliant""#, #""verdict": 1️⃣"passed""#, "E1506",
            "`summary.verdict` is \"passed\""
        ),
        ("an unknown threshold", #""failOn": "error""#, #""failOn": 1️⃣"errors""#, "E1506", "`summary.failOn` is \"errors\""),
        // Counts under a name this version does not know are refused, not left out.
        (
            "an unknown outcome counted", #""outcomes": {"fail": 1}"#, #""outcomes": {"fail": 1, "skipped": 1️⃣0}"#, "E1506",
            "`summary.outcomes` is \"skipped\""
        ),
        (
            "an unknown severity counted", #""bySeverity": {"error": {"fail": 1}}"#,
            #""bySeverity": {"error": {"fail": 1}, "critical": 1️⃣{}}"#, "E1506", "`summary.bySeverity` is \"critical\""
        ),
        (
            "a result of an unlisted policy", #"{"policy": "RES-001", "severity""#, #"{"policy": 1️⃣"RES-002", "severity""#,
            "E1507", "`results[0].policy` names policy `RES-002`, which `policies` does not list"
        ),
        (
            "a script link", #""identity": "alice""#, #""identity": "alice", "url": 1️⃣"javascript:alert(1)""#, "E1508",
            "`run.ranBy.url` must be a plain http(s) link"
        ),
        (
            "a link with a token", #""identity": "alice""#, #""identity": "alice", "url": 1️⃣"https://x:tok@ci.example/job/1""#,
            "E1508", "plain http(s) link"
        ),
    ]

    @Test(arguments: cases)
    func malformedDocumentsAreRefusedWithTheirPlace(
        what: String, find: String, replace: String, code: String, message: String
    )
        throws
    {
        #expect(Self.valid.contains(find), "\(what): the valid document has no \(find)")
        let source = MarkedSource(Self.valid.replacingOccurrences(of: find, with: replace))
        let reading = Self.read(source.text)
        #expect(reading.document == nil, "\(what)")
        let first = try #require(reading.diagnostics.first, "\(what)")
        #expect(first.code == code, "\(what): \(first.message)")
        #expect(first.message.contains(message), "\(what): \(first.message)")
        #expect(first.range.map { "\($0.start.line):\($0.start.column)" } == source.at(), "\(what): \(first.message)")
        #expect(first.range?.file == "results.json")
        #expect(reading.files.map(\.path) == ["results.json"], "the file is kept to quote it")
    }

    /// The smallest schema 3 document: one workspace record with one destination, one
    /// failing result and one pass.
    static let valid3 = """
        {"schemaVersion": 3,
         "tool": {"name": "residency", "version": "0.1.0"},
         "run": {"startedAt": "2026-11-28T02:00:00Z", "finishedAt": "2026-11-28T02:00:01Z", "auditDate": "2026-11-28",
                 "ranBy": {"runner": "local user", "identity": "alice"}},
         "inputs": {"policies": [{"path": "eu.policy", "sha256": "ab"}], "catalog": [], "inventories": []},
         "params": {},
         "columns": {"sources": ["id", "name", "catalogName", "enabled", "line", "library", "ingestHost", "ingestRegion"], "destinations": ["id", "name", "catalogName", "enabled", "line", "sourceId", "vendor", "region", "host", "evidence"], "warehouses": ["id", "name", "catalogName", "enabled", "line", "location", "region"], "evidence": ["expression", "value", "from"], "results": ["resource", "message", "evidence", "remediation", "reason", "permit", "basis", "change", "waiver", "fingerprint"]},
         "policies": [{"id": "RES-001", "kind": "policy", "title": "EU data stays in the EU", "severity": "error",
                       "resourceKind": "destination", "references": [], "file": "eu.policy", "line": 1}],
         "workspaces": [
          {"id": "ws1", "slug": "acme-eu", "strings": ["d1","Mixpanel","s1","d2","Amplitude","d.region","us","settings.region = \\"us\\"","a.json"," sends to the US"], "sources": [], "destinations": [[0,1,null,true,3,2,null,null,null,null],[3,4,null,true,9,2,null,null,null,null]], "warehouses": [], "evidence": [[5,6,[7,8,3,14]]], "results": [{"policy": "RES-001", "kind": "destination", "severity": "error", "pass": [1], "fail": [[0,[1,9],[0]]]}]}
         ],
         "notices": [],
         "summary": {"verdict": "non-compliant", "gate": "failed", "failOn": "error", "workspaces": 1, "policies": 1, "permits": 0,
                     "resources": 3, "evaluated": 2, "outcomes": {"pass": 1, "fail": 1}, "bySeverity": {"error": {"pass": 1, "fail": 1}}}}
        """

    /// A waiver's note as `check` writes it in a result's row.
    static func waiverNote(_ expired: Bool) -> String {
        #"{"approvedBy": "mallory", "reason": "edited", "expires": "2027-01-01", "expired": \#(expired)}"#
    }

    @Test func theSmallestSchema3DocumentIsValid() throws {
        let reading = Self.read(Self.valid3)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(doc.results.map(\.outcome) == [.fail, .pass])
        #expect(doc.results.first?.message == "Mixpanel sends to the US")
        #expect(doc.results.first?.evidence == [Evidence(expression: "d.region", value: "us", from: "settings.region = \"us\" (a.json:3:14)")])
        #expect(doc.results.last?.resourceName == "Amplitude")
        #expect(doc.results.first?.fingerprint == Finding.fingerprint(policy: "RES-001", workspaceID: "ws1", kind: "destination", resourceID: "d1"))
    }

    /// Schema 3's numbers and rows: (what, text replaced, its replacement with 1️⃣, code, message).
    static let cases3: [(String, String, String, String, String)] = [
        ("a string number past the table", #""fail": [[0,[1,9]"#, #""fail": [[0,[1,1️⃣10]"#, "E1510", "is 10, but the workspace record has 10 strings"),
        ("a resource number past the list", #""pass": [1]"#, #""pass": [1️⃣2]"#, "E1510", "is 2, but the workspace record has 2 destinations"),
        ("an evidence number past the list", #",[0]]]}]}"#, #",[1️⃣1]]]}]}"#, "E1510", "has 1 evidence"),
        (
            "a text among a message's pieces", #""fail": [[0,[1,9]"#, #""fail": [[0,[1,1️⃣"9"]"#, "E1504",
            "`workspaces[0].results[0].fail[0][1][1]` must be a whole number"
        ),
        (
            "evidence that is not a list", #",[0]]]}]}"#, #",1️⃣0]]}]}"#, "E1504",
            "`workspaces[0].results[0].fail[0][2]` must be a list of numbers"
        ),
        (
            "a place without its line", #"[5,6,[7,8,3,14]]"#, #"[5,6,[7,8,1️⃣null,14]]"#, "E1504",
            "`workspaces[0].evidence[0][2][2]` must be a whole number"
        ),
        (
            "an evidence number below zero", #",[0]]]}]}"#, #",[1️⃣-1]]]}]}"#, "E1510",
            "`workspaces[0].results[0].fail[0][2][0]` is -1, but the workspace record has 1 evidence"
        ),
        ("a resource named twice", #""fail": [[0,[1,9]"#, #""fail": [1️⃣[1,[1,9]"#, "E1510", "destinations (named twice)"),
        ("a row too short", #"[3,4,null,true,9,2,null,null,null,null]"#, #"1️⃣[3,4]"#, "E1504", "must be a list of 10 columns"),
        ("a text where a number goes", #"[[0,1,null"#, #"[[1️⃣"d1",1,null"#, "E1504", "must be the number of a string in `strings`"),
        ("columns of another meaning", #""evidence": ["expression", "value", "from"]"#, #""evidence": 1️⃣["value", "expression", "from"]"#, "E1504", "`columns.evidence` must be"),
        (
            "two workspaces with one slug", #"{"id": "ws1", "slug": "acme-eu", "strings""#,
            #"{"id": "ws0", "slug": "acme-eu", "strings": [], "sources": [], "destinations": [], "warehouses": [], "evidence": [], "results": []}, {"id": "ws1", "slug": 1️⃣"acme-eu", "strings""#,
            "E1511", "`workspaces[1].slug` is \"acme-eu\", the slug of workspaces[0]"
        ),
        ("an unknown kind", #""kind": "destination""#, #""kind": 1️⃣"destinations""#, "E1506", "`workspaces[0].results[0].kind` is \"destinations\""),
        ("an unknown outcome list", #""fail": [[0"#, #""failed": [], "fail": [[0"#, "", ""),
        // A waiver or permit where `check` never writes one (`Finding.basisProblem`).
        (
            "a waiver on a pass", #""pass": [1]"#,
            #""pass": [1️⃣[1,null,null,null,null,null,null,null,"# + waiverNote(false) + "]]",
            "E1512", "a pass result in `workspaces[0].results[0]` names a waiver"
        ),
        (
            "a permit on a failure", #""fail": [[0,[1,9],[0]]]"#, #""fail": [1️⃣[0,[1,9],[0],null,null,1]]"#, "E1512",
            "a fail result in `workspaces[0].results[0]` names a permit"
        ),
        (
            "a legal basis on a failure", #""fail": [[0,[1,9],[0]]]"#, #""fail": [1️⃣[0,[1,9],[0],null,null,null,1]]"#, "E1512",
            "a fail result in `workspaces[0].results[0]` names a legal basis"
        ),
        (
            "an unexpired waiver on a failure", #""fail": [[0,[1,9],[0]]]"#,
            #""fail": [1️⃣[0,[1,9],[0],null,null,null,null,null,"# + waiverNote(false) + "]]", "E1512",
            "a fail result in `workspaces[0].results[0]` names a waiver that had not expired"
        ),
        (
            "an expired waiver on a waived result", #""fail": [[0,[1,9],[0]]]"#,
            #""waived": [1️⃣[0,[1,9],[0],null,null,null,null,null,"# + waiverNote(true) + "]]", "E1512",
            "a waived result in `workspaces[0].results[0]` names a waiver that had expired"
        ),
        (
            "an expired waiver on a failure", #""fail": [[0,[1,9],[0]]]"#,
            #""fail": [[0,[1,9],[0],null,null,null,null,null,"# + waiverNote(true) + "]]", "", ""
        ),
        ("no workspaces", Self.valid3, "1️⃣" + Self.valid3.replacingOccurrences(of: #""workspaces": ["#, with: #""records": ["#), "E1502", "found no `workspaces`"),
    ]

    @Test(arguments: cases3)
    func malformedSchema3DocumentsAreRefusedWithTheirPlace(
        what: String, find: String, replace: String, code: String, message: String
    ) throws {
        try Self.expectRefused(Self.valid3, what, find, replace, code, message)
    }

    /// `valid` with `find` replaced by `replace` is refused with `code` and `message` at its
    /// 1️⃣ (when it has one); with no code, it is read (keys a reader does not know are ignored,
    /// as in every schema).
    static func expectRefused(
        _ valid: String, _ what: String, _ find: String, _ replace: String, _ code: String, _ message: String
    ) throws {
        #expect(valid.contains(find), "\(what): the valid document has no \(find)")
        let source = MarkedSource(valid.replacingOccurrences(of: find, with: replace))
        let reading = Self.read(source.text)
        guard !code.isEmpty else {
            #expect(reading.document != nil, "\(what): \(reading.diagnostics.map(\.message))")
            return
        }
        #expect(reading.document == nil, "\(what)")
        let first = try #require(reading.diagnostics.first, "\(what)")
        #expect(first.code == code, "\(what): \(first.message)")
        #expect(first.message.contains(message), "\(what): \(first.message)")
        if replace.contains("1️⃣") {
            #expect(first.range.map { "\($0.start.line):\($0.start.column)" } == source.at(), "\(what): \(first.message)")
        }
    }

    /// Schema 4: the same document with the group's kind and severity left to `policies[]` and
    /// its pass as a run.
    static let valid4 = valid3.replacingOccurrences(of: #"{"schemaVersion": 3,"#, with: #"{"schemaVersion": 4,"#)
        .replacingOccurrences(
            of: #"{"policy": "RES-001", "kind": "destination", "severity": "error", "pass": [1],"#,
            with: #"{"policy": "RES-001", "pass": ["1..1"],"#)

    @Test func aSchema4GroupTakesItsKindAndSeverityFromItsPolicy() throws {
        #expect(Self.valid4.contains(#""pass": ["1..1"]"#))
        let reading = Self.read(Self.valid4)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        let three = try #require(Self.read(Self.valid3).document)
        #expect(doc.results.map(\.resourceName) == three.results.map(\.resourceName))
        #expect(doc.results.map(\.resourceKind) == ["destination", "destination"])
        #expect(doc.results.map(\.severity) == [.error, .error])
        #expect(doc.results.map(\.outcome) == [.fail, .pass])
    }

    /// An outcome written twice in a group is read once, as every key written twice is (the
    /// reader's room for results is counted the same way).
    @Test func anOutcomeWrittenTwiceIsReadOnce() throws {
        let text = Self.valid4.replacingOccurrences(of: #""pass": ["1..1"]"#, with: #""pass": ["1..1"], "pass": ["1..1"]"#)
        let reading = Self.read(text)
        let doc = try #require(reading.document, "\(reading.diagnostics.map(\.message))")
        #expect(doc.results.map(\.outcome) == [.fail, .pass])
    }

    /// Schema 4's runs and defaults: (what, text replaced, its replacement with 1️⃣, code, message).
    static let cases4: [(String, String, String, String, String)] = [
        ("a run past the list", #""pass": ["1..1"]"#, #""pass": [1️⃣"1..2"]"#, "E1510", "is 2, but the workspace record has 2 destinations"),
        ("a run backwards", #""pass": ["1..1"]"#, #""pass": [1️⃣"1..0"]"#, "E1504", #"a run "first..last""#),
        ("a run in words", #""pass": ["1..1"]"#, #""pass": [1️⃣"one..two"]"#, "E1504", #"a run "first..last""#),
        ("a run of three dots", #""pass": ["1..1"]"#, #""pass": [1️⃣"0...1"]"#, "E1504", #"a run "first..last""#),
        (
            "a run of a billion", #""pass": ["1..1"]"#, #""pass": [1️⃣"0..999999999"]"#, "E1510",
            "is 999999999, but the workspace record has 2 destinations"
        ),
        (
            "one run many times", #""pass": ["1..1"]"#, #""pass": ["1..1", "1..1", "1..1", "1..1", "1..1"]"#, "E1510",
            "destinations (named twice)"
        ),
        ("a run over a failed resource", #""pass": ["1..1"]"#, #""pass": ["0..1"]"#, "E1510", "destinations (named twice)"),
        (
            "a kind of its own", #"{"policy": "RES-001", "pass": ["#, #"{"policy": "RES-001", "kind": "source", "pass": [1️⃣"#,
            "E1510", "has 0 sources"
        ),
        ("a severity of its own", #"{"policy": "RES-001", "pass""#, #"{"policy": "RES-001", "severity": "warning", "pass""#, "E1509", "summary"),
        (
            "an unlisted policy's group", #"{"policy": "RES-001", "pass""#, #"{"policy": 1️⃣"RES-002", "pass""#, "E1507",
            "RES-002"
        ),
    ]

    @Test(arguments: cases4)
    func malformedSchema4DocumentsAreRefusedWithTheirPlace(
        what: String, find: String, replace: String, code: String, message: String
    ) throws {
        try Self.expectRefused(Self.valid4, what, find, replace, code, message)
    }

    /// The reasons are given in words the user wrote (help included) and rendered with the line.
    @Test func aDocumentOfAnotherSchemaSaysWhichResidencyWroteIt() throws {
        let reading = Self.read(Self.valid.replacingOccurrences(of: #""schemaVersion": 2"#, with: #""schemaVersion": 5"#))
        let d = try #require(reading.diagnostics.first)
        #expect(d.help == "it was written by residency 0.1.0: render it with that version, or run `residency check --json` again")
        let text = DiagnosticRenderer(files: reading.files).render(reading.diagnostics, format: .human)
        #expect(text.contains("results.json:1:19: error[E1502]"), "\(text)")
    }

    /// One mistake repeated in every result gives a few diagnostics and a count of the rest.
    @Test func problemsAreCappedAndTheRestCounted() throws {
        let result =
            #"{"policy": "RES-001", "severity": "fatal", "outcome": "fail", "workspace": "acme-eu", "resource": {"kind": "destination", "id": "d1", "name": "M"}}"#
        let many = Array(repeating: result, count: 30_000).joined(separator: ",\n  ")
        let text = Self.valid.replacingOccurrences(
            of: #"{"policy": "RES-001", "severity": "error", "outcome": "fail","#,
            with: many + #", {"policy": "RES-001", "severity": "error", "outcome": "fail","#)
        let reading = Self.read(text)
        #expect(reading.document == nil)
        #expect(reading.diagnostics.count == ResultDocumentReader.diagnosticLimit)
        #expect(reading.diagnostics.allSatisfy { $0.code == "E1506" })
        // In document order, from the first result on, whichever thread read them.
        #expect(reading.diagnostics.first?.range?.start.line == 14)
        #expect(reading.diagnostics.map { $0.range!.start.offset } == reading.diagnostics.map { $0.range!.start.offset }.sorted())
        #expect(reading.diagnostics.last?.notes.first?.message == "and 29990 more problems in this file, not shown")
    }
}
