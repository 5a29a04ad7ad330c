import Foundation

/// A schema 4 result document's results spelled out as objects (`policy`, `outcome`,
/// `workspace`, `resource`, `message` …), read with `JSONSerialization` alone, as a consumer
/// of the documented format would (docs/results.md), not with residency's own reader.
func expandedResults(_ doc: [String: Any]) -> [[String: Any]] {
    let kinds = ["source": "sources", "destination": "destinations", "warehouse": "warehouses"]
    // A group leaves out the kind and severity its policy has in `policies[]`.
    var listed: [String: [String: Any]] = [:]
    for p in doc["policies"] as? [[String: Any]] ?? [] where listed[p["id"] as! String] == nil { listed[p["id"] as! String] = p }
    var out: [[String: Any]] = []
    for ws in doc["workspaces"] as? [[String: Any]] ?? [] {
        let strings = ws["strings"] as? [String] ?? []
        let evidence = ws["evidence"] as? [[Any]] ?? []
        func text(_ v: Any?) -> String? { (v as? Int).map { strings[$0] } }
        func pieces(_ v: Any?) -> String? { (v as? [Int]).map { $0.map { strings[$0] }.joined() } }
        func from(_ v: Any?) -> String? {
            guard let p = v as? [Any] else { return text(v) }
            return "\(strings[p[0] as! Int]) (\(strings[p[1] as! Int]):\(p[2]):\(p[3]))"
        }
        for group in ws["results"] as? [[String: Any]] ?? [] {
            let policy = listed[group["policy"] as! String]
            let kind = (group["kind"] ?? policy?["resourceKind"]) as! String
            let severity = (group["severity"] ?? policy?["severity"])!
            let rows: [[Any]] =
                kind == "workspace"
                ? [[ws["id"]!, ws["name"] ?? ws["slug"]!]]
                : (ws[kinds[kind]!] as? [[Any]] ?? []).map { [strings[$0[0] as! Int], strings[$0[1] as! Int]] }
            var results: [(Int, [String: Any])] = []
            for outcome in ["pass", "fail", "indeterminate", "not-applicable", "permitted", "waived"] {
                // A run "first..last" is one bare result per resource in it.
                let items = (group[outcome] as? [Any] ?? []).flatMap { item -> [Any] in
                    guard let run = item as? String else { return [item] }
                    let bounds = run.components(separatedBy: "..").map { Int($0)! }
                    return Array(bounds[0]...bounds[1])
                }
                for item in items {
                    let row = item as? [Any] ?? [item]
                    var r: [String: Any] = [
                        "policy": group["policy"]!, "severity": severity, "outcome": outcome, "workspace": ws["slug"]!,
                    ]
                    var index = -1
                    if let i = row[0] as? Int {
                        index = i
                        r["resource"] = ["kind": kind, "id": rows[i][0], "name": rows[i][1]]
                    } else if let o = row[0] as? [String: Any] {
                        r["resource"] = ["kind": kind, "id": text(o["id"])!, "name": text(o["name"])!]
                    }
                    func column(_ k: Int) -> Any? { k < row.count && !(row[k] is NSNull) ? row[k] : nil }
                    r["message"] = pieces(column(1))
                    r["evidence"] = (column(2) as? [Int])?.map { e -> [String: Any] in
                        var item: [String: Any] = ["expression": text(evidence[e][0])!, "value": text(evidence[e][1])!]
                        if evidence[e].count > 2 { item["from"] = from(evidence[e][2]) }
                        return item
                    }
                    r["remediation"] = pieces(column(3))
                    r["reason"] = text(column(4))
                    r["permit"] = text(column(5))
                    r["basis"] = text(column(6))
                    r["change"] = column(7)
                    r["waiver"] = column(8)
                    results.append((index, r))
                }
            }
            out += results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
    return out
}

import Testing

/// The schema 4 document as an outside reader takes it: `jq` with the recipe docs/results.md
/// gives, and plain `JSONSerialization` with the rules written there, each give the results
/// residency's own reader gives.
@Suite struct ResultDocumentFormatCLITests {
    /// The example document's results, from the committed example.
    static func example() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("reports/example-results.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theDocumentedRulesGiveEveryResult() throws {
        let doc = try Self.example()
        let results = expandedResults(doc)
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(results.count == summary["evaluated"] as? Int)
        let looker = try #require(results.first { ($0["resource"] as? [String: Any])?["name"] as? String == "Looker" })
        #expect(looker["outcome"] as? String == "fail")
        #expect(
            looker["message"] as? String
                == "Looker (Looker) in EU workspace acme-eu is not a source Segment supports in EU workspaces")
        let evidence = try #require(looker["evidence"] as? [[String: Any]])
        #expect(
            evidence.last?["from"] as? String
                == #"bundled catalog 2025-11-06: Looker supportedRegions ["us"] (policies/catalog/segment-regional.json:718:5)"#)
    }

    /// Skipped (and reported so) where jq is not installed; `.ci/run` installs it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/jq"), "needs /usr/bin/jq"))
    func theJQRecipeOfTheDocsReadsTheDocument() throws {
        let docs = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/results.md"), encoding: .utf8)
        let start = try #require(docs.range(of: "jq -c '"))
        let end = try #require(docs.range(of: "' reports/example-results.json", range: start.upperBound..<docs.endIndex))
        let program = String(docs[start.upperBound..<end.lowerBound])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/jq")
        process.arguments = ["-c", program, "reports/example-results.json"]
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { line -> String in
            let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
            let resource = o["resource"] as? [String] ?? []
            return "\(o["policy"] ?? "") \(o["outcome"] ?? "") \(resource.first ?? "") \(o["message"] ?? "")"
        }
        let expected = expandedResults(try Self.example()).map { r -> String in
            let id = (r["resource"] as? [String: Any])?["id"] as? String ?? ""
            return "\(r["policy"] ?? "") \(r["outcome"] ?? "") \(id) \(r["message"] as? String ?? "")"
        }
        #expect(lines.sorted() == expected.sorted())
    }
}
