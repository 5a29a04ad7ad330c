/// String built-ins: case, trimming, prefixes and suffixes, regular expressions, URLs.
extension Builtin {
    static let stringBuiltins: [Builtin] = [
        unary(
            "lower", "lower(text: string) -> string", "The text in lower case, by Unicode's full default mapping (a word-final `Σ` is `ς`).",
            #"lower(d.name) == "mixpanel""#, [.string], .string, onString { .string(Text.lower($0)) }),
        unary(
            "upper", "upper(text: string) -> string", "The text in upper case, by Unicode's full default mapping (`ß` is `SS`).",
            #"upper(d.vendor) == "AMPLITUDE""#, [.string], .string, onString { .string(Text.upper($0)) }),
        unary(
            "trim", "trim(text: string) -> string", "The text without leading and trailing white space (Unicode `White_Space`: CR, LF, NBSP, …).",
            #"trim(s.sdk.apiHost) == "events.eu1.segmentapis.com/v1""#,
            [.string], .string, onString { .string(Text.trim($0)) }),
        binary(
            "trimPrefix", "trimPrefix(text: string, prefix: string) -> string",
            "The text without the prefix, when it starts with it.", #"s.sdk.proxy.trimPrefix("https://")"#,
            [.string, .string], .string, onStrings { .string(Text.trimPrefix($0, $1)) }),
        binary(
            "trimSuffix", "trimSuffix(text: string, suffix: string) -> string",
            "The text without the suffix, when it ends with it.", #"s.sdk.host.trimSuffix("/")"#,
            [.string, .string], .string, onStrings { .string(Text.trimSuffix($0, $1)) }),
        binary(
            "startsWith", "startsWith(text: string, prefix: string) -> bool", "Whether the text starts with the prefix.",
            #"s.sdk.host.startsWith("https://")"#,
            [.string, .string], .bool, onStrings { .bool(Text.hasPrefix($0, $1)) }),
        binary(
            "endsWith", "endsWith(text: string, suffix: string) -> bool", "Whether the text ends with the suffix.",
            #"s.sdk.apiHost.endsWith("/v1")"#,
            [.string, .string], .bool, onStrings { .bool(Text.hasSuffix($0, $1)) }),
        binary(
            "matches", "matches(text: string, pattern: regex) -> bool",
            "Whether the pattern (an RE2-syntax `re\"…\"` literal) matches anywhere in the text; anchor with `^…$`.",
            #"d.endpoint.host.matches(re"\.eu$")"#, [.string, .regex], .bool
        ) { t, r in
            if case .string(let s) = t, case .regex(let box) = r { return .bool(box.regex.matches(s)) }
            return .missing
        },
        unary(
            "host", "host(url: string) -> string",
            "The host of a URL or of a bare `host/path` (read as `https://`), as a browser reads it: lower-cased, IDNA as Punycode, without port or trailing dot; missing when there is none or the URL is invalid.",
            #"host(s.sdk.proxy) == "events.eu1.segmentapis.com""#,
            [.string], .string, onString { .of(URLParts($0)?.host) }),
        unary(
            "scheme", "scheme(url: string) -> string", "The scheme a URL starts with, lower-cased (`https`), even when the rest is not a valid URL (`scheme(\"https://\")` is `https`); missing when it has none.",
            #"scheme(s.sdk.host) == "https""#,
            [.string], .string, onString { .of(URLParts.schemeOf($0)) }),
        unary(
            "path", "path(url: string) -> string",
            "The path of a URL or of a bare `host/path`, with `.` and `..` segments resolved; `\"\"` when it has none (`\"\"`, `https://`); missing when the URL is invalid.",
            #"path(s.sdk.apiHost) == "/v1""#,
            [.string], .string, onString { .of(URLParts.pathOf($0)) }),
    ]
}
