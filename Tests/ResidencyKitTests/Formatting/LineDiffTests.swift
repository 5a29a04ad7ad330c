import Testing

@testable import ResidencyKit

@Suite struct LineDiffTests {
    /// Lines, each with its line break.
    private func lines(_ s: String) -> [String] { LineDiff.lines(s) }

    @Test(arguments: [
        ("", ""),
        ("a\n", "a\n"),
        ("a\nb\nc\n", "a\nc\n"),
        ("a\nc\n", "a\nb\nc\n"),
        ("a\nb\nc\n", "x\ny\n"),
        ("abcabba\n".map { "\($0)\n" }.joined(), "cbabac\n".map { "\($0)\n" }.joined()),
        ("a\nb\na\nb\na\n", "b\na\nb\n"),
        ("a\nb", "a\nb\n"),
    ])
    func editsTurnTheOldLinesIntoTheNew(_ old: String, _ new: String) {
        let edits = LineDiff.edits(lines(old), lines(new))
        var before: [String] = [], after: [String] = []
        for edit in edits {
            switch edit {
            case .same(let l): (before, after) = (before + [l], after + [l])
            case .removed(let l): before.append(l)
            case .added(let l): after.append(l)
            }
        }
        #expect(before == lines(old))
        #expect(after == lines(new))
    }

    /// Myers finds a shortest script: the example of the paper has distance 5.
    @Test func scriptIsShortest() {
        let a = "abcabba".map { String($0) }, b = "cbabac".map { String($0) }
        let changes = LineDiff.edits(a, b).filter { if case .same = $0 { false } else { true } }
        #expect(changes.count == 5)
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(LineDiff.unified(old: "a\nb\n", new: "a\nb\n", path: "x.policy") == "")
    }

    @Test func oneChangeWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            LineDiff.unified(old: old, new: new, path: "p/x.policy") == """
                --- a/p/x.policy
                +++ b/p/x.policy
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    /// Changes more than six unchanged lines apart make two hunks; closer ones share one.
    @Test func distantChangesMakeSeparateHunks() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let apart = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n18\n", with: "\n\n")
        let diff = LineDiff.unified(old: old, new: apart, path: "x")
        #expect(diff.components(separatedBy: "\n@@ ").count == 3, "\(diff)")
        #expect(diff.contains("@@ -1,5 +1,5 @@\n"))
        #expect(diff.contains("@@ -15,6 +15,6 @@\n"))
        let close = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n9\n", with: "\nnine\n")
        #expect(LineDiff.unified(old: old, new: close, path: "x").components(separatedBy: "\n@@ ").count == 2)
    }

    @Test func insertionsAndDeletionsAtTheEdges() {
        #expect(
            LineDiff.unified(old: "", new: "a\n", path: "x") == "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n")
        #expect(
            LineDiff.unified(old: "a\nb\n", new: "b\n", path: "x") == "--- a/x\n+++ b/x\n@@ -1,2 +1 @@\n-a\n b\n")
    }

    @Test func missingFinalLineBreakIsShown() {
        #expect(
            LineDiff.unified(old: "a\nb", new: "a\nb\n", path: "x") == """
                --- a/x
                +++ b/x
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b

                """)
    }
}
