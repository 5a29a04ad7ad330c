import Testing

@testable import ResidencyKit

@Suite struct XMLWriterTests {
    @Test func writesEscapedWellFormedXML() throws {
        let w = try XMLWriter(indent: false)
        try w.startElement("testsuite")
        try w.attribute("name", #"a "quoted" <name> & ]]>"#)
        try w.element("testcase", attributes: [("name", "ws/destination/1")], text: "x < y && ]]> \u{1}bell")
        try w.endElement()
        let xml = try w.finish()
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(xml.contains(#"name="a &quot;quoted&quot; &lt;name&gt; &amp; ]]&gt;""#))
        #expect(xml.contains("x &lt; y &amp;&amp; ]]&gt; bell"))
        #expect(!xml.contains("\u{1}"))
        #expect(XMLWriter.isWellFormed(xml))
    }

    /// Text given as NUL-terminated bytes is written as `text` writes the same string: escaped,
    /// what XML forbids removed, and a letter whose bytes begin with 0xEF kept.
    @Test(arguments: ["x < y && ]]>", "bell\u{1} \u{FFFE}gone", "fullwidth ＄ kept\nline two", ""])
    func bytesAreWrittenAsTheirStringIs(text: String) throws {
        func written(_ write: (XMLWriter) throws -> Void) throws -> String {
            let w = try XMLWriter(indent: false)
            try w.startElement("t")
            try write(w)
            try w.endElement()
            return try w.finish()
        }
        let asBytes = try written { try $0.text(nulTerminated: Array(text.utf8) + [0]) }
        #expect(asBytes == (try written { try $0.text(text) }))
        #expect(XMLWriter.isWellFormed(asBytes))
        #expect(!asBytes.contains("\u{1}") && !asBytes.contains("\u{FFFE}"))
    }

    @Test func detectsMalformedXML() {
        #expect(!XMLWriter.isWellFormed("<a><b></a>"))
        #expect(XMLWriter.isWellFormed("<a><b/></a>"))
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("tab\tnewline\ncr\r", "tab\tnewline\ncr\r"),
        ("nul\u{0}esc\u{1B}", "nulesc"),
        ("emoji 🇪🇺 \u{FFFE}\u{FFFF}", "emoji 🇪🇺 "),
    ])
    func sanitisesForbiddenCharacters(input: String, expected: String) {
        #expect(XMLText.sanitised(input) == expected)
    }

    @Test func reportsLibraryVersion() {
        #expect(Int(XMLWriter.libraryVersion) ?? 0 >= 20900)
    }
}
