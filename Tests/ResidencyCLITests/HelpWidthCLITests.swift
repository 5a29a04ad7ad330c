import Testing

/// Help text fits an 80-column terminal (issue 13, item 9): every command's `--help`.
@Suite struct HelpWidthCLITests {
    @Test(arguments: [
        [], ["check"], ["explain"], ["test"], ["lint"], ["fmt"], ["report"], ["export"], ["catalog"], ["catalog", "generate"],
        ["reference"],
    ])
    func helpFitsEightyColumns(command: [String]) throws {
        let r = try residency(command + ["--help"])
        #expect(r.status == 0)
        let long = r.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
    }
}
