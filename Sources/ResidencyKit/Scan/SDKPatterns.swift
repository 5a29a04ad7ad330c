/// One Segment SDK set up in application code: the library, its write key and the settings
/// that decide where its events go, each with the place in the code it was read from.
public struct SDKUse: Sendable, Hashable {
    public struct Setting: Sendable, Hashable {
        /// The setting as a bundle's `sdkConfigs` names it (`apiHost`, `proxy`, `host`, …).
        public var name: String
        public var value: ScannedValue
        public var location: SourceRange
        /// The tokens of the expression it was read from, in its file: a Segment URL inside it is
        /// this setting's, not a request written by hand.
        var tokens: Range<Int> = 0..<0
    }

    /// A library id of `sdkConfigs` (docs/inventory.md, "SDK URLs").
    public var library: String
    public var writeKey: ScannedValue?
    public var writeKeyLocation: SourceRange?
    public var settings: [Setting]
    /// Where the SDK is set up (the call that creates or configures it).
    public var location: SourceRange

    public func setting(_ name: String) -> Setting? { settings.first { $0.name == name } }
}

/// The code patterns that set up each SDK, read from each SDK's public repository
/// (docs/scan.md cites them). Each pattern looks at one file's tokens; none matches on text.
struct SDKPatterns {
    let file: CodeFile
    let evaluator: CodeEvaluator
    /// What other files of the project import for this one (`@_exported import`, `global using`).
    var project = ProjectImports()

    /// Every SDK set up in the file, in the order of the code.
    func uses() -> [SDKUse] {
        var found: [SDKUse] = []
        switch file.language.family {
        case .swift: found = swiftSetups()
        case .objectiveC: found = analyticsIOS()
        case .kotlin: found = kotlin() + android() + java()
        case .java: found = kotlin() + android() + java()
        case .dart: found = flutter()
        case .csharp: found = csharp()
        case .javascript: found = reactNative() + node() + browser() + snippetPackage() + snippetsInStrings()
        case .python: found = python()
        case .go: found = go()
        case .ruby: found = ruby()
        case .php: found = php()
        }
        found += rawHTTP(excluding: found)
        return found.sorted { $0.location.start.offset < $1.location.start.offset }
    }

    // MARK: building blocks

    /// A use at token `k` with the write key and settings given by arguments.
    func use(_ library: String, at k: Int, writeKey: FileArgument?, settings: [(String, FileArgument?)]) -> SDKUse {
        var out = SDKUse(library: library, settings: [], location: file.location(k))
        if let writeKey {
            out.writeKey =
                file.isSpread(writeKey)
                ? .unknown("\(file.text(writeKey.value)), which may set it") : evaluator.value(writeKey.value)
            out.writeKeyLocation = file.location(writeKey.value.lowerBound)
        }
        for (name, arg) in settings {
            guard let arg, !arg.value.isEmpty else { continue }
            // Segment's own destination added, as by default: the URL is the other settings'.
            if name == "autoAddSegmentDestination", evaluator.value(arg.value).boolean == true { continue }
            let value: ScannedValue =
                file.isSpread(arg)
                ? .unknown("\(file.text(arg.value)), which may set it")
                : SDKRules.transports.contains(name) ? .unknown(file.text(arg.value)) : evaluator.value(arg.value)
            // Set again (chained, then on the variable; in an `if` and after it): which value
            // applies depends on the path the code takes, which the scan does not follow. The
            // same value twice is that value.
            if let i = out.settings.firstIndex(where: { $0.name == name }) {
                let first = out.settings[i].value
                if first.parts != value.parts {
                    out.settings[i].value = .unknown(
                        "set more than once (\(first.described), then \(value.described)), which one applies depends on the code's path"
                    )
                }
                continue
            }
            out.settings.append(
                SDKUse.Setting(name: name, value: value, location: file.location(arg.value.lowerBound), tokens: arg.value))
        }
        return out
    }

    typealias FileArgument = CodeFile.Argument

    /// The single argument of the call whose `(` is at `open`.
    func only(_ open: Int) -> FileArgument? { file.arguments(open).first }

    /// The entries of the object literal that is `arg` (`{ … }`, `[ … ]`, `array( … )`,
    /// `Config{ … }`), or of the constant it names, when it is one.
    func entries(_ arg: FileArgument?) -> [FileArgument]? {
        guard let arg, let first = file.token(arg.value.lowerBound) else { return nil }
        var k = arg.value.lowerBound
        // `analytics.Config{…}`, `array(…)`, `new Config {…}`: the bracket after a type name.
        while k < arg.value.upperBound, file.tokens[k].kind != .punctuation || [".", "::", "\\"].contains(file.tokens[k].text) {
            k += 1
        }
        if k < arg.value.upperBound, ["{", "[", "("].contains(file.tokens[k].text), file.close(k) == arg.value.upperBound - 1 {
            // `(…)` alone is an expression in brackets, not `array(…)`: what it holds.
            if k == arg.value.lowerBound, file.tokens[k].isPunctuation("(") {
                return entries(FileArgument(label: nil, value: (k + 1)..<(arg.value.upperBound - 1)))
            }
            // A call is not a literal, except PHP's `array(…)`: what `loadSettings()` returns is not known.
            if file.tokens[k].isPunctuation("("), file.token(k - 1)?.isIdentifier("array") != true { return nil }
            return file.arguments(k)
        }
        // A variable holding the literal, defined in the same file.
        if arg.value.count == 1, first.kind == .identifier, let defined = evaluator.constants.byName[first.text],
            defined.count == 1
        {
            return entries(FileArgument(label: nil, value: defined[0]))
        }
        return nil
    }

    /// The entries of an options argument: its object literal's (written here, or held by a
    /// constant of the file), or, when it is anything else (a variable given from elsewhere, a
    /// call, a cast, `&config` handed to a function first), one opaque entry that may set every
    /// setting, so that none of them reads as the SDK's default. None when there is no argument.
    func options(_ arg: FileArgument?) -> [FileArgument] {
        guard let arg else { return [] }
        if let literal = entries(arg), !changedAfterwards(arg) { return literal }
        var opaque = FileArgument(label: nil, value: arg.value)
        opaque.opaque = true
        return [opaque]
    }

    /// Whether the argument is a variable the file also uses in some other way than defining
    /// it and passing it (`c.Endpoint = …`, `configure(&c)`, `opts.host = …`, or handed to
    /// another call, `Object.assign(opts, …)`, which may change what it holds in JavaScript,
    /// Python or Ruby): what it holds when passed is then not its literal.
    private func changedAfterwards(_ arg: FileArgument) -> Bool {
        guard arg.value.count == 1, let name = file.token(arg.value.lowerBound), name.kind == .identifier else { return false }
        return file.tokens.indices.contains { k in
            guard file.tokens[k].isIdentifier(name.text), k != arg.value.lowerBound else { return false }
            if file.token(k - 1)?.isPunctuation("&") == true { return true }
            if ["(", ","].contains(where: { file.token(k - 1)?.isPunctuation($0) == true }),
                [")", ","].contains(where: { file.token(k + 1)?.isPunctuation($0) == true })
            {
                return true
            }
            guard let next = file.token(k + 1), next.kind == .punctuation else { return false }
            return [".", "[", "->", "?."].contains(next.text) && !(file.token(k - 1)?.isPunctuation(".") == true)
        }
    }

    /// The properties set on a variable after the statement that created it:
    /// `configuration.apiHost = "…"` (Swift, Objective-C; `!.` and `?.` too).
    func propertiesOnVariable(assignedAt k: Int) -> [String: FileArgument] {
        guard let eq = file.token(k - 1), eq.isPunctuation("="), let name = variableName(before: k - 1) else { return [:] }
        var out: [String: FileArgument] = [:]
        var j = k + 1
        while j + 3 < file.tokens.count {
            defer { j += 1 }
            guard file.tokens[j].isIdentifier(name), file.token(j - 1)?.isPunctuation(".") != true else { continue }
            var m = j + 1
            if file.token(m)?.isPunctuation("!") == true { m += 1 }
            guard let dot = file.token(m), dot.isPunctuation(".") || dot.isPunctuation("?."), let property = file.token(m + 1),
                property.kind == .identifier, file.token(m + 2)?.isPunctuation("=") == true
            else { continue }
            let end = CodeConstants.expressionEnd(from: m + 3, file)
            if out[property.text] == nil { out[property.text] = FileArgument(label: property.text, value: (m + 3)..<end) }
        }
        return out
    }

    /// A builder's use: its chained calls (`Analytics.builder(key).endpoint(…)`), and the calls
    /// made later on the variable it is kept in (`Analytics.Builder b = Analytics.builder(key);
    /// if (eu) b.endpoint(…);`), which configure the same builder, up to where the variable is
    /// assigned again. `k` is the builder's name, `names` its setters by setting. A setting made
    /// only in a branch (inside a block opened after the builder, or after `if (…)`, `else`,
    /// `->`) is that value or the SDK's default.
    func builderUse(_ library: String, at k: Int, writeKey: FileArgument?, _ names: [String: String]) -> SDKUse {
        let close = file.close(k + 1)
        var calls = file.chain(after: close).map { (name: $0.name, open: $0.open, branch: false) }
        var start = k
        while let sep = file.token(start - 1), sep.isPunctuation(".") || sep.isPunctuation("::"),
            file.token(start - 2)?.kind == .identifier
        {
            start -= 2
        }
        if file.token(start - 1)?.isIdentifier("new") == true { start -= 1 }
        if file.token(start - 1)?.isPunctuation("=") == true, let name = variableName(before: start - 1) {
            var j = close + 1
            var depth = 0
            while j + 3 < file.tokens.count {
                defer { j += 1 }
                if file.tokens[j].isPunctuation("{") { depth += 1 }
                if file.tokens[j].isPunctuation("}") { depth -= 1 }
                guard file.tokens[j].isIdentifier(name), file.token(j - 1)?.isPunctuation(".") != true else { continue }
                if file.token(j + 1)?.isPunctuation("=") == true { break }
                guard file.token(j + 1)?.isPunctuation(".") == true, let method = file.token(j + 2), method.kind == .identifier,
                    file.token(j + 3)?.isPunctuation("(") == true
                else { continue }
                let before = file.token(j - 1)
                let branch =
                    depth > 0 || before?.isPunctuation(")") == true || before?.isIdentifier("else") == true
                    || before?.isPunctuation("->") == true
                calls.append((method.text, j + 3, branch))
                calls += file.chain(after: file.close(j + 3)).map { ($0.name, $0.open, branch) }
            }
        }
        let found = use(
            library, at: k, writeKey: writeKey, settings: calls.compactMap { c in names[c.name].map { ($0, only(c.open)) } })
        return Self.onlyInABranch(found, Set(calls.filter(\.branch).compactMap { names[$0.name] }))
    }

    /// `use` with the settings `names` unknown, set (or not) by an expression the scan does not
    /// follow: a configuration handed to another call, Kotlin's `configs = build(…)`. Each is
    /// shown as the expression is written, at its place.
    func setBy(_ arg: FileArgument, _ names: [String], in use: SDKUse) -> SDKUse {
        var out = use
        let said = ScannedValue.unknown("\(file.text(arg.value)), which may set it")
        for name in names {
            out.settings.removeAll { $0.name == name }
            out.settings.append(
                SDKUse.Setting(name: name, value: said, location: file.location(arg.value.lowerBound), tokens: arg.value))
        }
        return out
    }

    /// The settings made only when a branch runs: that value or the SDK's default, unknown.
    static func onlyInABranch(_ use: SDKUse, _ branched: Set<String>) -> SDKUse {
        var found = use
        for i in found.settings.indices where branched.contains(found.settings[i].name) {
            if case .unknown? = found.settings[i].value.parts.first, found.settings[i].value.parts.count == 1 { continue }
            found.settings[i].value = .unknown(
                "\(found.settings[i].value.described) only when a branch runs, otherwise the SDK's default")
        }
        return found
    }

    /// The variable an `=` at `eq` assigns: `config =`, `config: Configuration =`,
    /// `SEGAnalyticsConfiguration *config =`.
    private func variableName(before eq: Int) -> String? {
        guard let last = file.token(eq - 1) else { return nil }
        if last.kind == .identifier {
            if file.token(eq - 2)?.isPunctuation(":") == true, let name = file.token(eq - 3), name.kind == .identifier {
                return name.text
            }
            return last.text
        }
        return nil
    }

    /// The `name = value` and `this.name = value` statements inside the braces at `open`
    /// (Kotlin's configuration lambda, C#'s initialiser); `other.name = value` is not one.
    func assignments(in open: Int) -> [String: FileArgument] {
        var out: [String: FileArgument] = [:]
        let end = file.close(open)
        var k = open + 1
        while k < end {
            let member = file.token(k - 1)?.isPunctuation(".") == true
            let onThis =
                member && (file.token(k - 2)?.isIdentifier("this") == true || file.token(k - 2)?.isIdentifier("self") == true)
            if file.tokens[k].kind == .identifier, file.token(k + 1)?.isPunctuation("=") == true, !member || onThis {
                let valueEnd = min(CodeConstants.expressionEnd(from: k + 2, file), end)
                out[file.tokens[k].text] = FileArgument(label: file.tokens[k].text, value: (k + 2)..<valueEnd)
                k = valueEnd
                continue
            }
            k += 1
        }
        return out
    }
}
