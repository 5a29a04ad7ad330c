/// A `.env` file (or `scan --env FILE`): `NAME=value` lines, as dotenv libraries read them —
/// `export ` before the name allowed, `#` comments, values in single quotes taken as written,
/// in double quotes with `\\n` and `\\"` escapes, unquoted ones up to a ` #` comment.
enum DotEnv {
    struct Failure: Error {
        var diagnostic: Diagnostic
        var source: SourceFile?
    }

    static func read(_ path: String) -> Result<[String: String], Failure> {
        let bytes: [UInt8]
        switch readFileBytes(atPath: path, limit: .settingsFile) {
        case .success(let b): bytes = b
        case .failure(let error): return .failure(Failure(diagnostic: problem("cannot read \(path): \(error)", at: nil)))
        }
        let source = SourceFile(path: path, bytes: bytes)
        switch parse(source) {
        case .success(let values): return .success(values)
        case .failure(let diagnostic): return .failure(Failure(diagnostic: diagnostic, source: source))
        }
    }

    /// A name set twice, or a quote that is not closed, is an error: tools disagree on which
    /// value counts, and a guess would decide where an SDK sends.
    static func parse(_ source: SourceFile) -> Result<[String: String], Diagnostic> {
        var values: [String: String] = [:]
        var lines: [String: Int] = [:]
        for (n, start) in source.lineStarts.enumerated() {
            var line = Substring(source.lineText(n + 1))
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            line = line.dropFirst(indent)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop { $0 == " " } }
            guard let eq = line.firstIndex(of: "="), !line[..<eq].isEmpty,
                line[..<eq].trimmingCharacters(in: " ").allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
            else {
                let at = source.range(start + indent, start + indent + line.utf8.count)
                return .failure(
                    problem(
                        "expected NAME=value in an environment file, found `\(Neutralise.terminal(String(line), limit: 60))`",
                        at: at))
            }
            let name = line[..<eq].trimmingCharacters(in: " ")
            let at = source.range(start + indent, start + indent + line.utf8.count)
            if let first = lines[name] {
                return .failure(problem("\(name) is set twice in an environment file (first on line \(first))", at: at))
            }
            lines[name] = n + 1
            var value = line[line.index(after: eq)...].drop { $0 == " " }
            if value.hasPrefix("'"), let close = value.dropFirst().firstIndex(of: "'") {
                value = value[value.index(after: value.startIndex)..<close]
            } else if value.hasPrefix("\""), let close = closingQuote(value) {
                value = Substring(
                    value[value.index(after: value.startIndex)..<close].replacingOccurrences(of: "\\n", with: "\n")
                        .replacingOccurrences(of: "\\\"", with: "\""))
            } else if value.hasPrefix("'") || value.hasPrefix("\"") {
                return .failure(problem("a quoted value of \(name) that is not closed on its line", at: at))
            } else {
                if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
                value = Substring(value.trimmingCharacters(in: " \t"))
            }
            values[name] = String(value)
        }
        return .success(values)
    }

    private static func problem(_ message: String, at range: SourceRange?) -> Diagnostic {
        .error(.E1802, message, at: range)
    }

    private static func closingQuote(_ s: Substring) -> Substring.Index? {
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            if s[i] == "\\" {
                i = s.index(after: i)
                if i < s.endIndex { i = s.index(after: i) }
                continue
            }
            if s[i] == "\"" { return i }
            i = s.index(after: i)
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
