import Foundation

/// Who or what ran an audit, for reports that people sign off: a CI job (with a link to
/// it) or a local user. Built from a handful of well-known environment variables and
/// nothing else, so no secret, token or command-line option can reach a report.
public struct Provenance: Sendable, Hashable {
    /// The kind of runner, in words ("GitHub Actions", "GitLab CI", "local user").
    public var runner: String
    /// Which job or user, in words ("run 1234 of acme/privacy", "alice").
    public var identity: String
    /// A link to the CI run or job; only `http`/`https`, without credentials, query or fragment.
    public var url: String?

    public init(runner: String, identity: String, url: String? = nil) {
        self.runner = runner
        self.identity = identity
        self.url = url.flatMap(Provenance.cleanURL)
    }

    /// When the environment names neither a CI job nor a user.
    public static let unknown = Provenance(runner: "unknown", identity: "no CI job or user named in the environment")

    /// Reads, in this order: GitHub Actions (`GITHUB_RUN_ID`, `GITHUB_REPOSITORY`,
    /// `GITHUB_SERVER_URL`), GitLab (`CI_JOB_URL`), Jenkins (`BUILD_URL`), Buildkite
    /// (`BUILDKITE_BUILD_URL`), CircleCI (`CIRCLE_BUILD_URL`), then `USER` or `LOGNAME`.
    /// A variable that does not look like what it should (a run id that is not a number, a
    /// URL that is not http(s)) is passed over rather than copied into the report.
    public static func fromEnvironment(_ environment: [String: String]) -> Provenance {
        func value(_ name: String) -> String? {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        if let run = value("GITHUB_RUN_ID"), run.allSatisfy(\.isASCIIDigit), run.count <= 20,
            let repo = value("GITHUB_REPOSITORY"), isRepository(repo)
        {
            let server = value("GITHUB_SERVER_URL").flatMap(cleanURL) ?? "https://github.com"
            let base = server.hasSuffix("/") ? String(server.dropLast()) : server
            return Provenance(
                runner: "GitHub Actions", identity: "run \(run) of \(repo)", url: "\(base)/\(repo)/actions/runs/\(run)")
        }
        let ci: [(variable: String, runner: String, identity: String)] = [
            ("CI_JOB_URL", "GitLab CI", "job"),
            ("BUILD_URL", "Jenkins", "build"),
            ("BUILDKITE_BUILD_URL", "Buildkite", "build"),
            ("CIRCLE_BUILD_URL", "CircleCI", "build"),
        ]
        for c in ci {
            if let url = value(c.variable).flatMap(cleanURL) {
                return Provenance(runner: c.runner, identity: c.identity, url: url)
            }
        }
        for name in ["USER", "LOGNAME"] {
            if let user = value(name) { return Provenance(runner: "local user", identity: String(user.prefix(256))) }
        }
        return .unknown
    }

    /// `owner/name` as GitHub spells repositories.
    static func isRepository(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && s.count <= 200
            && parts.allSatisfy { p in
                !p.isEmpty && p != "." && p != ".."
                    && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            }
    }

    /// The URL without user info, query or fragment, when it is an absolute http(s) URL.
    static func cleanURL(_ text: String) -> String? {
        guard text.count <= 2048, text.allSatisfy({ $0.isASCII && !$0.isWhitespace }),
            var c = URLComponents(string: text),
            let scheme = c.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = c.host, !host.isEmpty
        else { return nil }
        c.user = nil
        c.password = nil
        c.query = nil
        c.fragment = nil
        return c.string
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
