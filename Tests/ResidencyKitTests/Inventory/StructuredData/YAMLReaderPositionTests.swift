import Testing

@testable import ResidencyKit

/// YAML values point at their place in the file, in block and flow style, with characters of
/// several UTF-8 bytes before them, whatever order libyaml reports positions in.
@Suite struct YAMLReaderPositionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The document; 1️⃣ marks `name`'s value, 2️⃣ the `k` key, 3️⃣ its value, 4️⃣ `after`'s value.
        var text: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "flow style on one line",
            text: #"{"é🇪🇺": 1, "name": 1️⃣"Zürich 🇨🇭", "list": [1, "é", {2️⃣"k": 3️⃣"ü"}], "after": 4️⃣x}"# + "\n"),
        Case(
            name: "block style",
            text: "é🇪🇺: 1\nname: 1️⃣Zürich 🇨🇭\nlist:\n  - 1\n  - é\n  - 2️⃣k: 3️⃣ü\nafter: 4️⃣x\n"),
        Case(
            name: "block style with flow values",
            text: "name: 1️⃣\"Zürich 🇨🇭\"\nlist: [1, é, {2️⃣k: 3️⃣ü}]\nafter: 4️⃣x\n"),
    ]

    @Test(arguments: cases)
    func positions(_ c: Case) throws {
        let marked = MarkedSource(c.text)
        let file = SourceFile(path: "p.yaml", text: marked.text)
        let root = try YAMLReader.parse(file).get().root
        let inner = try #require(root["list"]?[2])
        let found: [(String, Int?)] = [
            ("1️⃣", root["name"]?.start), ("2️⃣", inner.members.first?.keyStart), ("3️⃣", inner["k"]?.start),
            ("4️⃣", root["after"]?.start),
        ]
        #expect(root["name"]?.string == "Zürich 🇨🇭" && inner["k"]?.string == "ü" && root["after"]?.string == "x")
        for (marker, offset) in found {
            let at = try #require(offset, "\(marker)")
            let location = file.location(of: at)
            let expected = try #require(marked.positions[marker])
            #expect(location.line == expected.line && location.column == expected.column, "\(marker)")
        }
    }
}
