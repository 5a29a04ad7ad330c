import Testing

@testable import ResidencyKit

/// A finding's fingerprint is what baselines and waivers of earlier nights match on: its value
/// never changes with the code that computes it. Pinned to values from the committed example
/// document (reports/example-results.json) and to one with leading zeros, computed by the
/// definition (64-bit FNV-1a over the parts, each followed by 0xff, shifted right by 4, 15
/// lowercase hex digits).
@Suite struct FingerprintTests {
    @Test(arguments: [
        ("RES-007", "9aQ1Lj62S4bomZKLF4DPqW", "source", "qQEHquLrjRDN9j1ByrChyn", "73baeba7ba5f048"),
        ("RES-007", "9aQ1Lj62S4bomZKLF4DPqW", "source", "wF5x9cL3vN8bM2qT6yH1zD", "06a31f7e2ae16a9"),
        ("RES-005", "9aQ1Lj62S4bomZKLF4DPqW", "source", "rh5BDZp6QDHvXFCkibm4pR", "0798f8275ef6a81"),
        ("P", "w", "k", "151", "0000bf8e29e8688"),
        ("", "", "", "", "994f76653e2a395"),
    ])
    func fingerprintsStayWhatTheyWere(policy: String, workspace: String, kind: String, id: String, expected: String) {
        #expect(Finding.fingerprint(policy: policy, workspaceID: workspace, kind: kind, resourceID: id) == expected)
    }

    /// The record writer asks whether a result's fingerprint is the computed one without
    /// building it: the same answer as comparing with it, for the computed value, each digit
    /// changed, other lengths and capitals.
    @Test(arguments: [
        ("RES-007", "9aQ1Lj62S4bomZKLF4DPqW", "source", "qQEHquLrjRDN9j1ByrChyn"), ("P", "w", "k", "151"), ("", "", "", ""),
    ])
    func aFingerprintIsRecognisedWithoutBuildingIt(policy: String, workspace: String, kind: String, id: String) {
        let seed = Finding.fingerprintSeed(policy: policy, workspaceID: workspace, kind: kind)
        let right = Finding.fingerprint(seed: seed, resourceID: id)
        #expect(Finding.isFingerprint(right, seed: seed, resourceID: id))
        var others = [right.uppercased(), "0" + right, String(right.dropLast()), "", right + " "]
        for k in 0..<right.utf8.count {
            var bytes = Array(right.utf8)
            bytes[k] = bytes[k] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            others.append(String(decoding: bytes, as: UTF8.self))
        }
        for other in others {
            #expect(Finding.isFingerprint(other, seed: seed, resourceID: id) == (other == right), "\(other)")
        }
    }
}
