// residency-bench: compiles policies of the kind in the design notes and evaluates them over
// a generated model, printing (policy, resource) evaluations per second and peak memory.
//
//   swift run -c release residency-bench [--workspaces N] [--per-workspace N] [--runs N]
//   swift run -c release residency-bench generate DIR [--workspaces N] [--per-workspace N]
//       writes export bundles for timing `residency check` end to end (scripts/bench-check.sh)
//
// Figures are recorded in docs/performance.md. Nothing here is a unit test: timing belongs
// in a release build on a quiet machine, not in the test suite.
import Foundation
import ResidencyKit

struct Options {
    var workspaces = 1000
    var perWorkspace = 200
    var runs = 7

    init(_ args: [String]) {
        var it = args.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--workspaces": workspaces = Int(it.next() ?? "") ?? workspaces
            case "--per-workspace": perWorkspace = Int(it.next() ?? "") ?? perWorkspace
            case "--runs": runs = max(1, Int(it.next() ?? "") ?? runs)
            default:
                FileHandle.standardError.write(
                    Data("usage: residency-bench [--workspaces N] [--per-workspace N] [--runs N]\n".utf8))
                exit(2)
            }
        }
    }
}

if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "generate" {
    let folder = CommandLine.arguments[2]
    let o = Options([CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(3))
    let (files, bytes, resources) = try BundleGenerator.generate(
        into: folder, workspaces: o.workspaces, perWorkspace: o.perWorkspace)
    print("wrote \(files) bundles, \(resources) resources, \(bytes / 1_000_000) MB to \(folder)")
    exit(0)
}

let options = Options(CommandLine.arguments)

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

let clock = ContinuousClock()

// Compile.
let policyText = BenchPolicies.text
var bundle: CheckedBundle?
var program: PolicyProgram?
let compileTime = clock.measure {
    let checked = Audit.checkPolicies(texts: [("bench.policy", policyText)])
    if checked.diagnostics.hasErrors {
        FileHandle.standardError.write(
            Data(DiagnosticRenderer(files: checked.sources.files).render(checked.diagnostics, format: .human).utf8))
        exit(2)
    }
    bundle = checked.bundle
    program = PolicyProgram.compile(checked.bundle!).0
}
guard let program else { exit(2) }

// Generate.
let models = BenchModel.generate(workspaces: options.workspaces, perWorkspace: options.perWorkspace)
let resources = models.reduce(0) { $0 + $1.sources.count + $1.destinations.count + $1.warehouses.count }

// Evaluate.
var times: [Double] = []
var evaluated = 0
var counts: [Outcome: Int] = [:]
for run in 0..<options.runs {
    var evaluation: Evaluation?
    let t = clock.measure {
        evaluation = program.evaluate(
            models, catalog: BenchModel.catalog, facts: BenchModel.facts, auditDate: Day(iso: "2026-11-28")!)
    }
    times.append(milliseconds(t))
    let c = evaluation!.counts
    if run > 0, c != counts {
        FileHandle.standardError.write(Data("non-deterministic outcome counts between runs\n".utf8))
        exit(3)
    }
    counts = c
    evaluated = evaluation!.evaluated
}
times.sort()
let best = times[0], median = times[times.count / 2]
func grouped(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, c) in s.enumerated() {
        if i > 0, (s.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return out
}
print("residency-bench \(ResidencyVersion.current): \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("model:     \(grouped(options.workspaces)) workspaces, \(grouped(resources)) resources")
print(
    "policies:  \(program.policies.count) policies, \(program.permits.count) permits, compiled in \(String(format: "%.1f", milliseconds(compileTime))) ms"
)
print("evaluated: \(grouped(evaluated)) (policy, resource) pairs per run, \(options.runs) runs")
print(String(format: "time:      best %.1f ms, median %.1f ms", best, median))
print(
    String(
        format: "rate:      %.1f million evaluations/s (best), %.1f million/s (median)",
        Double(evaluated) / best / 1000, Double(evaluated) / median / 1000))
print(
    "outcomes:  " + Outcome.allCases.compactMap { o in counts[o].map { "\(o.rawValue) \(grouped($0))" } }.joined(separator: ", "))
print(String(format: "peak memory (VmHWM): %.0f MB", peakMemoryMB()))
