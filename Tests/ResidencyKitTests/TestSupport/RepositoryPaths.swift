import Foundation

/// The repository root: the nearest folder above this file that holds Package.swift. Found by
/// walking up rather than by counting `deletingLastPathComponent()` steps from `#filePath`,
/// so that a test file (this one included) can move to any depth without its paths breaking.
let repositoryRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        let parent = folder.deletingLastPathComponent()
        precondition(parent.path != folder.path, "no Package.swift in any folder above \(#filePath)")
        folder = parent
    }
    return folder
}()

/// Tests/ResidencyKitTests/Fixtures: the input files tests read (excluded from the target).
let fixturesFolder = repositoryRoot.appendingPathComponent("Tests/ResidencyKitTests/Fixtures")
