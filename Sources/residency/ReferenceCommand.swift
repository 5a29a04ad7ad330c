import ArgumentParser
import ResidencyKit

/// `residency reference`: the schema and built-in functions, as in docs/language.md.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print the fields policies can read and the built-in functions (Markdown)."
    )

    func run() throws {
        Terminal.stdout(LanguageReference.markdown())
    }
}
