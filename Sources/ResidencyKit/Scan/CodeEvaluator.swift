/// What the value of an expression in application code is, as far as reading the code can
/// tell: string constants (joined with `+`, or `.` in PHP) and names defined as constants are
/// followed; environment variables and build settings are named as such, with the fallback
/// the code gives (`process.env.HOST ?? "…"`, `os.getenv("HOST", "…")`); anything else is
/// unknown, shown as written. Never a guess.
struct CodeEvaluator {
    let file: CodeFile
    /// Definitions of a name elsewhere in the same language (the scan's module lookup).
    var elsewhere: (String) -> [CodeConstants.Definition] = { _ in [] }
    let constants: CodeConstants

    init(
        _ file: CodeFile, constants: CodeConstants? = nil,
        elsewhere: @escaping (String) -> [CodeConstants.Definition] = { _ in [] }
    ) {
        self.file = file
        self.constants = constants ?? CodeConstants(file)
        self.elsewhere = elsewhere
    }

    func value(_ range: Range<Int>, depth: Int = 0) -> ScannedValue {
        var r = range
        let tokens = file.tokens
        // Trailing `!`, `!!` and Ruby's `.freeze` change nothing the scan cares about.
        while r.count > 1, tokens[r.upperBound - 1].isPunctuation("!") { r = r.lowerBound..<(r.upperBound - 1) }
        if r.count > 2, tokens[r.upperBound - 1].isIdentifier("freeze"), tokens[r.upperBound - 2].isPunctuation(".") {
            r = r.lowerBound..<(r.upperBound - 2)
        }
        // Objective-C's `@"…"` is the string.
        if r.count > 1, file.language.family == .objectiveC, tokens[r.lowerBound].isPunctuation("@") {
            r = (r.lowerBound + 1)..<r.upperBound
        }
        guard !r.isEmpty else { return .unknown("") }
        if r.count >= 2, tokens[r.lowerBound].isPunctuation("("), file.close(r.lowerBound) == r.upperBound - 1 {
            return value((r.lowerBound + 1)..<(r.upperBound - 1), depth: depth)
        }
        // `a ?? b`, `a || b`, Python's `a or b`, Kotlin's `a ?: b`: the first, falling back to the second.
        let python = file.language.family == .python
        if let split = topLevel(
            r,
            where: { k in
                tokens[k].isPunctuation("??") || tokens[k].isPunctuation("||") || (python && tokens[k].isIdentifier("or"))
                    || (tokens[k].isPunctuation("?") && file.token(k + 1)?.isPunctuation(":") == true)
            })
        {
            let second = split + (tokens[split].isPunctuation("?") ? 2 : 1)
            return withFallback(value(r.lowerBound..<split, depth: depth), value(second..<r.upperBound, depth: depth))
        }
        // TypeScript's `x as string` and `x satisfies T` are `x` (a type, not a value, follows).
        if file.language.family == .javascript,
            let cast = topLevel(r, where: { tokens[$0].isIdentifier("as") || tokens[$0].isIdentifier("satisfies") })
        {
            return value(r.lowerBound..<cast, depth: depth)
        }
        // Concatenation.
        let joiner = file.language.family == .php ? "." : "+"
        let pieces = splitTopLevel(r, at: joiner)
        if pieces.count > 1 {
            var joined = ScannedValue([])
            for piece in pieces {
                let v = value(piece, depth: depth)
                joined.parts += v.parts
                joined.via += v.via
            }
            return joined
        }
        if let env = environment(r) { return env }
        if r.count == 1 {
            let t = tokens[r.lowerBound]
            switch t.kind {
            case .string: return t.interpolated ? .unknown(file.text(r)) : .text(t.text)
            case .identifier:
                if ["true", "True"].contains(t.text) { return ScannedValue([.boolean(true)]) }
                if ["false", "False"].contains(t.text) { return ScannedValue([.boolean(false)]) }
            default: break
            }
        }
        if let name = pathName(r), depth < 8,
            let followed = follow(
                name, through: r.count == 1 ? nil : tokens[r.lowerBound].text, parts: (r.count + 1) / 2, depth: depth)
        {
            return followed
        }
        return .unknown(file.text(r))
    }

    /// The first value, or when it is an environment variable, that variable with the second as its fallback.
    private func withFallback(_ first: ScannedValue, _ second: ScannedValue) -> ScannedValue {
        if first.parts.count == 1, case .environment(let name, _) = first.parts[0], let fallback = second.literal {
            return ScannedValue([.environment(name, fallback: fallback)], via: first.via)
        }
        return first
    }

    /// A name's value from its definition: in this file, else the one definition elsewhere
    /// when the file may take it from there (`root`: the first name of a path of `parts` names,
    /// `SegmentConfig` of `SegmentConfig.EU_HOST`; nil for a bare name).
    private func follow(_ name: String, through root: String?, parts: Int, depth: Int) -> ScannedValue? {
        if root == nil, let env = constants.fromEnvironment[name] {
            let fallback = env.fallback.flatMap { value($0, depth: depth + 1).literal }
            return ScannedValue([.environment(env.variable, fallback: fallback)])
        }
        var definitions = (constants.byName[name] ?? []).map { CodeConstants.Definition(file: file, value: $0) }
        if definitions.isEmpty, file.mayTake(name, through: root, parts: parts, imported: constants.imported) {
            // A bare name is another file's top-level constant, or a static member this file
            // imports by name (Java's `import static …Config.HOST;`); never a static member of some
            // type (a parameter `apiHost` is not `enum EU { static let apiHost }`).
            definitions = elsewhere(name).filter { root != nil || $0.topLevel || importsMember(name) }
        }
        guard let first = definitions.first else { return nil }
        let values = definitions.map { d in
            let written = CodeEvaluator(d.file, constants: d.file.path == file.path ? constants : nil, elsewhere: elsewhere)
                .value(d.value, depth: depth + 1)
            return Self.settingsField(name, d, written) ?? written
        }
        let distinct = Set(values.map(\.parts))
        guard distinct.count == 1 else {
            return .unknown("\(name), defined \(definitions.count) ways")
        }
        var v = values[0]
        let line = first.file.source.line(of: first.file.tokens[first.value.lowerBound].start)
        v.via.insert("\(name) (\(Self.place(first.file.path, line)))", at: 0)
        return v
    }

    /// Where the constants in `via` (each `NAME (path:line)`, as written above) are defined, each
    /// as `place(path, line)`.
    static func places(of via: [String]) -> [String] {
        via.compactMap { entry in
            guard entry.hasSuffix(")"), let open = entry.firstRange(of: " (") else { return nil }
            return String(entry[open.upperBound...].dropLast())
        }
    }

    /// A line of a file, as `places(of:)` gives it.
    static func place(_ path: String, _ line: Int) -> String { "\(path):\(line)" }

    /// A field of a pydantic settings class (`class Settings(BaseSettings): segment_host: str =
    /// "…"`) is read from the environment when the app starts, its default only the fallback:
    /// `env SEGMENT_HOST (else "…")`, as `os.getenv` is (pydantic matches the variable's name in
    /// any case). With an `env_prefix` the variable's name is not the field's: unknown. nil for
    /// any other definition.
    private static func settingsField(_ name: String, _ d: CodeConstants.Definition, _ written: ScannedValue) -> ScannedValue? {
        let file = d.file
        guard file.language.family == .python, file.mentions("BaseSettings") else { return nil }
        let tokens = file.tokens
        // The field's own column: a class's fields are indented under it.
        var nameToken = d.value.lowerBound - 1
        while nameToken > 0, !(tokens[nameToken].isIdentifier(name)) { nameToken -= 1 }
        let column = file.source.location(of: tokens[nameToken].start).column
        guard column > 1 else { return nil }
        var k = nameToken - 1
        while k >= 0 {
            if tokens[k].isIdentifier("class"), file.source.location(of: tokens[k].start).column < column {
                var header = k + 1
                while header < nameToken, !tokens[header].isPunctuation(":") { header += 1 }
                guard tokens[(k + 1)..<header].contains(where: { $0.isIdentifier("BaseSettings") }) else { return nil }
                if file.mentions("env_prefix") {
                    return .unknown(
                        "\(name), a field of a pydantic settings class with an env_prefix, which the environment overrides")
                }
                // A default that is not text (`Field(default=…, env="…")`) is left as it reads.
                guard let fallback = written.literal else { return written }
                return ScannedValue([.environment(name.uppercased(), fallback: fallback)], via: written.via)
            }
            k -= 1
        }
        return nil
    }

    /// Whether an import of this file ends with `name` (`import static com.acme.Config.HOST;`,
    /// Kotlin's `import com.acme.Config.HOST`).
    private func importsMember(_ name: String) -> Bool {
        let tokens = file.tokens
        for k in tokens.indices where tokens[k].isIdentifier("import") {
            var j = k + 1
            var last: String?
            while j < tokens.count, tokens[j].kind == .identifier || tokens[j].isPunctuation(".") {
                if tokens[j].kind == .identifier { last = tokens[j].text }
                j += 1
            }
            if last == name { return true }
        }
        return false
    }

    /// The last name of a plain path (`Config.API_HOST`, `self.host`, `Segment::HOST`), or nil.
    private func pathName(_ r: Range<Int>) -> String? {
        let tokens = file.tokens
        for (n, k) in r.enumerated() {
            let t = tokens[k]
            if n % 2 == 0 {
                guard t.kind == .identifier else { return nil }
            } else {
                guard t.kind == .punctuation, [".", "?.", "::", "->"].contains(t.text) else { return nil }
            }
        }
        return r.count % 2 == 1 ? tokens[r.upperBound - 1].text : nil
    }

    // MARK: environment and build settings

    /// `process.env.X`, `ENV["X"]`, `os.getenv("X", "d")`, `BuildConfig.X`, … as written in
    /// each language's usual idiom; nil for anything else.
    private func environment(_ r: Range<Int>) -> ScannedValue? {
        let compact = r.map { k -> String in
            let t = file.tokens[k]
            return t.kind == .string ? "\"" + t.text + "\"" : t.text
        }.joined()
        for prefix in Self.environmentPaths where compact.hasPrefix(prefix) {
            let rest = compact.dropFirst(prefix.count)
            if !rest.isEmpty, rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                return ScannedValue([.environment(String(rest), fallback: nil)])
            }
        }
        if file.mentions("react-native-config"), compact.hasPrefix("Config."), let name = Optional(compact.dropFirst(7)),
            !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        {
            return ScannedValue([.environment(String(name), fallback: nil)])
        }
        if compact.hasPrefix("BuildConfig."), compact.dropFirst(12).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            return ScannedValue([.buildSetting(compact)])
        }
        for (prefix, build) in Self.environmentLookups where compact.hasPrefix(prefix) {
            let strings = r.compactMap { file.tokens[$0].kind == .string ? file.tokens[$0].text : nil }
            guard let name = strings.first else { continue }
            if build { return ScannedValue([.buildSetting(prefix.hasPrefix("Bundle") ? "Info.plist \(name)" : name)]) }
            return ScannedValue([.environment(name, fallback: strings.count > 1 ? strings[1] : nil)])
        }
        return nil
    }

    /// Environment variables read as a member: the name follows.
    private static let environmentPaths = ["process.env.", "import.meta.env.", "Deno.env."]

    /// Environment variables and build settings read by a call or a subscript with the name
    /// as a string (the second string, where there is one, is the fallback); `true` for build settings.
    private static let environmentLookups: [(String, Bool)] = [
        ("process.env[", false), ("ENV[", false), ("ENV.fetch(", false), ("os.environ[", false), ("os.environ.get(", false),
        ("environ.get(", false), ("environ[", false), ("os.getenv(", false), ("getenv(", false), ("os.Getenv(", false),
        ("os.LookupEnv(", false), ("System.getenv(", false), ("Environment.GetEnvironmentVariable(", false),
        ("$_ENV[", false), ("$_SERVER[", false), ("env(", false), ("ProcessInfo.processInfo.environment[", false),
        ("Platform.environment[", false), ("dotenv.env[", false), ("dotenv.get(", false), ("Deno.env.get(", false),
        ("String.fromEnvironment(", true), ("constString.fromEnvironment(", true), ("bool.fromEnvironment(", true),
        ("Bundle.main.object(forInfoDictionaryKey:", true), ("Bundle.main.infoDictionary?[", true),
        ("Bundle.main.infoDictionary![", true), ("Bundle.main.infoDictionary[", true),
        // react-native-config's native side (its README): Objective-C and Swift read the same .env.
        ("[ReactNativeConfigenvFor:", false), ("[RNCConfigenvFor:", false), ("RNCConfig.env(for:", false),
    ]

    // MARK: splitting

    private func topLevel(_ r: Range<Int>, where test: (Int) -> Bool) -> Int? {
        var k = r.lowerBound
        while k < r.upperBound {
            let t = file.tokens[k]
            if t.kind == .punctuation, ["(", "[", "{"].contains(t.text) {
                k = file.close(k) + 1
                continue
            }
            if k > r.lowerBound, test(k) { return k }
            k += 1
        }
        return nil
    }

    private func splitTopLevel(_ r: Range<Int>, at op: String) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = r.lowerBound
        var rest = r
        while let k = topLevel(rest, where: { file.tokens[$0].isPunctuation(op) }) {
            // PHP's member access is `->`, so its `.` is always concatenation.
            out.append(start..<k)
            start = k + 1
            rest = start..<r.upperBound
            if rest.isEmpty { break }
        }
        out.append(start..<r.upperBound)
        return out.filter { !$0.isEmpty }
    }
}
