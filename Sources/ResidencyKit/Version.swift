/// The tool's version, shown by `--version` and recorded in every report.
package enum ResidencyVersion {
    package static let current = "0.1.0"
}
