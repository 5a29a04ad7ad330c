import Foundation
import Testing

@testable import ResidencyKit

/// Inputs and checks shared by the formatter's tests.
enum FormatterSupport {
    /// The pack's policy files, by path relative to the repository.
    static let packFiles: [String] = {
        let (files, _) = PolicyLoader.discover(paths: [Pack.folder])
        return files.map { String($0.dropFirst(Pack.folder.count - "policies".count)) }
    }()

    static func packText(_ relative: String) throws -> String {
        try String(contentsOfFile: (Pack.folder as NSString).deletingLastPathComponent + "/" + relative, encoding: .utf8)
    }

    /// Formats `text`, failing the test with the diagnostics when it cannot.
    static func format(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let output = PolicyFormatter.format(text, path: "t.policy")
        return try #require(
            output.text, "not formatted: \(output.diagnostics.map { "\($0.code) \($0.message)" })",
            sourceLocation: sourceLocation)
    }

    /// The tree of `text` without positions.
    static func tree(_ text: String) -> String {
        SyntaxDump.dump(Parser.parse(SourceFile(path: "t.policy", text: text)).0)
    }

    /// The comments of `text`, in order.
    static func comments(_ text: String) -> [String] {
        Parser.parse(SourceFile(path: "t.policy", text: text)).0.comments.map(\.text)
    }

    /// The three properties every formatted text has: formatting it again changes nothing,
    /// it means what the input meant, and it has every comment of the input, in order.
    static func expectProperties(of input: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let once = try format(input, sourceLocation: sourceLocation)
        let twice = try format(once, sourceLocation: sourceLocation)
        #expect(twice == once, "not idempotent:\n\(once)\n--- formatted again:\n\(twice)", sourceLocation: sourceLocation)
        #expect(tree(once) == tree(input), "the tree changed:\n\(once)", sourceLocation: sourceLocation)
        #expect(comments(once) == comments(input), "comments lost or reordered:\n\(once)", sourceLocation: sourceLocation)
        #expect(
            Parser.parse(SourceFile(path: "t", text: once)).1.isEmpty, "output has diagnostics", sourceLocation: sourceLocation)
    }

    /// `text` with its tokens separated by `separator` and its comments replaced by what
    /// `after` gives for each token: the same file to the parser, laid out differently.
    static func respaced(_ text: String, separator: String, after: ((Int) -> String)? = nil) -> String {
        var lexer = Lexer(file: SourceFile(path: "t", text: text))
        var pieces: [String] = []
        while true {
            let token = lexer.next()
            if token.kind == .eof { break }
            let spelled = String(decoding: Array(text.utf8)[token.start..<token.end], as: UTF8.self)
            pieces.append(spelled + (after?(pieces.count) ?? ""))
        }
        return pieces.joined(separator: separator) + "\n"
    }
}
