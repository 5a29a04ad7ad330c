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

    /// The word-at-a-time scan answers as the byte-wise definition does: every byte value at
    /// every place of a word and of the tail, and words that mix them.
    @Test func theCleanScanAgreesWithTheDefinitionAtEveryByte() {
        func definition(_ b: [UInt8]) -> Bool { !b.contains { $0 == 0xEF || ($0 < 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD) } }
        for length in [1, 7, 8, 9, 16, 19] {
            for place in 0..<length {
                for byte in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[place] = UInt8(byte)
                    #expect(bytes.withUnsafeBufferPointer { XMLText.isClean($0) } == definition(bytes), "\(bytes)")
                    // Beside bytes that flag a word without being removed, and UTF-8 above 0x80.
                    bytes[(place + 1) % length] = 0x0A
                    bytes[(place + 2) % length] = 0xE2
                    #expect(bytes.withUnsafeBufferPointer { XMLText.isClean($0) } == definition(bytes), "\(bytes)")
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { XMLText.isClean($0) })
    }

    @Test func reportsLibraryVersion() {
        #expect(Int(XMLWriter.libraryVersion) ?? 0 >= 20900)
    }
}
