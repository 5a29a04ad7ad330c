import CLibXML2

/// A small Swift face over libxml2's `xmlTextWriter`, writing UTF-8 into memory. Reports are
/// written through it so that escaping is libxml2's, not ours. The one place that imports
/// libxml2.
package final class XMLWriter {
    /// A libxml2 call failed (out of memory, or a writer used after `finish`).
    struct Failure: Error, Sendable {
        var call: String
    }

    /// libxml2 initialised once before any writer, as its documentation asks of a program
    /// that writes from several threads (a JUnit folder's files are rendered in parallel).
    private static let libraryReady: Void = xmlInitParser()

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var finished = false

    /// Starts a document with an XML declaration; `indent` pretty-prints with two spaces.
    init(indent: Bool = true) throws {
        Self.libraryReady
        guard let buffer = xmlBufferCreate() else { throw Failure(call: "xmlBufferCreate") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw Failure(call: "xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func startElement(_ name: String) throws {
        try check(xmlTextWriterStartElement(writer, name), "xmlTextWriterStartElement")
    }

    /// Writes an attribute; characters XML 1.0 forbids are removed first.
    func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(writer, name, XMLText.sanitised(value)), "xmlTextWriterWriteAttribute")
    }

    /// Writes escaped character data; characters XML 1.0 forbids are removed first.
    func text(_ value: String) throws {
        try check(xmlTextWriterWriteString(writer, XMLText.sanitised(value)), "xmlTextWriterWriteString")
    }

    /// `text` of UTF-8 bytes that end in a NUL (as libxml2 takes them), written as they are
    /// when `XMLText.isClean` finds nothing to remove: a night's JUnit details are built as
    /// bytes, which grow in place for a fraction of what a `String` costs, and need no copy
    /// into a C string.
    func text(nulTerminated bytes: [UInt8]) throws {
        precondition(bytes.last == 0, "XMLWriter.text(nulTerminated:) without its NUL")
        let clean = bytes.withUnsafeBufferPointer { XMLText.isClean(UnsafeBufferPointer(rebasing: $0.dropLast())) }
        guard clean else { return try text(String(decoding: bytes.dropLast(), as: UTF8.self)) }
        try bytes.withUnsafeBufferPointer {
            try check(xmlTextWriterWriteString(writer, $0.baseAddress), "xmlTextWriterWriteString")
        }
    }

    func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// `<name attr…>text</name>` in one call.
    func element(_ name: String, attributes: [(String, String)] = [], text: String? = nil) throws {
        try startElement(name)
        for (k, v) in attributes { try attribute(k, v) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// `element` with its text as `text(nulTerminated:)` takes it.
    func element(_ name: String, attributes: [(String, String)] = [], nulTerminated text: [UInt8]) throws {
        try startElement(name)
        for (k, v) in attributes { try attribute(k, v) }
        try self.text(nulTerminated: text)
        try endElement()
    }

    /// Closes every open element and returns the document.
    package func finish() throws -> String {
        String(decoding: try finishBytes(), as: UTF8.self)
    }

    /// Closes every open element and returns the document's UTF-8, copied once out of
    /// libxml2's buffer (a JUnit folder's files go to disk as bytes: no String between).
    func finishBytes() throws -> [UInt8] {
        if !finished {
            try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
            xmlTextWriterFlush(writer)
            finished = true
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    private func check(_ rc: Int32, _ call: String) throws {
        if rc < 0 { throw Failure(call: call) }
    }

    /// The libxml2 version the tool runs with, e.g. `20914`.
    static var libraryVersion: String {
        __xmlParserVersion().pointee.map { String(cString: $0) } ?? "unknown"
    }

    /// Validates a document against an XML Schema file with libxml2's validator; returns
    /// the validator's messages (empty when valid). Used by the tests on every JUnit file.
    package static func validate(_ text: String, schemaPath: String) -> [String] {
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        guard let parserContext = xmlSchemaNewParserCtxt(schemaPath) else { return ["cannot read schema \(schemaPath)"] }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let schema = xmlSchemaParse(parserContext) else { return ["cannot parse schema \(schemaPath)"] }
        defer { xmlSchemaFree(schema) }
        guard let validator = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validator"] }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(
            validator,
            { ctx, error in
                guard let ctx, let error, let message = error.pointee.message else { return }
                let collector = Unmanaged<ErrorCollector>.fromOpaque(ctx).takeUnretainedValue()
                collector.messages.append("line \(error.pointee.line): " + String(cString: message).trimmingWhitespace())
            }, context)
        let bytes = Array(text.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), "report.xml", "UTF-8", options)
            }
        }
        guard let doc else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        let rc = xmlSchemaValidateDoc(validator, doc)
        if rc != 0, collector.messages.isEmpty { collector.messages.append("invalid (libxml2 code \(rc))") }
        return collector.messages
    }

    private final class ErrorCollector {
        var messages: [String] = []
    }

    /// True when `text` is a well-formed XML document (parsed by libxml2, no network).
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), "memory.xml", "UTF-8", options)
            }
        }
        guard let doc else { return false }
        xmlFreeDoc(doc)
        return true
    }
}

/// Text made safe for XML 1.0, and for the people who read what JUnit consumers show.
enum XMLText {
    /// The most characters of a name, an id or a value in an attribute or a line.
    static let fieldLimit = 1024
    /// The most characters of a message or an evidence value.
    static let messageLimit = 4096

    /// A string from the document as a report carries it: hidden characters, line breaks
    /// included, as visible escapes (`Neutralise`), cut at `limit` Unicode scalars, so that a
    /// CI page shows it on its line and a 50 MB name makes no 50 MB file. Every value JUnit
    /// writes from the document passes here; `sanitised` is the writer's last line of defence.
    static func value(_ s: String, limit: Int = fieldLimit) -> String {
        Neutralise.visible(Neutralise.clip(s, limit: limit))
    }

    /// Removes what XML 1.0 forbids: C0 controls other than TAB, LF and CR, and U+FFFE/U+FFFF.
    /// (Swift strings cannot hold lone surrogates, so those never reach here.)
    static func sanitised(_ s: String) -> String {
        // Bytes first (a night's JUnit folder sanitises millions of values): nothing below
        // 0x20 but TAB, LF and CR, and no 0xEF (the lead byte of U+FFFE and U+FFFF).
        if s.utf8.withContiguousStorageIfAvailable({ isClean($0) }) == true { return s }
        guard s.unicodeScalars.contains(where: { !allowed($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where allowed(u) { out.append(u) }
        return String(out)
    }

    /// Whether these bytes hold no byte `sanitised` may remove: none below 0x20 but TAB, LF
    /// and CR, and no 0xEF. Eight bytes at a time (`WordScan`): a word with no byte below 0x20
    /// and none equal to 0xEF is clean, and only a word that may hold one (a line feed, most
    /// often) is looked at byte by byte. A byte-wise `contains` took nine thousand instructions
    /// for each of a night's JUnit texts.
    static func isClean(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        WordScan.all(b, flags: { WordScan.below($0, 0x20) | WordScan.equal($0, 0xEF) }) {
            $0 != 0xEF && ($0 >= 0x20 || $0 == 0x9 || $0 == 0xA || $0 == 0xD)
        }
    }

    static func allowed(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD: true
        case 0x0..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
