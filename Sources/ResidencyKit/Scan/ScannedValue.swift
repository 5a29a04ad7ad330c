/// A value as application code gives it: a constant, something read from the environment
/// or a build setting when the app runs, or an expression a scan cannot evaluate. Text and
/// unknown parts may be joined (`"https://" + process.env.HOST`), so it is a list of parts.
public struct ScannedValue: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case boolean(Bool)
        /// An environment variable, with the value the code falls back to when it is unset.
        case environment(String, fallback: String?)
        /// A value fixed when the app is built (`BuildConfig.SEGMENT_HOST`, an Info.plist key,
        /// Dart's `String.fromEnvironment`).
        case buildSetting(String)
        /// An expression the scan does not evaluate, as written.
        case unknown(String)
    }

    public var parts: [Part]
    /// The constants followed to reach the value, each `NAME (file:line)`.
    public var via: [String] = []

    public init(_ parts: [Part], via: [String] = []) {
        self.parts = parts
        self.via = via
    }

    public static func text(_ s: String) -> ScannedValue { ScannedValue([.text(s)]) }
    public static func unknown(_ s: String) -> ScannedValue { ScannedValue([.unknown(s)]) }

    /// The value when every part is text.
    public var literal: String? {
        var out = ""
        for part in parts {
            guard case .text(let s) = part else { return nil }
            out += s
        }
        return out
    }

    public var boolean: Bool? {
        if parts.count == 1, case .boolean(let b) = parts[0] { return b }
        return nil
    }

    /// The value with environment variables replaced by `environment`'s values (or the
    /// code's fallback when the file does not set one) when `environment` is given.
    func resolving(_ environment: [String: String]?) -> ScannedValue {
        guard let environment else { return self }
        var copy = self
        copy.parts = parts.map { part in
            switch part {
            case .environment(let name, let fallback):
                if let value = environment[name] { return .text(value) }
                return fallback.map { .text($0) } ?? part
            case .buildSetting(let setting):
                // A value fixed when the app is built (`BuildConfig.X`, Dart's `--dart-define`,
                // an Info.plist key) is given the same way, by its name with or without its
                // owner: react-native-config writes a .env into BuildConfig, and a CI job can
                // write the build's values into the file given with --env.
                let bare = String(setting.split(whereSeparator: { $0 == "." || $0 == " " }).last ?? "")
                return (environment[setting] ?? environment[bare]).map { .text($0) } ?? part
            default: return part
            }
        }
        return copy
    }

    /// How the value reads in a report: `"events.eu1.segmentapis.com/v1"`, `env SEGMENT_API_HOST`,
    /// `"https://" + env HOST`.
    public var described: String {
        if let literal { return "\"\(literal)\"" }
        return parts.map { part in
            switch part {
            case .text(let s): "\"\(s)\""
            case .boolean(let b): String(b)
            case .environment(let name, let fallback): "env \(name)" + (fallback.map { " (else \"\($0)\")" } ?? "")
            case .buildSetting(let name): "build setting \(name)"
            // Code as written, on one line: a report's line or a JSON value, not a listing.
            case .unknown(let text): "unknown (\(text.split(whereSeparator: \.isWhitespace).joined(separator: " ")))"
            }
        }.joined(separator: " + ")
    }

    /// The environment variables the value depends on.
    public var environmentNames: [String] {
        parts.compactMap { if case .environment(let name, _) = $0 { name } else { nil } }
    }
}
