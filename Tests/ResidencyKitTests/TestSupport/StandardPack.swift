import Foundation

@testable import ResidencyKit

/// The standard policy pack as shipped: every file under the repository's `policies/`.
enum Pack {
    /// `<repo>/policies`.
    static let folder: String = repositoryRoot.appendingPathComponent("policies").path

    /// The bundled catalog file.
    static let catalogFile: String = (folder as NSString).appendingPathComponent("catalog/segment-regional.json")

    /// The pack loaded and checked once for all tests.
    static let checked = Audit.checkPolicies(paths: [folder])
}
