/// What one file of a project makes visible in all the others, so that a setup in a file with
/// no import of its own is still recognised as the SDK's:
///
/// - Swift: `@_exported import Segment` re-exports analytics-swift to every file of its module,
///   which may then write `Configuration(writeKey:)` without `import Segment`.
/// - C# 10: `global using Segment.Analytics;` in one file (often `GlobalUsings.cs`), or
///   `<Using Include="Segment.Analytics" />` in the project file (`.csproj`,
///   `Directory.Build.props`), applies to every file of the project.
///
/// The scan does not know where a module or project ends, so what one file says is taken for
/// every file of the scan in that language. A monorepo with another vendor's
/// `Configuration(writeKey:)` beside it may then have that setup reported as Segment's: a
/// finding to look at, where reading too little would be a setup passed unseen.
struct ProjectImports: Sendable, Equatable {
    /// Some Swift file re-exports analytics-swift's module.
    var swiftSegment = false
    /// Namespaces some C# file or project file imports globally (`Segment.Analytics`, `Segment`).
    var csharpNamespaces: Set<String> = []

    /// The project files C# global usings may be declared in.
    static func isProjectFile(_ name: String) -> Bool {
        name.hasSuffix(".csproj") || name == "Directory.Build.props"
    }

    /// Read from the tokenised code files (only those that mention Segment are tokenised, and a
    /// file that re-exports it does) and the bytes of the project files.
    init(files: [CodeFile] = [], projectFiles: [[UInt8]] = []) {
        for file in files {
            switch file.language.family {
            case .swift where !swiftSegment: swiftSegment = Self.reexportsSegment(file.tokens)
            case .csharp: csharpNamespaces.formUnion(Self.globalUsings(file.tokens))
            default: break
            }
        }
        for bytes in projectFiles { csharpNamespaces.formUnion(Self.usingElements(bytes)) }
    }

    /// `@_exported import Segment`, also `@_exported import struct Segment.Configuration`.
    static func reexportsSegment(_ tokens: [CodeToken]) -> Bool {
        swiftImports(tokens).contains { $0.module == "Segment" && $0.exported }
    }

    /// The module each `import` of a Swift file names (`import Segment`, `import struct
    /// Segment.Configuration`), and whether it is re-exported (`@_exported import …`).
    static func swiftImports(_ tokens: [CodeToken]) -> [(module: String, exported: Bool)] {
        var out: [(module: String, exported: Bool)] = []
        for (i, token) in tokens.enumerated() where token.isIdentifier("import") {
            var k = i + 1
            if k < tokens.count,
                ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"].contains(tokens[k].text)
            {
                k += 1
            }
            guard k < tokens.count, tokens[k].kind == .identifier else { continue }
            out.append((tokens[k].text, i > 0 && tokens[i - 1].isIdentifier("_exported")))
        }
        return out
    }

    /// The namespaces of `global using A.B;` (not `global using static …` nor an alias
    /// `global using X = …`, which name a type rather than bring a namespace's types in).
    static func globalUsings(_ tokens: [CodeToken]) -> [String] {
        var out: [String] = []
        for (i, token) in tokens.enumerated() where token.isIdentifier("global") {
            guard i + 2 < tokens.count, tokens[i + 1].isIdentifier("using"), tokens[i + 2].kind == .identifier,
                tokens[i + 2].text != "static"
            else { continue }
            var name = tokens[i + 2].text
            var k = i + 3
            while k + 1 < tokens.count, tokens[k].isPunctuation("."), tokens[k + 1].kind == .identifier {
                name += "." + tokens[k + 1].text
                k += 2
            }
            if k < tokens.count, tokens[k].isPunctuation(";") { out.append(name) }
        }
        return out
    }

    /// The `Include` of every `<Using … />` element of an MSBuild project file
    /// (`<Using Include="Segment.Analytics" />`; an `Alias` or `Static` one is left out, as above).
    static func usingElements(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var out: [String] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "<Using") {
            rest = rest[open.upperBound...]
            guard let first = rest.first, first == " " || first == "\t" || first == "\n" || first == "\r",
                let close = rest.firstIndex(of: ">")
            else { continue }
            let element = rest[..<close]
            rest = rest[close...]
            if element.contains("Alias=") || element.contains("Static=\"true\"") || element.contains("Static=\"True\"") {
                continue
            }
            if let value = attribute("Include", in: element) { out.append(value) }
        }
        return out
    }

    private static func attribute(_ name: String, in element: Substring) -> String? {
        guard let at = element.firstRange(of: name + "=") else { return nil }
        let after = element[at.upperBound...]
        guard let quote = after.first, quote == "\"" || quote == "'" else { return nil }
        let value = after.dropFirst()
        guard let end = value.firstIndex(of: quote) else { return nil }
        return String(value[..<end]).trimmingWhitespace()
    }
}
