/// The lexical rules of the languages `residency scan` reads, by family: what a comment is,
/// what quotes a string, and how a string interpolates code (which makes its value
/// unknowable). One table, so that a language is added in one place (docs/scan.md lists them).
struct CodeLanguage: Sendable, Hashable {
    enum Family: String, Sendable, Hashable, CaseIterable {
        case javascript, java, kotlin, swift, objectiveC, csharp, go, dart, php, python, ruby
    }

    /// What a backtick starts.
    enum Backtick: Sendable, Hashable {
        /// Part of an identifier or an operator (Java, C#, Dart, PHP, Python).
        case none
        /// A JavaScript template literal, `${…}` interpolating.
        case template
        /// A raw string without escapes (Go).
        case raw
        /// A quoted identifier (Kotlin, Swift).
        case identifier
    }

    var family: Family
    /// Line comments: `//`, `#`.
    var lineComments: [String]
    /// `/* … */`, nested where the language nests them (Swift, Kotlin, Dart).
    var blockComments: Bool
    var nestedBlockComments = false
    /// Whether `'…'` is a string (JavaScript, Python, Ruby, PHP, Dart) rather than one character.
    var singleQuotedStrings: Bool
    /// `"""…"""` (and `'''` where single quotes are strings).
    var tripleQuotes = false
    var backtick: Backtick = .none
    /// What starts an interpolation inside a double-quoted string: `${` (Kotlin, Dart,
    /// JavaScript templates), `$name` (Kotlin, Dart, PHP), `\(` (Swift), `#{` (Ruby), `{`
    /// in an f-string (Python) or a `$"…"` string (C#).
    var interpolations: [String] = []
    /// `$name` interpolates in double quotes (Kotlin, Dart, PHP).
    var dollarNames = false
    /// Identifiers may start with `$` (JavaScript, PHP variables) or `@` (Ruby instance variables).
    var identifierStarts: String = "_"

    /// The language of a file, by its extension; nil for a file the scan does not read.
    static func of(path: String) -> CodeLanguage? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return byExtension[name[name.index(after: dot)...].lowercased()]
    }

    /// Markup whose `<script>` elements are JavaScript (the snippet is pasted into pages).
    static let markupExtensions: Set<String> = ["html", "htm", "vue", "svelte", "erb", "hbs", "ejs", "liquid", "njk"]

    /// Files that may hold JSX: React's and React Native's (`App.js` as often as `App.tsx`).
    /// Not `.ts`, where `<T>(x) => x` is a generic function.
    static let jsxExtensions: Set<String> = ["jsx", "tsx", "js", "mjs", "cjs"]

    static let javascript = CodeLanguage(
        family: .javascript, lineComments: ["//"], blockComments: true, singleQuotedStrings: true, backtick: .template,
        interpolations: ["${"], identifierStarts: "_$")
    static let java = CodeLanguage(
        family: .java, lineComments: ["//"], blockComments: true, singleQuotedStrings: false, tripleQuotes: true)
    static let kotlin = CodeLanguage(
        family: .kotlin, lineComments: ["//"], blockComments: true, nestedBlockComments: true, singleQuotedStrings: false,
        tripleQuotes: true, backtick: .identifier, interpolations: ["${"], dollarNames: true)
    static let swift = CodeLanguage(
        family: .swift, lineComments: ["//"], blockComments: true, nestedBlockComments: true, singleQuotedStrings: false,
        tripleQuotes: true, backtick: .identifier, interpolations: ["\\("])
    /// Objective-C: `@"…"` is a string after an `@` (the `@` a token of its own).
    static let objectiveC = CodeLanguage(
        family: .objectiveC, lineComments: ["//"], blockComments: true, singleQuotedStrings: false)
    static let csharp = CodeLanguage(
        family: .csharp, lineComments: ["//"], blockComments: true, singleQuotedStrings: false, tripleQuotes: true)
    static let go = CodeLanguage(
        family: .go, lineComments: ["//"], blockComments: true, singleQuotedStrings: false, backtick: .raw)
    static let dart = CodeLanguage(
        family: .dart, lineComments: ["//"], blockComments: true, nestedBlockComments: true, singleQuotedStrings: true,
        tripleQuotes: true, interpolations: ["${"], dollarNames: true)
    static let php = CodeLanguage(
        family: .php, lineComments: ["//", "#"], blockComments: true, singleQuotedStrings: true, interpolations: ["{$"],
        dollarNames: true, identifierStarts: "_$")
    static let python = CodeLanguage(
        family: .python, lineComments: ["#"], blockComments: false, singleQuotedStrings: true, tripleQuotes: true)
    static let ruby = CodeLanguage(
        family: .ruby, lineComments: ["#"], blockComments: false, singleQuotedStrings: true, interpolations: ["#{"],
        identifierStarts: "_@")

    static let byExtension: [String: CodeLanguage] = {
        var table: [String: CodeLanguage] = [:]
        for ext in ["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"] { table[ext] = javascript }
        for ext in markupExtensions { table[ext] = javascript }
        table["java"] = java
        for ext in ["kt", "kts"] { table[ext] = kotlin }
        table["swift"] = swift
        for ext in ["m", "mm"] { table[ext] = objectiveC }
        table["cs"] = csharp
        table["go"] = go
        table["dart"] = dart
        table["php"] = php
        table["py"] = python
        for ext in ["rb", "rake"] { table[ext] = ruby }
        return table
    }()
}
