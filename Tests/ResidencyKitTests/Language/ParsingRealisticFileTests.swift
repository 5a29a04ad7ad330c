import Foundation
import Testing

@testable import ResidencyKit

@Suite struct ParsingRealisticFileTests {
    static let source = #"""
        # Shared helpers for the EU residency policies.
        import "helpers.policy"

        param allowedRegions: list<string> = ["eu", "eu-central"]
        param since: date = 2025-01-01
        let euWorkspaces = ["eu-west", "eu-central"]
        define isEU(region: string): bool = region in allowedRegions or region.startsWith("eu-")

        # EU data stays in the EU (GDPR Chapter V).
        policy RES-001 "EU data never leaves the EU" {
          severity    error
          rationale   "GDPR Chapter V (Art. 44) restricts transfers of personal data outside the EEA."
          references  ["GDPR Art. 44", "Segment: Regional Segment"]

          for destination d
          where d.workspace.region == "eu-west" and d.enabled
          require d.endpoint.region == "eu"
          message     "{d.name} in EU workspace {d.workspace.slug} sends data to the {d.endpoint.region} endpoint {d.endpoint.host}"
          remediation "Connect {d.name} through its EU endpoint, or disable it in this workspace."
        }

        policy RES-002 "Warehouses of EU workspaces are in the EU" {
          severity warning
          rationale "Warehouses hold copies of all events; "
                    "a warehouse outside the EU is a transfer."
          for source s
          where s.workspace.region in euWorkspaces and not s.name.matches(re"^test-\d+$")
          require every w in s.warehouses: isEU(w.region) and w.created >= since
          message "{s.name} syncs to {count(w in s.warehouses where not isEU(w.region))} warehouse(s) outside the EU"
          expect some
        }

        permit SCC-001 "Standard contractual clauses with the vendor" {
          permits RES-001, RES-002
          rationale "Art. 46(2)(c): transfers subject to appropriate safeguards."
          references ["GDPR Art. 46"]
          for destination d
          where d.vendor.scc ?? false and d.vendor.name not in ["Acme"]
          basis "SCC signed {d.vendor.sccSigned} with {d.vendor.name ?? "an unnamed vendor"}"
        }
        """#

    @Test func parsesWithoutDiagnostics() {
        let file = parseClean(Self.source)
        #expect(file.path == "test.policy")
        #expect(
            file.declarations.map(SExpr.print) == [
                "(import \"helpers.policy\")",
                "(param allowedRegions (list string) [\"eu\" \"eu-central\"])",
                "(param since date (date 2025-01-01))",
                "(let euWorkspaces _ [\"eu-west\" \"eu-central\"])",
                "(define isEU ((region string)) bool (or (in region allowedRegions) (call .startsWith region \"eu-\")))",
                "(policy RES-001 \"EU data never leaves the EU\" (severity error)"
                    + " (rationale \"GDPR Chapter V (Art. 44) restricts transfers of personal data outside the EEA.\")"
                    + " (references \"GDPR Art. 44\" \"Segment: Regional Segment\") (for destination d)"
                    + " (where (and (== (. (. d workspace) region) \"eu-west\") (. d enabled)))"
                    + " (require (== (. (. d endpoint) region) \"eu\"))"
                    + " (message {(. d name)} \" in EU workspace \" {(. (. d workspace) slug)} \" sends data to the \""
                    + " {(. (. d endpoint) region)} \" endpoint \" {(. (. d endpoint) host)})"
                    + " (remediation \"Connect \" {(. d name)} \" through its EU endpoint, or disable it in this workspace.\"))",
                "(policy RES-002 \"Warehouses of EU workspaces are in the EU\" (severity warning)"
                    + " (rationale \"Warehouses hold copies of all events; a warehouse outside the EU is a transfer.\")"
                    + " (for source s)"
                    + " (where (and (in (. (. s workspace) region) euWorkspaces) (not (call .matches (. s name) (re \"^test-\\\\d+$\")))))"
                    + " (require (every w (. s warehouses) (and (call isEU (. w region)) (>= (. w created) since))))"
                    + " (message {(. s name)} \" syncs to \" {(count w (. s warehouses) (not (call isEU (. w region))))}"
                    + " \" warehouse(s) outside the EU\") (expect some))",
                "(permit SCC-001 \"Standard contractual clauses with the vendor\" (permits RES-001 RES-002)"
                    + " (rationale \"Art. 46(2)(c): transfers subject to appropriate safeguards.\") (references \"GDPR Art. 46\")"
                    + " (for destination d) (where (and (?? (. (. d vendor) scc) false) (not-in (. (. d vendor) name) [\"Acme\"])))"
                    + " (basis \"SCC signed \" {(. (. d vendor) sccSigned)} \" with \" {(?? (. (. d vendor) name) \"an unnamed vendor\")}))",
            ])
    }

    /// The example exactly as docs/language.md shows it (its first code block), which the
    /// file above quotes: the test reads the document, so an edit there is checked too.
    @Test func theDocumentedExampleParses() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let block = try #require(doc.components(separatedBy: "```").dropFirst().first)
        let example = block.trimmingCharacters(in: .newlines)
        let quoted = Self.source.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("# EU data") }.prefix(12).joined(separator: "\n")
        #expect(example == quoted, "docs/language.md's first example and the quote of it here differ")
        let file = parseClean(example)
        guard case .policy(let policy) = try #require(file.declarations.first) else {
            Issue.record("not a policy")
            return
        }
        #expect(policy.id.name == "RES-001")
        #expect(policy.message?.parts.count == 7)
        #expect(slice(example, policy.range).hasSuffix("in this workspace.\"\n}"))
    }
}
