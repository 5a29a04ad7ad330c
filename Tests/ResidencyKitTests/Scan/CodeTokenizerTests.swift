import Testing

@testable import ResidencyKit

/// The tokenizer per language family: what is a string, what is a comment, what interpolates,
/// and what cannot be tokenised. A setting in a comment or a string must never read as code.
@Suite struct CodeTokenizerTests {
    /// The strings of `code` in `language` (value, interpolated) and its identifiers.
    static func read(
        _ code: String, _ language: CodeLanguage, markup: Bool = false
    ) throws -> (
        strings: [String], interpolated: [Bool], identifiers: [String]
    ) {
        let tokens = try CodeTokenizer.tokens(Array(code.utf8), language, markup: markup).get()
        let strings = tokens.filter { $0.kind == .string }
        return (strings.map(\.text), strings.map(\.interpolated), tokens.filter { $0.kind == .identifier }.map(\.text))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var language: CodeLanguage
        var code: String
        var strings: [String]
        var interpolated: [Bool]? = nil
        var absent: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Swift: line, block and nested block comments", language: .swift,
            code: "// apiHost(\"a\")\n/* x /* apiHost(\"b\") */ y */ let h = \"c\"", strings: ["c"],
            absent: ["apiHost", "x", "y"]),
        Case(
            name: "Swift: interpolation and raw strings", language: .swift,
            code: ##"let a = "https://\(host)/v1"; let b = #"raw \(no)"#; let c = """"## + "\nmulti\n\"\"\"",
            strings: ["https://\\(host)/v1", "raw \\(no)", "\nmulti\n"], interpolated: [true, false, false]),
        Case(
            name: "Kotlin: $name and ${expr} interpolate, escapes decode", language: .kotlin,
            code: #"val a = "$host/v1"; val b = "${cfg.host}"; val c = "a\"b"; val d = "cost: 5$""#,
            strings: ["$host/v1", "${cfg.host}", "a\"b", "cost: 5$"], interpolated: [true, true, false, false]),
        Case(
            name: "JavaScript: templates, regular expressions and division", language: .javascript,
            code: "const a = `x${y}z`, b = `plain`; const r = /\"not a string\"/g; const d = a / 2 / 3; // c('x')",
            strings: ["x${y}z", "plain", "/\"not a string\"/g"], interpolated: [true, false, true], absent: ["c"]),
        Case(
            name: "Python: prefixes, f-strings and docstrings", language: .python,
            code:
                "x = f'{host}/v1'\ny = r'\\d'\n\"\"\"doc: analytics.host = 'us'\"\"\"\n# analytics.host = 'commented'\nz = b'bytes'",
            strings: ["{host}/v1", "\\d", "doc: analytics.host = 'us'", "bytes"], interpolated: [true, false, false, false],
            absent: ["commented"]),
        Case(
            name: "Ruby: #{} interpolation, =begin comments", language: .ruby,
            code: "=begin\nSegment::Analytics.new(write_key: 'x')\n=end\nh = \"#{base}/v1\"\ns = 'plain #{no}'",
            strings: ["#{base}/v1", "plain #{no}"], interpolated: [true, false], absent: ["Segment", "write_key"]),
        Case(
            name: "C#: verbatim and interpolated strings", language: .csharp,
            code: #"var a = @"C:\path ""q"""; var b = $"https://{host}"; var c = $@"{x}\y";"#,
            strings: [#"C:\path "q""#, "https://{host}", #"{x}\y"#], interpolated: [false, true, true]),
        Case(
            name: "Go: raw strings and runes", language: .go,
            code: "a := `raw \"x\"`\nb := 'c'\n// Endpoint: \"us\"",
            strings: ["raw \"x\"", "c"], absent: ["Endpoint"]),
        Case(
            name: "PHP: # and // comments, variables", language: .php,
            code: "<?php\n# Segment::init('a');\n// Segment::init('b');\n$h = \"{$base}/v1\"; $k = 'x';",
            strings: ["{$base}/v1", "x"], interpolated: [true, false], absent: ["init"]),
        Case(
            name: "Dart: raw strings and $name", language: .dart,
            code: "final a = r'$raw'; final b = '$host/v1'; /* c /* d */ */",
            strings: ["$raw", "$host/v1"], interpolated: [false, true], absent: ["c", "d"]),
    ]

    @Test(arguments: cases)
    func readsEachFamily(_ c: Case) throws {
        let read = try Self.read(c.code, c.language)
        #expect(read.strings == c.strings)
        if let interpolated = c.interpolated { #expect(read.interpolated == interpolated) }
        for word in c.absent { #expect(!read.identifiers.contains(word), "\(word) is in a comment or a string") }
    }

    @Test func markupIsReadForItsScriptsOnly() throws {
        let html = """
            <p>analytics.load("text")</p>
            <!-- <script>analytics.load("commented")</script> -->
            <script type="text/javascript">analytics.load("real");</script>
            <SCRIPT>var x = 'second'</SCRIPT>
            """
        #expect(try Self.read(html, .javascript, markup: true).strings == ["real", "second"])
    }

    /// JSX (React, React Native): its text is not code (an apostrophe or a slash in it starts
    /// nothing), its quoted attributes are strings, the code in its braces is code; a `<` after
    /// a value is a comparison, and TypeScript's `<T,>` is a type parameter.
    @Test(
        arguments: [
            (
                "const c = createClient({ writeKey: 'K' });\nconst App = () => (\n  <Provider client={c} title=\"t\">\n"
                    + "    <Text>Don't / won't</Text>\n    <Content />\n    {on && <A b={{ x: 'y' }}>{'z'}</A>}<></>\n  </Provider>\n);\nlet after = 'end'",
                ["K", "t", "y", "z", "end"], ["Don", "won", "Text", "Provider"]
            ),
            ("if (a < b) { x = 'lt' } else if (c > d) { x = 'gt' }", ["lt", "gt"], []),
            ("const id = <T,>(x: T) => x; const s = 'after'", ["after"], []),
            ("return <a href='https://api.segment.io/v1/track'>it's</a>", ["https://api.segment.io/v1/track"], ["it"]),
        ] as [(String, [String], [String])])
    func readsJSX(code: String, strings: [String], absent: [String]) throws {
        let tokens = try CodeTokenizer.tokens(Array(code.utf8), .javascript, jsx: true).get()
        #expect(tokens.filter { $0.kind == .string }.map(\.text) == strings)
        let identifiers = tokens.filter { $0.kind == .identifier }.map(\.text)
        for word in absent { #expect(!identifiers.contains(word), "\(word) is JSX text or a tag") }
        // Without JSX (a `.ts` file), the same text cannot be read as code.
        if code.contains("Don't") { #expect((try? CodeTokenizer.tokens(Array(code.utf8), .javascript).get()) == nil) }
    }

    @Test(arguments: [
        ("<div>never closed", "a JSX element that is never closed"),
        ("<a b={c", "a JSX expression that never ends"),
    ])
    func namesJSXThatNeverEnds(code: String, message: String) {
        guard case .failure(let failure) = CodeTokenizer.tokens(Array(code.utf8), .javascript, jsx: true) else {
            Issue.record("tokenised")
            return
        }
        #expect(failure.message == message)
    }

    @Test(arguments: [
        ("let a = \"never ends\nlet b = 1", CodeLanguage.swift, "a string that never ends on its line"),
        ("/* open", .kotlin, "a block comment that never ends"),
        ("x = `template ${a", .javascript, "an interpolation that never ends"),
        ("=begin\nno end", .ruby, "an =begin comment without its =end"),
    ])
    func namesWhatCannotBeTokenised(code: String, language: CodeLanguage, message: String) {
        guard case .failure(let failure) = CodeTokenizer.tokens(Array(code.utf8), language) else {
            Issue.record("tokenised")
            return
        }
        #expect(failure.message == message)
    }
}
