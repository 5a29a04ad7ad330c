/// The tool's version, shown by `--version` and recorded in every report.
public enum ResidencyVersion {
    public static let current = "0.1.0"
}
