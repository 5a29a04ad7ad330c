import Testing

@testable import ResidencyKit

/// One percent-encoding for the Public API's query values and SARIF's artifact paths.
@Suite struct PercentEncodingTests {
    @Test(arguments: [
        ("abc-._~XYZ019", false, "abc-._~XYZ019"),
        ("a+b/c=", false, "a%2Bb%2Fc%3D"),
        ("a+b/c=", true, "a%2Bb/c%3D"),
        ("dir name/é.json", true, "dir%20name/%C3%A9.json"),
        ("%\t\u{7F}", false, "%25%09%7F"),
        ("", true, ""),
    ])
    func encodesAllButTheUnreserved(text: String, keepingSlashes: Bool, encoded: String) {
        #expect(PercentEncoding.encode(text, keepingSlashes: keepingSlashes) == encoded)
    }
}
