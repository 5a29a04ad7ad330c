import Foundation
import Testing

@testable import ResidencyKit

/// The formatter's properties: idempotent, meaning-preserving, comment-preserving; for the
/// standard pack, a table of awkward inputs, and every pack file re-spaced and commented.
@Suite struct FormatterPropertyTests {
    /// Inputs that have tripped formatters up: comments in every kind of place, odd
    /// spacing, trailing commas, redundant and needed parentheses, escapes, interpolations.
    static let tricky: [String] = [
        "",
        "# only a comment",
        "# one\n\n\n\n# two\n",
        "\u{FEFF}# after a byte order mark\r\nlet x = 1\t# tab before\r\n",
        "let x = 1 # trailing\nlet y = 2\n",
        "let a=1\nlet b = 2   # two\nlet ccc = 3  # three\n",
        "param p:list<string>=[\"a\",\"b\",]\n",
        "param p: list<list<int>>= [[1]]\n",
        "param p: int # no default\n",
        "let n = 007\nlet d = 2025-04-03\nlet t = true\n",
        "let s = \"quote \\\" backslash \\\\ tab \\t unicode \\u{1F1EA}\\u{1F1FA} {{braces}}\"\n",
        "let r = re\"^a\\\"b\\\\.c$\"\n",
        "let p = ((((a))))\nlet q = (a) and (b)\nlet m = (a).b.c(d)\n",
        "let x = not not a\nlet y = not (a and b)\nlet z = a not in b\n",
        "let c = (a ?? b) ?? c\nlet d = a ?? (b ?? c)\nlet e = a ?? b ?? c\n",
        "let q = (every x in xs: x) and y\nlet r = y and every x in xs: x and z\n",
        "let q = a or (b or c)\nlet r = (a or b) or c\nlet s = a and b or c and d\n",
        "let l = []\nlet k = [ ]\nlet f = f()\nlet g = f(a,)\n",
        "let c = count(x in xs)\nlet d = count(x in (xs) where (x))\n",
        "define f(): bool = true\ndefine g(a: int,): int = a\ndefine h(a: int, b: list<string>) = b\n",
        "define f(d: Destination): bool =\n  # why\n  d.enabled # yes\n",
        """
        let commented = [
          "eu",  # Europe
          "us",  # United States
          # more later
        ]
        """,
        """
        let w = [ # after bracket
          1, 2] # after close
        let z = # after equals
          5
        """,
        """
        policy # after policy
          P # after id
          "t" # after title
          { # after brace
          for # after for
            destination d
          where d. # after dot
            name == "x" and not # after not
            ( # after paren
              d.b)
          require f( # after call paren
             a, # after a
             b)
          message "m" # after message
          # before close
        } # after close
        """,
        """
        policy P "t" "continued" {
          severity error
          rationale "a" # after a
            # between strings
            "b"
          references ["A", # after A
            "B",]
          for destination d
          where d.enabled
            # before and
            and d.name == "x"
          require every w in d.workspace.warehouses: w.enabled and count(s in w.workspace.sources where s.enabled and # in count
            s.name != "") > 0
          message "{ d.name } and {d.x ?? "none"} {{literal}} {d.tags.contains( "x" )}"
            "and {d.y # not a comment to the tree }"
          remediation "r"


          expect some
        }
        permit Q "q" {
          permits P , R, S
          for destination d
          basis "b"
        }
        """,
        "policy P \"t\" {\n}\npermit Q \"q\" { permits P }\n",
        "let a = 1\n\n\n\npolicy P \"t\" { severity error }\nlet b = 2\n# tail\n",
        "import \"x.policy\" # why\nimport \"y.policy\"\n",
        "let long = [\"aaaaaaaaaaaa\", \"bbbbbbbbbbbbbbbb\", \"cccccccccccccccc\", \"dddddddddddddd\", \"eeeeeeeeeeeeeee\", \"ffffffffffff\", \"ggggggggggg\"]\n",
        "define mixed(d: Destination): bool = d.aaaaaaaaaaaaaaa == \"xxxxxxxxxxxx\" and d.bbbbbbbbbbbbbbbbbbb or d.ccccccccccccccccc and d.dddddddddddddddddddd\n",
        "let c = someFunction(aaaaaaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbbbbbb, (ccccccccccccccccccccccccc or ddddddddddddddddddddd or eeeeeeeeeeeeeeeeeeeeeeeeeeee))\n",
        "let q = every w in d.workspace.warehouses: w.enabled and w.location == \"eu-west-1\" and w.region == \"eu\" and exists(w.name)\n",
        "let u = \"ünïcödé 🇪🇺\" # ünïcödé comment\nlet v = 1 # 🇪🇺\n",
    ]

    @Test(arguments: FormatterSupport.packFiles)
    func packFileKeepsItsProperties(_ path: String) throws {
        try FormatterSupport.expectProperties(of: try FormatterSupport.packText(path))
    }

    @Test(arguments: tricky.indices)
    func trickyInputKeepsItsProperties(_ index: Int) throws {
        try FormatterSupport.expectProperties(of: Self.tricky[index])
    }

    /// A comment after every token of every pack file, at the end of its line or on a line
    /// of its own, the worst a file can be commented: every one is kept, in order, and the
    /// meaning does not change.
    @Test(arguments: FormatterSupport.packFiles)
    func commentAfterEveryTokenIsKept(_ path: String) throws {
        let text = try FormatterSupport.packText(path)
        try FormatterSupport.expectProperties(of: FormatterSupport.respaced(text, separator: "") { " # c\($0)\n" })
        try FormatterSupport.expectProperties(of: FormatterSupport.respaced(text, separator: " ") { "\n# c\($0)\n" })
    }

    /// The layout depends on the tree, not on how the author spaced it: a file with all its
    /// tokens on one line and with each on its own line print alike.
    @Test(arguments: FormatterSupport.packFiles + tricky.indices.map { "tricky \($0)" })
    func layoutIgnoresTheAuthorsSpacing(_ name: String) throws {
        let text =
            name.hasPrefix("tricky ")
            ? Self.tricky[Int(name.dropFirst("tricky ".count))!] : try FormatterSupport.packText(name)
        let oneLine = FormatterSupport.respaced(text, separator: " ")
        let tall = FormatterSupport.respaced(text, separator: "\n")
        #expect(try FormatterSupport.format(oneLine) == FormatterSupport.format(tall))
    }

    /// The pack is written in the canonical layout: `residency fmt --check policies` passes.
    @Test func thePackIsCanonical() {
        // The property tests above take their cases from this list: empty, they would check nothing.
        #expect(FormatterSupport.packFiles.count >= 5, "\(FormatterSupport.packFiles)")
        let outcome = FormatRun.run(paths: [Pack.folder], options: .init(check: true))
        #expect(outcome.status == .ok, "run `residency fmt policies`:\n\(outcome.output)")
        #expect(outcome.changed.isEmpty)
        #expect(outcome.diagnostics.isEmpty)
    }
}
