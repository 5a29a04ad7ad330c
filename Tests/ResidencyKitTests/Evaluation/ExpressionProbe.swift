import Foundation
import Testing

@testable import ResidencyKit

/// Evaluates one expression of the language, in the scope of a policy over the EU fixture's
/// destination `dst-unknown` (`d`), through every way the compiler can build it: the code
/// `check` runs and the traced code `explain` and `residency test` run, each with constant
/// folding on and off. `m` in the expression is a missing string (that destination's host).
struct ExpressionProbe {
    /// The value each build gave, in the order fast, traced, fast unfolded, traced unfolded.
    var values: [Value]
    var diagnostics: [Diagnostic]

    static let missingString = "d.endpoint.host"

    init(_ expression: String, prelude: String = "") throws {
        let source = expression.replacingOccurrences(of: "\\bm\\b", with: Self.missingString, options: .regularExpression)
        let text = prelude + """
            policy T-1 "probe" {
              severity info
              for destination d
              require exists(\(source))
            }

            """
        let checked = Audit.checkPolicies(texts: [("probe.policy", text)])
        diagnostics = checked.diagnostics
        let bundle = try #require(checked.bundle, "`\(expression)` did not check: \(checked.diagnostics.map(\.message))")
        let (program, d) = PolicyProgram.compile(bundle)
        _ = try #require(program, "did not compile: \(d.map(\.message))")
        guard case .call(_, _, let args)? = bundle.policies[0].decl.requirement?.kind else {
            Issue.record("no exists(…) call")
            values = []
            return
        }
        let model = Fixtures.eu()
        let index = try #require(model.destinations.firstIndex { $0.id == "dst-unknown" })
        let ctx = EvalContext(model: model, catalog: Fixtures.catalog, facts: Fixtures.facts, auditDate: Fixtures.auditDate)
        values = [(false, false), (true, false), (false, true), (true, true)].map { traced, unfolded in
            var compiler = Compiler(bundle: bundle, params: program!.params, traced: traced)
            compiler.foldingDisabled = unfolded
            let code = compiler.value(args[0])
            let frame = Frame(ctx: ctx, slotCount: compiler.slotCount)
            if traced { frame.trace = [] }
            frame[slot: 0] = .ref(.destination, Int32(index))
            return code(frame)
        }
    }

    /// The one value all builds agree on, as the conformance table writes it; a note when
    /// they disagree.
    var shown: String {
        let texts = values.map(Self.show)
        return Set(texts).count == 1 ? texts[0] : "builds disagree: \(texts)"
    }

    /// Evidence text, with CR, LF and tab written as the language's escapes, and combining
    /// marks and other invisible code points as `\u{…}`, so a table cell shows them.
    static func show(_ v: Value) -> String {
        guard !v.isMissing else { return "missing" }
        var out = ""
        for u in EvalContext.empty.evidenceText(v).unicodeScalars {
            switch u {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                switch u.properties.generalCategory {
                case .nonspacingMark, .enclosingMark, .control, .format: out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
                default: out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
