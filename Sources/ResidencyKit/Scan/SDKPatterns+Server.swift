/// The server SDKs: Node.js, Python, Java, Go, Ruby and PHP. Their configuration APIs, with
/// the repository and path each was read from, are in docs/scan.md.
extension SDKPatterns {
    /// `new Analytics({ writeKey, host, path })` from `@segment/analytics-node`; the legacy
    /// `analytics-node` package's `new Analytics(writeKey, { host, path })`
    /// (segmentio/analytics-next packages/node/src/app/settings.ts; segmentio/analytics-node index.js).
    func node() -> [SDKUse] {
        let current = file.mentions("@segment/analytics-node")
        let legacy = file.mentions("'analytics-node'") || file.mentions("\"analytics-node\"")
        guard current || legacy else { return [] }
        return classNames().flatMap { file.calls($0) }.sorted().compactMap { k in
            // `new Analytics(…)`, or through a namespace import: `new Segment.Analytics(…)`.
            let namespaced =
                file.token(k - 1)?.isPunctuation(".") == true && file.token(k - 2)?.kind == .identifier
                && file.token(k - 3)?.isIdentifier("new") == true
            guard file.token(k - 1)?.isIdentifier("new") == true || namespaced else { return nil }
            let args = file.arguments(k + 1)
            if current, args.count == 1 {
                let settings = options(args.first)
                // `httpClient` replaces how requests are made, URL included (settings.ts).
                return use(
                    "analytics-node", at: k, writeKey: file.value(settings, "writeKey"),
                    settings: ["host", "path", "httpClient"].map { ($0, file.value(settings, $0)) })
            }
            guard legacy, let key = args.first else { return nil }
            let options = options(args.dropFirst().first)
            // The legacy package joins host and path as strings (SDKRules), unlike the current one.
            return use(
                "analytics-node-legacy", at: k, writeKey: key, settings: ["host", "path"].map { ($0, file.value(options, $0)) })
        }
    }

    /// The names the Node SDK's class goes by in this file: `Analytics`, and the local names
    /// `import { Analytics as Segment } from …`, `import Segment from 'analytics-node'` and
    /// `const Segment = require('analytics-node')` give it.
    private func classNames() -> [String] {
        var names: Set<String> = ["Analytics"]
        for k in file.tokens.indices {
            let t = file.tokens[k]
            if t.isIdentifier("Analytics"), file.token(k + 1)?.isIdentifier("as") == true, let alias = file.token(k + 2),
                alias.kind == .identifier
            {
                names.insert(alias.text)
            }
            // `const { Analytics: Segment } = require(…)`.
            if t.isIdentifier("Analytics"),
                file.token(k - 1)?.isPunctuation("{") == true || file.token(k - 1)?.isPunctuation(",") == true,
                file.token(k + 1)?.isPunctuation(":") == true, let alias = file.token(k + 2), alias.kind == .identifier
            {
                names.insert(alias.text)
            }
            // `import X from 'analytics-node'`, `X = require('analytics-node')` (the legacy package's default export).
            guard t.kind == .string, t.text == "analytics-node" else { continue }
            if file.token(k - 1)?.isIdentifier("from") == true, file.token(k - 3)?.isIdentifier("import") == true,
                let name = file.token(k - 2), name.kind == .identifier
            {
                names.insert(name.text)
            }
            if file.token(k - 1)?.isPunctuation("(") == true, file.token(k - 2)?.isIdentifier("require") == true,
                file.token(k - 3)?.isPunctuation("=") == true, let name = file.token(k - 4), name.kind == .identifier
            {
                names.insert(name.text)
            }
        }
        return names.sorted()
    }

    /// `analytics.write_key = "…"` and `analytics.host = "…"` on the module, or
    /// `Client(write_key, host="…")` (segmentio/analytics-python segment/analytics/__init__.py, client.py).
    func python() -> [SDKUse] {
        // The 2.x package (`segment.analytics`) or 1.x's `import analytics`.
        guard file.mentions("segment.analytics") || file.mentions("import analytics") else { return [] }
        var out: [SDKUse] = []
        // Module attributes, one use per module name.
        var modules: [String: (at: Int, key: FileArgument?, host: FileArgument?)] = [:]
        var order: [String] = []
        for k in file.tokens.indices
        where file.tokens[k].kind == .identifier && ["write_key", "host"].contains(file.tokens[k].text) {
            guard let dot = file.token(k - 1), dot.isPunctuation("."), var module = file.token(k - 2), module.kind == .identifier,
                file.token(k + 1)?.isPunctuation("=") == true,
                module.text.lowercased().contains("analytics") || module.text.lowercased().contains("segment")
            else { continue }
            // The module by its whole name, `segment.analytics.write_key = …`; no other path.
            if file.token(k - 3)?.isPunctuation(".") == true {
                guard module.text == "analytics", file.token(k - 4)?.isIdentifier("segment") == true,
                    file.token(k - 5)?.isPunctuation(".") != true
                else { continue }
                module.text = "segment.analytics"
            }
            let value = FileArgument(label: nil, value: (k + 2)..<CodeConstants.expressionEnd(from: k + 2, file))
            if modules[module.text] == nil {
                order.append(module.text)
                modules[module.text] = (k - 2, nil, nil)
            }
            if file.tokens[k].text == "write_key" {
                modules[module.text]!.key = value
            } else {
                modules[module.text]!.host = value
            }
        }
        for name in order {
            let m = modules[name]!
            out.append(use("analytics-python", at: m.at, writeKey: m.key, settings: [("host", m.host)]))
        }
        // `Client`, and the name `from segment.analytics import Client as SegmentClient` gives it.
        var clients: Set<String> = ["Client"]
        for k in file.tokens.indices where file.tokens[k].isIdentifier("Client") && file.token(k + 1)?.isIdentifier("as") == true
        {
            if let alias = file.token(k + 2), alias.kind == .identifier { clients.insert(alias.text) }
        }
        for k in clients.sorted().flatMap({ file.calls($0) }).sorted() {
            let args = file.arguments(k + 1)
            guard let key = file.value(args, "write_key", position: 0) else { continue }
            out.append(use("analytics-python", at: k, writeKey: key, settings: [("host", file.value(args, "host"))]))
        }
        return out
    }

    /// `Analytics.builder(writeKey).endpoint("…")`, or `.setUploadURL("…")`, the full URL
    /// (segmentio/analytics-java analytics/src/main/java/com/segment/analytics/Analytics.java, Builder).
    func java() -> [SDKUse] {
        guard file.mentions("com.segment.analytics") else { return [] }
        return file.calls("builder").compactMap { k in
            guard file.path(["Analytics", "builder"], endsAt: k) else { return nil }
            let names = ["endpoint": "endpoint", "setUploadURL": "uploadURL", "client": "client"]
            return builderUse(
                "analytics-java", at: k, writeKey: file.value(file.arguments(k + 1), "writeKey", position: 0), names)
        }
    }

    /// `analytics.NewWithConfig(writeKey, analytics.Config{Endpoint: "…"})`, and v2's
    /// `analytics.New(writeKey)` with `client.Endpoint = "…"` (segmentio/analytics-go config.go).
    func go() -> [SDKUse] {
        guard file.mentions("segmentio/analytics-go") else { return [] }
        var out: [SDKUse] = []
        for k in file.calls("NewWithConfig") {
            let args = file.arguments(k + 1)
            let config = options(args.dropFirst().first)
            out.append(use("analytics-go", at: k, writeKey: args.first, settings: [("endpoint", file.value(config, "Endpoint"))]))
        }
        for k in file.calls("New") where file.token(k - 1)?.isPunctuation(".") == true {
            let endpoint = file.tokens.indices.first { j in
                file.tokens[j].isIdentifier("Endpoint") && file.token(j - 1)?.isPunctuation(".") == true
                    && file.token(j + 1)?.isPunctuation("=") == true
            }
            let value = endpoint.map { j in
                FileArgument(label: nil, value: (j + 2)..<CodeConstants.expressionEnd(from: j + 2, file))
            }
            out.append(use("analytics-go", at: k, writeKey: file.arguments(k + 1).first, settings: [("endpoint", value)]))
        }
        return out
    }

    /// `Segment::Analytics.new(write_key: "…", host: "…", path: "…")`, or with a hash
    /// (segmentio/analytics-ruby lib/segment/analytics/client.rb, transport.rb).
    func ruby() -> [SDKUse] {
        guard file.mentions("Segment::Analytics") else { return [] }
        return file.tokens.indices.compactMap { k in
            // `Segment::Analytics::Client.new` takes the same options (lib/segment/analytics/client.rb).
            guard file.tokens[k].isIdentifier("new"),
                file.path(["Segment", "Analytics", "new"], endsAt: k)
                    || file.path(["Segment", "Analytics", "Client", "new"], endsAt: k)
            else { return nil }
            // `new(…)`, or without parentheses: `new write_key: '…', host: '…'`.
            var args = file.token(k + 1)?.isPunctuation("(") == true ? file.arguments(k + 1) : file.bareArguments(after: k)
            if args.count == 1, args[0].label == nil { args = options(args[0]) }
            return use(
                "analytics-ruby", at: k, writeKey: file.value(args, "write_key"),
                settings: ["host", "path"].map { ($0, file.value(args, $0)) })
        }
    }

    /// `Segment::init("writeKey", ["host" => "…"])`, also called on an instance of the class
    /// (`$this->segment->init(…)`, a `Segment\Segment` injected), and the client made directly,
    /// `new Client("writeKey", ["host" => "…"])` (segmentio/analytics-php lib/Segment.php,
    /// lib/Client.php, lib/Consumer/QueueConsumer.php).
    func php() -> [SDKUse] {
        guard file.mentions("Segment") else { return [] }
        // The class imported by its short name (`use Segment\Segment;`, `use Segment\Client;`).
        let importsSegment = file.mentions("Segment\\Segment")
        let importsClient = file.mentions("Segment\\Client")
        // On an instance, only one that names Segment (`$this->segment->init(…)`, `$segment->init`)
        // and is given a write key: `$this->cache->init()` in the same file is not a setup.
        let inits = file.calls("init").filter { k in
            if file.path(["Segment", "init"], endsAt: k) { return true }
            guard importsSegment, file.token(k - 1)?.isPunctuation("->") == true, let receiver = file.token(k - 2),
                receiver.text.lowercased().contains("segment")
            else { return false }
            return !file.arguments(k + 1).isEmpty
        }
        // `new \Segment\Client(…)`, `new Segment\Client(…)`, or `new Client(…)` after its `use`.
        func afterNew(_ k: Int) -> Bool {
            let before = file.token(k)?.isPunctuation("\\") == true ? k - 1 : k
            return file.token(before)?.isIdentifier("new") == true
        }
        let clients = file.calls("Client").filter { k in
            file.path(["Segment", "Client"], endsAt: k) ? afterNew(k - 3) : importsClient && afterNew(k - 1)
        }
        return (inits + clients).sorted().map { k in
            let args = file.arguments(k + 1)
            let options = options(args.dropFirst().first)
            return use("analytics-php", at: k, writeKey: args.first, settings: [("host", file.value(options, "host"))])
        }
    }
}
