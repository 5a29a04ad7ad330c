import Foundation

/// Finds and reads policy test files. A test file is YAML or JSON:
///
/// ```yaml
/// date: 2026-11-28            # audit.date for every test (a test may set its own)
/// facts: {dpfCertified: [Mixpanel]}
/// tests:
///   - name: EU destination on its EU endpoint passes
///     inventory: {workspace: {...}, destinations: [...]}   # or fixture: path/to/bundle.json
///     expect:
///       - {policy: RES-001, resource: d1, outcome: pass}
/// ```
///
/// Everything is checked against the policies under test, so a typo in a policy id, an
/// outcome or a key is an error at its place rather than a test that silently checks nothing.
enum PolicyTestLoader {
    /// How test files are named.
    static let suffixes = [".test.yaml", ".test.yml", ".test.json"]

    static let fileKeys = ["date", "params", "facts", "catalog", "tests"]
    static let caseKeys = ["name", "date", "params", "facts", "catalog", "inventory", "fixture", "expect"]
    static let expectationKeys = ["policy", "resource", "workspace", "outcome", "permit", "message"]

    /// The test files under files and folders (folders recursively), in sorted order, and
    /// what stood in the way: a sub-folder that cannot be listed, a test file that is not a
    /// regular file or a symbolic link out of `tree` is an error, a hidden test file a warning.
    /// A path that does not exist is left to the policies' loader, which reports it.
    static func discover(paths: [String], tree: InputTree? = nil) -> (files: [String], diagnostics: [Diagnostic]) {
        discover(paths: paths, tree: tree ?? InputTree(paths: paths), list: FolderWalk.listFolder)
    }

    /// `discover` with the folder lister given (tests make folders unreadable this way).
    static func discover(
        paths: [String], tree: InputTree, list: @escaping FolderWalk.Lister
    ) -> (files: [String], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        var out: [String] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            guard isDir.boolValue else {
                if isTestFile(path) { out.append(path) }
                continue
            }
            let found = FolderWalk(wanted: isTestFile, tree: tree, list: list).walk(path)
            diagnostics += found.problems.map { .unreadableTestFile($0.path, $0.error) }
            diagnostics += found.escapes.map { .outsideTree($0.path, .link($0.target), tree: tree, at: nil) }
            if !found.hidden.isEmpty {
                diagnostics.append(
                    .filesNotRead(
                        in: path, hidden: found.hidden, rule: "test files are *.test.yaml, *.test.yml and *.test.json files"))
            }
            out += found.files
        }
        return (out, diagnostics)
    }

    static func isTestFile(_ path: String) -> Bool { suffixes.contains { path.hasSuffix($0) } }

    /// What loading one file produced: the suite (nil when it has errors), the fixture files
    /// it read (diagnostics may point into them) and the problems found.
    struct Loaded: Sendable {
        var suite: PolicyTestSuite?
        package var files: [SourceFile]
        package var diagnostics: [Diagnostic]
    }

    /// Reads and checks one test file. `defaultDate` is the audit date of tests that set none;
    /// `catalog` is the run's, loaded from `catalogPaths`, which a test's own `catalog` files
    /// are layered over. The paths a test file names stay inside `tree` (by default the test
    /// file's own folder).
    package static func load(
        path: String, bundle: CheckedBundle, catalog: Catalog, catalogPaths: [String] = [], defaultDate: Day,
        tree: InputTree? = nil
    ) -> Loaded {
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .testFile) {
        case .success(let b): bytes = b
        case .failure(let error): return Loaded(suite: nil, files: [], diagnostics: [.unreadableTestFile(path, error)])
        }
        return load(
            SourceFile(path: path, bytes: bytes), bundle: bundle, catalog: catalog, catalogPaths: catalogPaths,
            defaultDate: defaultDate, tree: tree ?? InputTree(paths: [path]))
    }

    /// Checks one test file already read; `tree` as for `load(path:…)`, by default the file's
    /// folder (in-memory tests name files that are not on disk: only `..` and absolute paths
    /// can be checked for them).
    package static func load(
        _ file: SourceFile, bundle: CheckedBundle, catalog: Catalog, catalogPaths: [String] = [], defaultDate: Day,
        tree: InputTree? = nil
    ) -> Loaded {
        var decoder = SuiteDecoder(
            file: file, bundle: bundle, catalog: catalog, catalogPaths: catalogPaths, tree: tree ?? InputTree(paths: [file.path]))
        let suite = decoder.decode(defaultDate: defaultDate)
        let diagnostics = decoder.reader.diagnostics + decoder.fixtureDiagnostics
        return Loaded(suite: diagnostics.hasErrors ? nil : suite, files: [file] + decoder.fixtureFiles, diagnostics: diagnostics)
    }
}

/// Reads one test file's tree (its inventories and files: PolicyTestLoader+Files.swift).
struct SuiteDecoder {
    var reader: NodeReader
    let bundle: CheckedBundle
    /// The run's catalog and the files it was loaded from.
    let catalog: Catalog
    let catalogPaths: [String]
    /// The folders the paths this file names must stay in.
    let tree: InputTree
    var fixtureFiles: [SourceFile] = []
    var fixtureDiagnostics: [Diagnostic] = []
    /// Fixtures already loaded, by resolved path and catalog files: many tests share one.
    var fixtures: [[String]: [WorkspaceModel]] = [:]
    /// Catalogs with a test's own files layered on, by those files.
    var catalogs: [[String]: Catalog] = [:]

    init(file: SourceFile, bundle: CheckedBundle, catalog: Catalog, catalogPaths: [String], tree: InputTree) {
        self.tree = tree
        self.reader = NodeReader(file: file)
        self.reader.isExport = false
        self.bundle = bundle
        self.catalog = catalog
        self.catalogPaths = catalogPaths
    }

    /// The file-wide defaults every test starts from.
    struct Defaults {
        var date: Day
        var params: [String: String] = [:]
        var facts = Facts()
        /// Catalog files layered over the run's (resolved paths).
        var catalogs: [String] = []
    }

    mutating func decode(defaultDate: Day) -> PolicyTestSuite? {
        let tree: DataTree
        switch InventoryLoader.parse(reader.file) {
        case .failure(let d):
            reader.report(d)
            return nil
        case .success(let t): tree = t
        }
        // Once for the whole file, inline inventories and facts included.
        reader.reportDuplicateKeys(tree)
        guard let root = reader.object(tree.root, "test file") else { return nil }
        checkKeys(root, PolicyTestLoader.fileKeys, "a test file")
        var defaults = Defaults(date: defaultDate)
        readCommon(root, into: &defaults)
        guard let list = reader.array(root["tests"], "tests"), list.count > 0 else {
            reader.report(.noTests(at: reader.range(root["tests"] ?? root)))
            return nil
        }
        var cases: [PolicyTestCase] = []
        var names: [String: SourceRange] = [:]
        for (i, item) in list.elements.enumerated() {
            guard let test = reader.object(item, "tests[\(i)]") else { continue }
            guard let c = decodeCase(test, "tests[\(i)]", defaults) else { continue }
            if let first = names[c.name] {
                reader.report(.duplicateTestName(c.name, at: c.origin, first: first))
            } else {
                names[c.name] = c.origin
            }
            cases.append(c)
        }
        return PolicyTestSuite(file: reader.file, cases: cases)
    }

    /// `date`, `params` and `facts`, which a file sets for all its tests and a test for itself.
    private mutating func readCommon(_ obj: DataNode, into d: inout Defaults) {
        if let text = reader.string(obj, "date", "date") {
            if let day = Day(iso: text) {
                d.date = day
            } else {
                reader.report(.badTestDate(text, at: reader.range(obj["date"]!)))
            }
        }
        if let params = reader.object(obj["params"], "params") {
            for (name, _, value) in params.members {
                guard let text = paramText(value) else {
                    reader.report(.badParamValue(name, found: value, at: reader.range(value)))
                    continue
                }
                d.params[name] = text
            }
        }
        if let node = obj["catalog"], !node.isNull {
            let items = node.kind == .array ? node.elements.map { $0 } : [node]
            d.catalogs = items.compactMap { item in
                guard let path = item.string else {
                    reader.report(
                        .inventoryType("catalog", expected: "a path or a list of paths", found: item, at: reader.range(item)))
                    return nil
                }
                return resolve(path, "catalog", at: reader.range(item))
            }
        }
        if let facts = obj["facts"], !facts.isNull {
            if facts.kind == .string, let path = facts.string {
                d.facts = loadFacts(path, at: reader.range(facts))
            } else {
                d.facts = FactsLoader.decode(facts, &reader, declared: bundle.facts)
            }
        }
    }

    /// A param value as `--param` would spell it: scalars as written, lists comma-joined.
    private func paramText(_ n: DataNode) -> String? {
        switch n.kind {
        case .string: return n.string
        case .bool: return n.bool.map { $0 ? "true" : "false" }
        case .number: return n.numberText
        case .array:
            let items = n.elements.map { paramText($0) }
            guard n.elements.allSatisfy({ $0.kind != .array && $0.kind != .object }), !items.contains(nil) else { return nil }
            return items.compactMap { $0 }.joined(separator: ",")
        default: return nil
        }
    }

    private mutating func decodeCase(_ test: DataNode, _ path: String, _ defaults: Defaults) -> PolicyTestCase? {
        checkKeys(test, PolicyTestLoader.caseKeys, "a test")
        guard let name = reader.requiredString(test, "name", path, what: "a test") else { return nil }
        let origin = reader.range(test["name"]!)
        var d = defaults
        readCommon(test, into: &d)
        let catalog = catalog(layering: d.catalogs)

        let inline = test["inventory"].flatMap { $0.isNull ? nil : $0 }
        let fixture = test["fixture"].flatMap { $0.isNull ? nil : $0 }
        var workspaces: [WorkspaceModel] = []
        switch (inline, fixture) {
        case (let node?, nil):
            workspaces = decodeInventory(node, catalog)
        case (nil, let node?):
            let paths = node.kind == .array ? node.elements.map { $0 } : [node]
            for p in paths {
                guard let text = p.string else {
                    reader.report(.inventoryType("\(path).fixture", expected: "a path", found: p, at: reader.range(p)))
                    continue
                }
                workspaces += loadFixture(text, catalog, key: d.catalogs, at: reader.range(p))
            }
        default:
            reader.report(.testInventoryCount(name, both: inline != nil, at: origin))
        }

        var expectations: [PolicyExpectation] = []
        if let list = reader.array(test["expect"], "\(path).expect") {
            for (k, item) in list.elements.enumerated() {
                guard let e = reader.object(item, "\(path).expect[\(k)]") else { continue }
                if let x = decodeExpectation(e, "\(path).expect[\(k)]") { expectations.append(x) }
            }
        }
        if expectations.isEmpty, test["expect"]?.count ?? 0 == 0 {
            reader.report(.testWithoutExpectations(name, at: origin))
        }
        return PolicyTestCase(
            name: name, origin: origin, date: d.date, params: d.params, facts: d.facts, catalog: catalog,
            workspaces: workspaces, expectations: expectations)
    }

    private mutating func decodeExpectation(_ e: DataNode, _ path: String) -> PolicyExpectation? {
        checkKeys(e, PolicyTestLoader.expectationKeys, "an expectation")
        guard let policy = reader.requiredString(e, "policy", path, what: "an expectation"),
            let resource = reader.requiredString(e, "resource", path, what: "an expectation"),
            let outcomeText = reader.requiredString(e, "outcome", path, what: "an expectation")
        else { return nil }
        let at = reader.range(e)
        guard let p = bundle.policies.firstIndex(where: { $0.id == policy }) else {
            reader.report(
                .unknownTestPolicy(
                    policy, policies: bundle.policies.map(\.id), permit: bundle.permits.first { $0.id == policy },
                    at: reader.range(e["policy"]!)))
            return nil
        }
        guard let outcome = Outcome(rawValue: outcomeText), outcome != .waived else {
            reader.report(.unknownOutcome(outcomeText, at: reader.range(e["outcome"]!)))
            return nil
        }
        let permit = reader.string(e, "permit", path)
        if let permit {
            let permits = bundle.policies[p].permits.map { bundle.permits[$0].id }
            if outcome != .permitted {
                reader.report(
                    .badExpectedPermit(
                        "`permit` names the permit of a `permitted` outcome, but this expects \(outcome.rawValue)",
                        at: reader.range(e["permit"]!)))
                return nil
            }
            if !permits.contains(permit) {
                reader.report(
                    .badExpectedPermit(
                        "`\(permit)` is not a permit of \(policy)", at: reader.range(e["permit"]!),
                        help: permits.isEmpty
                            ? "no permit names \(policy)"
                            : Suggestions.didYouMean(permit, in: permits) ?? "its permits: \(permits.joined(separator: ", "))"))
                return nil
            }
        }
        return PolicyExpectation(
            policy: policy, resource: resource, workspace: reader.string(e, "workspace", path), outcome: outcome,
            permit: permit, messageContains: reader.string(e, "message", path), origin: at)
    }

    /// Unknown keys are errors: a misspelt `outcome` must not make a test check less.
    private mutating func checkKeys(_ obj: DataNode, _ allowed: [String], _ what: String) {
        for (key, start, _) in obj.members where !allowed.contains(key) {
            reader.report(.unknownTestKey(key, in: what, allowed: allowed, at: reader.keyRange(start, key)))
        }
    }
}
