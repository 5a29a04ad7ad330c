import PropertyBased
import Testing

@testable import ResidencyKit

/// Properties of the evaluator over generated policies and inventories (ProgramGenerator):
/// `check`, `explain` and `residency test` agree on every outcome (and with a build that folds
/// no constants), and a missing value never
/// turns a decided outcome into another decided one — "never silently pass" as a property.
/// A failure prints the generated policy and the seed that reproduces it.
@Suite struct EvaluatorPropertyTests {
    static let seeds = Generator<UInt64, Shrink.None<UInt64>>(run: { rng in rng.next() })

    /// Checks and compiles a generated policy; nil (and counted) when it does not check, which
    /// the generator avoids but cannot always (comparing a constant with itself is fine, an
    /// empty list literal has no element type).
    static func compile(_ text: String, folding: Bool = true) -> PolicyProgram? {
        let checked = Audit.checkPolicies(texts: [("generated.policy", text)])
        guard let bundle = checked.bundle else { return nil }
        return PolicyProgram.compile(bundle, overrides: [:], folding: folding).0
    }

    static func context(_ model: WorkspaceModel) -> EvalContext {
        EvalContext(model: model, catalog: Fixtures.catalog, facts: Fixtures.facts, auditDate: Fixtures.auditDate)
    }

    static func outcomes(_ program: PolicyProgram, _ model: WorkspaceModel) -> [RawResult] {
        program.evaluate(context(model))
    }

    @Test func checkExplainAndTestAgree() async {
        var compiled = 0
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            var gen = ProgramGenerator(seed: seed, guards: true)
            let text = gen.policy()
            let parts = gen.workspace()
            guard let program = Self.compile(text), let unfolded = Self.compile(text, folding: false) else { return }
            compiled += 1
            let ctx = Self.context(parts.model)
            // Folding constants before the run never decides what the run would not.
            #expect(
                unfolded.evaluate(ctx) == program.evaluate(ctx),
                "folded and unfolded builds differ (seed \(seed)):\n\(text)")
            for r in program.evaluate(ctx) {
                let explained = program.explain(r, in: ctx).finding
                let traced = program.trace(r, in: ctx)
                let permit = r.permit >= 0 ? program.permits[Int(r.permit)].id : nil
                #expect(
                    explained.outcome == r.outcome && traced.outcome == r.outcome && explained.permit == permit
                        && traced.permit == permit,
                    "check \(r.outcome), explain \(explained.outcome), test \(traced.outcome) for d\(r.resource) (seed \(seed)):\n\(text)")
            }
        }
        #expect(compiled >= 270, "too many generated policies did not check: \(compiled) of 300")
    }

    /// The abstraction is sound: when an outcome is decided with a value missing, filling the
    /// value in, with anything, decides it the same way (the value it had included — so a
    /// missing value never turns a decided outcome into another decided one). An outcome
    /// that would depend on the value must be indeterminate.
    @Test func aMissingValueNeverDecidesWhatTheValueWouldChange() async {
        var checked = 0
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            var gen = ProgramGenerator(seed: seed, guards: false)
            let text = gen.policy()
            let parts = gen.workspace()
            guard let program = Self.compile(text) else { return }
            for (what, missing, completions) in parts.withOneValueMissing {
                let less = Self.outcomes(program, missing.model)
                for completion in completions {
                    let more = Self.outcomes(program, completion.model)
                    for (a, b) in zip(less, more) where a.outcome.isDecided {
                        checked += 1
                        #expect(
                            a.outcome.refines(b.outcome),
                            "d\(a.resource): \(a.outcome) with \(what) missing, but \(b.outcome) when it is filled in (seed \(seed)):\n\(text)")
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }
}

extension Outcome {
    /// Decided by the policy's logic: anything but indeterminate (waivers come later).
    var isDecided: Bool { self != .indeterminate }

    /// Whether this outcome, reached with less data, is consistent with `known`, reached with
    /// more: the same, or `permitted` where `pass` was — a requirement that became unknown
    /// while a permit holds is permitted whichever way the requirement would go (the outcome
    /// rules, docs/language.md), which is still no violation and states its basis.
    func refines(_ known: Outcome) -> Bool {
        self == known || (known == .pass && self == .permitted)
    }
}
