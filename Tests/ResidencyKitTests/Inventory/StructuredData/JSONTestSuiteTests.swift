import Foundation
import Testing

@testable import ResidencyKit

/// nst/JSONTestSuite's parsing cases (Fixtures/JSONTestSuite, MIT; its README says which
/// commit): the reader must accept every `y_` file, reject every `n_` file with a positioned
/// syntax error, and take a recorded side on every `i_` file, never crashing or hanging.
///
/// Files are read as bytes and handed over as bytes: a `String` round-trip would replace
/// invalid UTF-8 with U+FFFD and make the encoding cases test nothing.
@Suite struct StructuredDataJSONTestSuiteTests {
    static let folder = fixturesFolder.appendingPathComponent("JSONTestSuite/test_parsing")

    static let names: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    static let mustAccept = names.filter { $0.hasPrefix("y_") }
    static let mustReject = names.filter { $0.hasPrefix("n_") }

    /// `y_` files the product rejects on purpose: JSON allows them, residency does not. Each
    /// parses (it is valid syntax) and is then refused by the loaders' duplicate-key check.
    static let productExceptions: [String: String] = [
        "y_object_duplicated_key.json": "duplicate keys are E0616: readers disagree on which one counts",
        "y_object_duplicated_key_and_value.json": "duplicate keys are E0616 even when the values agree",
    ]

    enum Choice: String, Sendable { case accept, reject }

    /// The reader's side on every `i_` file (RFC 8259 leaves them to the parser), recorded so
    /// that a change of behaviour shows up as a failing row, with why it is the right side.
    static let implementationDefined: [(name: String, choice: Choice, why: String)] = [
        // Numbers are syntax only: the text is kept and read exactly (or as ±infinity) on access.
        ("i_number_double_huge_neg_exp.json", .accept, "valid syntax; reads as 0"),
        ("i_number_huge_exp.json", .accept, "valid syntax; the exponent is not expanded"),
        ("i_number_neg_int_huge_exp.json", .accept, "valid syntax; reads as -infinity"),
        ("i_number_pos_double_huge_exp.json", .accept, "valid syntax; reads as infinity"),
        ("i_number_real_neg_overflow.json", .accept, "valid syntax; reads as -infinity"),
        ("i_number_real_pos_overflow.json", .accept, "valid syntax; reads as infinity"),
        ("i_number_real_underflow.json", .accept, "valid syntax; reads as 0"),
        ("i_number_too_big_neg_int.json", .accept, "valid syntax; not an `int`, so missing to policies"),
        ("i_number_too_big_pos_int.json", .accept, "valid syntax; not an `int`, so missing to policies"),
        ("i_number_very_big_negative_int.json", .accept, "valid syntax; not an `int`, so missing to policies"),
        // A lone surrogate escape has no UTF-8 form: accepting it would mean changing the text.
        ("i_object_key_lone_2nd_surrogate.json", .reject, "lone low surrogate escape in a key"),
        ("i_string_1st_surrogate_but_2nd_missing.json", .reject, "high surrogate escape alone"),
        ("i_string_1st_valid_surrogate_2nd_invalid.json", .reject, "high surrogate then a non-surrogate"),
        ("i_string_incomplete_surrogate_and_escape_valid.json", .reject, "high surrogate then `\\n`"),
        ("i_string_incomplete_surrogate_pair.json", .reject, "high surrogate then text"),
        ("i_string_incomplete_surrogates_escape_valid.json", .reject, "two high surrogates"),
        ("i_string_invalid_lonely_surrogate.json", .reject, "high surrogate alone"),
        ("i_string_invalid_surrogate.json", .reject, "high surrogate then text"),
        ("i_string_inverted_surrogates_U+1D11E.json", .reject, "low surrogate before high"),
        ("i_string_lone_second_surrogate.json", .reject, "low surrogate alone"),
        // RFC 8259 §8.1: JSON exchanged between systems is UTF-8; anything else is an error
        // naming the first bad byte, not a silently substituted U+FFFD.
        ("i_string_UTF-16LE_with_BOM.json", .reject, "UTF-16, not UTF-8"),
        ("i_string_utf16BE_no_BOM.json", .reject, "UTF-16, not UTF-8"),
        ("i_string_utf16LE_no_BOM.json", .reject, "UTF-16, not UTF-8"),
        ("i_string_UTF-8_invalid_sequence.json", .reject, "invalid UTF-8 lead byte 0xFA"),
        ("i_string_UTF8_surrogate_U+D800.json", .reject, "a UTF-8-encoded surrogate is not UTF-8"),
        ("i_string_invalid_utf-8.json", .reject, "byte 0xFF"),
        ("i_string_iso_latin_1.json", .reject, "Latin-1, not UTF-8"),
        ("i_string_lone_utf8_continuation_byte.json", .reject, "continuation byte without a lead"),
        ("i_string_not_in_unicode_range.json", .reject, "above U+10FFFF"),
        ("i_string_overlong_sequence_2_bytes.json", .reject, "overlong form"),
        ("i_string_overlong_sequence_6_bytes.json", .reject, "overlong form"),
        ("i_string_overlong_sequence_6_bytes_null.json", .reject, "overlong form of U+0000"),
        ("i_string_truncated-utf-8.json", .reject, "truncated sequence"),
        // Structure.
        ("i_structure_500_nested_arrays.json", .accept, "500 is within JSONReader.maximumDepth (512)"),
        ("i_structure_UTF-8_BOM_empty_object.json", .accept, "a UTF-8 byte order mark is skipped"),
    ]

    static func parse(_ name: String) throws -> (SourceFile, Result<DataTree, JSONSyntaxError>) {
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        let file = SourceFile(path: name, bytes: bytes)
        return (file, JSONReader.parse(file))
    }

    @Test("StructuredData: the JSONTestSuite folder holds all 318 cases, each in one table")
    func theSuiteIsThere() {
        #expect(Self.names.count == 318)
        #expect(Self.mustAccept.count == 95)
        #expect(Self.mustReject.count == 188)
        #expect(Set(Self.names.filter { $0.hasPrefix("i_") }) == Set(Self.implementationDefined.map(\.name)))
        #expect(Self.implementationDefined.count == 35)
        #expect(Set(Self.productExceptions.keys).isSubset(of: Self.mustAccept))
    }

    @Test("StructuredData: the reader accepts every y_ case", arguments: mustAccept)
    func accepts(_ name: String) throws {
        let (file, result) = try Self.parse(name)
        let tree = try result.get()
        touchEveryValue(tree.root)
        var reader = NodeReader(file: file)
        reader.reportDuplicateKeys(tree)
        if Self.productExceptions[name] != nil {
            #expect(reader.diagnostics.map(\.code) == ["E0616"], "\(reader.diagnostics.map(\.message))")
        } else {
            #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.map(\.message))")
        }
    }

    @Test("StructuredData: the reader rejects every n_ case at a place in the file", arguments: mustReject)
    func rejects(_ name: String) throws {
        let (file, result) = try Self.parse(name)
        guard case .failure(let error) = result else {
            Issue.record("accepted \(name): \(String(decoding: file.bytes.prefix(80), as: UTF8.self).debugDescription)")
            return
        }
        checkPosition(error, in: file)
    }

    @Test("StructuredData: the reader takes its recorded side on every i_ case", arguments: implementationDefined)
    func implementationDefinedCase(_ name: String, _ choice: Choice, _ why: String) throws {
        let (file, result) = try Self.parse(name)
        switch result {
        case .success(let tree):
            #expect(choice == .accept, "\(name) is now accepted; the table says reject: \(why)")
            touchEveryValue(tree.root)
        case .failure(let error):
            #expect(choice == .reject, "\(name) is now rejected (\(error)); the table says accept: \(why)")
            checkPosition(error, in: file)
        }
    }

    /// The error lies within the file and becomes an E0601 diagnostic at that place.
    func checkPosition(_ error: JSONSyntaxError, in file: SourceFile) {
        #expect(!error.message.isEmpty)
        #expect(error.offset >= 0 && error.length >= 0 && error.offset + error.length <= file.bytes.count, "\(error)")
        let diagnostic = error.diagnostic(in: file)
        #expect(diagnostic.code == "E0601")
        #expect(diagnostic.range?.start.offset == error.offset)
    }

    /// Reads every value the way loaders and policies do, so that accepted input whose values
    /// cannot be read (a huge exponent, a deep tree) fails here rather than in a later stage.
    func touchEveryValue(_ root: DataNode) {
        var pending = [root]
        while let node = pending.popLast() {
            switch node.kind {
            case .object: pending += node.members.map(\.value)
            case .array: pending += node.elements
            case .string: #expect(node.string != nil)
            case .number:
                #expect(node.numberText != nil && node.double != nil)
                _ = node.int
            case .bool, .null: break
            }
        }
        _ = root.languageValue
    }
}
