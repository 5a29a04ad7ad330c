import Foundation
import LoopbackHTTP
import Testing

@testable import ResidencyKit

/// The token goes into the `Authorization` header and nowhere else: not into a URL, a
/// message, a progress line or a file, whatever the server sends back.
@Suite struct ExportSecretsTests {
    /// Every text a run can show or write, rendered as the CLI renders it.
    static func everything(
        _ run: (result: Result<WorkspaceExport.Exported, Diagnostic>, waits: [TimeInterval], progress: [String])
    )
        -> String
    {
        var diagnostics: [Diagnostic] = []
        var text = run.progress.joined(separator: "\n")
        switch run.result {
        case .success(let exported):
            text += String(decoding: exported.bundle + (exported.catalog ?? []), as: UTF8.self)
            diagnostics = exported.warnings
        case .failure(let error): diagnostics = [error]
        }
        let renderer = DiagnosticRenderer(files: [])
        return text + renderer.render(diagnostics, format: .human) + renderer.render(diagnostics, format: .json)
    }

    @Test(arguments: [
        ("success", "/", LoopbackServer.Reply?.none),
        ("429", "/sources", .json("{}", status: 429, headers: ["Retry-After": "1"])),
        ("401 echoing the token", "/", .json(#"{"errors": [{"message": "bad token \#(ExportFixture.token)"}]}"#, status: 401)),
        ("403 echoing it", "/warehouses", .json(#"{"message": "Bearer \#(ExportFixture.token) lacks scope"}"#, status: 403)),
        ("malformed, near it", "/sources", .json(#"{"data": {"sources": ["\#(ExportFixture.token)", }}"#)),
        ("redirect to it", "/", .respond(status: 301, headers: ["Location": "https://x/\(ExportFixture.token)"])),
    ])
    func theTokenAppearsNowhere(name: String, path: String, reply: LoopbackServer.Reply?) throws {
        let api = try ExportFixture.api()
        if let reply { api.script(path, [reply]) }
        var options = try ExportFixture.options(api)
        options.includeCatalog = true
        let run = ExportFixture.export(options)
        let shown = Self.everything(run)
        #expect(!shown.isEmpty)
        #expect(!shown.contains(ExportFixture.token), "\(name): \(shown)")
        #expect(!api.requests.contains { $0.target.contains(ExportFixture.token) })
    }

    /// A 401 that repeats the token is still explained, with the token blotted out.
    @Test func serverTextIsRedacted() throws {
        let api = try ExportFixture.api()
        api.script("/", [.json(#"{"errors": [{"message": "bad token \#(ExportFixture.token)"}]}"#, status: 401)])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.notes.map(\.message) == ["the API said: bad token [token]"])
    }

    /// An answer holding the token would write it to disk: the export refuses.
    @Test func anAnswerHoldingTheTokenIsNotWritten() throws {
        let api = try ExportFixture.api()
        let page = #"{"data": {"warehouses": [{"id": "w", "settings": {"password": "\#(ExportFixture.token)"}}]}}"#
        api.script("/warehouses", [.json(page)])
        let error = try #require(ExportFixture.export(try ExportFixture.options(api)).result.failure)
        #expect(error.code == "E1312")
    }

    @Test func theTokenDoesNotPrint() {
        let token = APIToken(ExportFixture.token)
        #expect("\(token)" == "[token]")
        #expect(String(reflecting: token) == "[token]")
        #expect(token.occurs(in: Array("xx\(ExportFixture.token)yy".utf8)))
        // Any eight characters of it in a row count as the token; seven do not.
        #expect(token.occurs(in: Array(ExportFixture.token.dropLast().utf8)))
        #expect(!token.occurs(in: Array("xx\(ExportFixture.token.prefix(7))yy\(ExportFixture.token.suffix(7))".utf8)))
    }

    /// (what the text holds, as it is shown): a prefix, a suffix or a middle of the token of
    /// eight characters or more is blotted out whole; shorter pieces are ordinary text.
    @Test(arguments: [
        ("the token", "a \(ExportFixture.token) b", "a [token] b"),
        ("its first half", "key=\(ExportFixture.token.prefix(17))&x", "key=[token]&x"),
        ("its last 8", "…\(ExportFixture.token.suffix(8))", "…[token]"),
        ("8 from the middle", "<\(ExportFixture.token.dropFirst(10).prefix(8))>", "<[token]>"),
        ("twice, apart", "\(ExportFixture.token.prefix(9)) and \(ExportFixture.token.suffix(9))", "[token] and [token]"),
        ("7 of it", "x\(ExportFixture.token.prefix(7))x", "x\(ExportFixture.token.prefix(7))x"),
        ("nothing of it", "GET /sources page 2", "GET /sources page 2"),
    ])
    func piecesOfTheTokenAreRedacted(what: String, text: String, shown: String) {
        let token = APIToken(ExportFixture.token)
        #expect(token.redact(text) == shown, "\(what)")
        #expect(token.occurs(in: Array(text.utf8)) == (shown != text), "\(what)")
    }

    /// A server that echoes part of the token into a resource, a warning or an error: the
    /// bundle is refused (E1312) and nothing shown holds the piece.
    @Test(arguments: [
        (
            "a setting with its first 12", "/warehouses",
            LoopbackServer.Reply.json(
                #"{"data": {"warehouses": [{"id": "w", "settings": {"password": "\#(ExportFixture.token.prefix(12))"}}]}}"#)
        ),
        (
            "a 401 with its last 10", "/",
            .json(#"{"errors": [{"message": "bad token …\#(ExportFixture.token.suffix(10))"}]}"#, status: 401)
        ),
        (
            "a repeated id made of it", "/sources",
            .json(
                #"{"data": {"sources": [{"id": "\#(ExportFixture.token.dropFirst(4).prefix(9))"}, {"id": "\#(ExportFixture.token.dropFirst(4).prefix(9))"}]}}"#
            )
        ),
    ])
    func piecesOfTheTokenAppearNowhere(name: String, path: String, reply: LoopbackServer.Reply) throws {
        let api = try ExportFixture.api()
        api.script(path, [reply])
        let run = ExportFixture.export(try ExportFixture.options(api))
        let shown = Self.everything(run)
        let token = APIToken(ExportFixture.token)
        #expect(!token.occurs(in: Array(shown.utf8)), "\(name): \(shown)")
        if path == "/warehouses" || path == "/sources" {
            #expect(run.result.failure?.code == "E1312", "\(name): the bundle is refused")
        }
    }

    @Test(arguments: [
        ([String: String](), "E1301", "the environment variable T is not set"),
        (["T": "  \n"], "E1301", "the environment variable T is empty"),
        (["T": "abc def"], "E1301", "the environment variable T holds spaces or characters a token cannot have"),
        (["T": "x"], "E1301", "the environment variable T is too short to be a Public API token"),
    ])
    func aMissingTokenSaysWhichVariableToSet(environment: [String: String], code: String, message: String) {
        #expect(throws: Diagnostic.self) { try APIToken.fromEnvironment("T", environment) }
        do {
            _ = try APIToken.fromEnvironment("T", environment)
        } catch {
            #expect(error.code == code)
            #expect(error.message == message)
            #expect(error.help?.contains("set T to the workspace's Public API token") == true)
        }
    }

    @Test func aTokenReadFromAFileLosesItsNewline() throws {
        #expect(try APIToken.fromEnvironment("T", ["T": "sgp_abc.def0123\n"]).secret == "sgp_abc.def0123")
    }

    // MARK: Writing

    @Test func theBundleIsWrittenAtomicallyAndReadBackFromAFolder() throws {
        let api = try ExportFixture.api()
        let exported = try ExportFixture.export(try ExportFixture.options(api)).result.get()
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/exports/" + "acme-eu.json"
        try WorkspaceExport.write(exported, to: path, catalogTo: nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/exports") == ["acme-eu.json"])
        let loaded = InventoryLoader.load(paths: [folder + "/exports"], catalog: InventoryFixture.catalog)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.workspaces.map(\.workspace.region) == ["eu-west"])
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let api = try ExportFixture.api()
        let exported = try ExportFixture.export(try ExportFixture.options(api)).result.get()
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The target is an existing folder: the rename over it fails.
        try FileManager.default.createDirectory(atPath: folder + "/taken.json/inner", withIntermediateDirectories: true)
        #expect(throws: Diagnostic.self) { try WorkspaceExport.write(exported, to: folder + "/taken.json", catalogTo: nil) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["taken.json"])
    }

    @Test(arguments: [("acme-eu", "acme-eu"), ("../etc/passwd", "-.-etc-passwd"), (".hidden", "-hidden"), ("", "workspace")])
    func theDefaultFileNameIsSafe(slug: String, name: String) {
        #expect(WorkspaceExport.fileName(slug) == name)
    }
}
