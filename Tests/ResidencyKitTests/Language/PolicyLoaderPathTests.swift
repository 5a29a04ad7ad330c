import Foundation
import Testing

@testable import ResidencyKit

/// Policies arrive in pull requests, and CI logs are public: an import (or a file found in a
/// policy folder) may not read anything outside the folders given, and what is refused is
/// never read, so a parse error cannot quote it (issue 11, "Fail closed").
@Suite struct PolicyLoaderPathTests {
    /// A file outside the policy folder that must never be read: its text would show in a
    /// parse error.
    static let secret = "SECRET_TOKEN=sgp_abcdef0123456789\n"

    static let policy = "policy P \"t\" {\n  severity error\n  for destination d\n  require true\n  message \"m\"\n}\n"

    /// A folder `ROOT` with `ROOT/secret.policy` and `ROOT/outside/x.policy` (outside the
    /// tree), and `ROOT/policies` (the tree) holding `main.policy` and what the case adds.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The import line of main.policy, 1️⃣ where the diagnostic points.
        var importLine: String
        var make: @Sendable (_ root: String) throws -> Void = { _ in }
        var codes: [String] = []
        /// The message of the diagnostic at the import; `ROOT` is the folder, `REAL` the same
        /// with links resolved.
        var message: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an absolute path", importLine: #"import 1️⃣"/proc/self/environ""#, codes: ["E1701"],
            message: #"import "/proc/self/environ" is an absolute path; paths must stay inside ROOT/policies"#),
        Case(
            name: "an absolute path into the tree", importLine: #"import 1️⃣"ROOT/policies/lib/ok.policy""#, codes: ["E1701"],
            message: #"import "ROOT/policies/lib/ok.policy" is an absolute path; paths must stay inside ROOT/policies"#),
        Case(
            name: "`..` out of the tree", importLine: #"import 1️⃣"../secret.policy""#, codes: ["E1701"],
            message: #"import "../secret.policy" leads outside ROOT/policies (to ROOT/secret.policy)"#),
        Case(
            name: "`..` down and out", importLine: #"import 1️⃣"lib/../../outside/x.policy""#, codes: ["E1701"],
            message: #"import "lib/../../outside/x.policy" leads outside ROOT/policies (to ROOT/outside/x.policy)"#),
        Case(
            name: "a link to a file outside", importLine: #"import 1️⃣"lib/link.txt""#,
            make: { try SpecialFiles.link($0 + "/policies/lib/link.txt", to: $0 + "/secret.policy") }, codes: ["E1701"],
            message: #"import "lib/link.txt" is a symbolic link out of ROOT/policies (to REAL/secret.policy)"#),
        // The folder's walk finds the link too (without a place), and refuses it as well.
        Case(
            name: "a link to a folder outside", importLine: #"import 1️⃣"shared/x.policy""#,
            make: { try SpecialFiles.link($0 + "/policies/shared", to: $0 + "/outside") }, codes: ["E1701", "E1701"],
            message: #"import "shared/x.policy" is a symbolic link out of ROOT/policies (to REAL/outside/x.policy)"#),
        Case(
            name: "a FIFO", importLine: #"import 1️⃣"lib/pipe.txt""#,
            make: { try SpecialFiles.fifo($0 + "/policies/lib/pipe.txt") }, codes: ["E0403"],
            message: "cannot read imported file ROOT/policies/lib/pipe.txt: it is a FIFO (named pipe), not a regular file"),
        Case(
            name: "a missing file", importLine: #"import 1️⃣"lib/nothing.policy""#, codes: ["E0403"],
            message: "cannot read imported file ROOT/policies/lib/nothing.policy: no such file or folder"),
        Case(name: "`..` that stays inside", importLine: #"import "lib/../lib/ok.policy""#),
        Case(
            name: "a link that stays inside", importLine: #"import "lib/alias.policy""#,
            make: { try SpecialFiles.link($0 + "/policies/lib/alias.policy", to: "ok.policy") }),
    ]

    @Test(.hangGuard, arguments: cases)
    func importsStayInsideTheTree(c: Case) throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let real = InputTree.realPath(root) ?? root
        try SpecialFiles.write(Self.secret, to: root + "/secret.policy")
        try SpecialFiles.write(Self.secret, to: root + "/outside/x.policy")
        try SpecialFiles.write("let shared = 1\n", to: root + "/policies/lib/ok.policy")
        let marked = MarkedSource(c.importLine.replacingOccurrences(of: "ROOT", with: root) + "\n" + Self.policy)
        try SpecialFiles.write(marked.text, to: root + "/policies/main.policy")
        try c.make(root)

        let (sources, diagnostics) = PolicyLoader.load(paths: [root + "/policies"])
        #expect(diagnostics.map(\.code) == c.codes, "\(diagnostics.map(\.message))")
        if let d = diagnostics.first(where: { $0.range != nil }) ?? diagnostics.first {
            #expect(
                d.message
                    == c.message?.replacingOccurrences(of: "REAL", with: real).replacingOccurrences(of: "ROOT", with: root))
            #expect(d.lineColumn == marked.at("1️⃣"))
            #expect(d.range?.file == root + "/policies/main.policy")
        }
        // Nothing outside was read: no file holds the secret, no message quotes it.
        #expect(!sources.files.contains { String(decoding: $0.bytes, as: UTF8.self).contains("SECRET") })
        #expect(!diagnostics.contains { $0.message.contains("SECRET") })
    }

    /// With files in memory (`checkPolicies(texts:)`), the refused path is not even asked for.
    @Test(arguments: ["/proc/self/environ", "../up.policy", "a/../../up.policy"])
    func aRefusedImportIsNeverRead(path: String) {
        let text = "import \"\(path)\"\n" + Self.policy
        var asked: [String] = []
        let (_, diagnostics) = PolicyLoader.load(
            roots: ["p/main.policy"], tree: InputTree(paths: ["p/main.policy"], onDisk: false)
        ) {
            asked.append($0)
            return $0 == "p/main.policy" ? .success(SourceFile(path: $0, text: text)) : .failure(.noSuchFile)
        }
        #expect(asked == ["p/main.policy"])
        #expect(diagnostics.map(\.code) == ["E1701"])
        #expect(diagnostics.first?.lineColumn == "1:8")
    }

    /// What a policy folder holds besides policies: each found `*.policy` is a regular file
    /// inside the tree, or an error; a hidden one is listed.
    struct FolderCase: Sendable, CustomTestStringConvertible {
        var name: String
        var make: @Sendable (_ root: String) throws -> Void
        var codes: [String]
        var message: String?
        var testDescription: String { name }
    }

    static let folderCases: [FolderCase] = [
        FolderCase(
            name: "a link out, found in the folder",
            make: { try SpecialFiles.link($0 + "/policies/evil.policy", to: "/etc/passwd") }, codes: ["E1701"],
            message: "ROOT/policies/evil.policy is a symbolic link out of ROOT/policies (to /etc/passwd)"),
        FolderCase(
            name: "a FIFO named like a policy", make: { try SpecialFiles.fifo($0 + "/policies/pipe.policy") }, codes: ["E0404"],
            message: "cannot read ROOT/policies/pipe.policy: it is a FIFO (named pipe), not a regular file"),
        FolderCase(
            name: "a hidden policy",
            make: { try SpecialFiles.write(PolicyLoaderPathTests.policy, to: $0 + "/policies/.draft.policy") },
            codes: ["W1701"], message: "1 file in ROOT/policies is not read"),
        FolderCase(
            name: "notes, tests and a FIFO not named like a policy are not policies",
            make: { root in
                try SpecialFiles.write("# notes", to: root + "/policies/README.md")
                try SpecialFiles.fifo(root + "/policies/queue")
                try SpecialFiles.link(root + "/policies/passwd", to: "/etc/passwd")
            }, codes: [], message: nil),
    ]

    @Test(.hangGuard, arguments: folderCases)
    func policyFoldersLeaveNothingOutUnseen(c: FolderCase) throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try SpecialFiles.write(Self.policy, to: root + "/policies/main.policy")
        try c.make(root)
        let (sources, diagnostics) = PolicyLoader.load(paths: [root + "/policies"])
        #expect(diagnostics.map(\.code) == c.codes, "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.message == c.message?.replacingOccurrences(of: "ROOT", with: root))
        #expect(diagnostics.first?.range == nil)
        #expect(sources.files.map(\.path) == [root + "/policies/main.policy"])
    }

    @Test func anUnreadableSubFolderIsAnError() throws {
        let root = try SpecialFiles.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try SpecialFiles.write(Self.policy, to: root + "/main.policy")
        try SpecialFiles.write(Self.policy, to: root + "/locked/other.policy")
        let (files, diagnostics) = PolicyLoader.discover(
            paths: [root], tree: InputTree(paths: [root]),
            list: { $0.hasSuffix("/locked") ? .failure(.permissionDenied) : FolderWalk.listFolder($0) })
        #expect(files == [root + "/main.policy"])
        #expect(diagnostics.map(\.code) == ["E0404"])
        #expect(
            diagnostics.first?.message == "cannot read \(root)/locked: it is a folder that cannot be listed (permission denied)")
    }
}
