/// The lexer's and parser's diagnostics, one factory per problem, each with its own code.
/// Codes E0001–E0019 are the lexer's, E0020–E0099 the parser's; docs/diagnostics.md
/// lists them all. A code is never reused for a different problem, so users and tools can
/// rely on it; add new problems at the end of their range.
extension Diagnostic {
    /// Expressions nest at most this many levels (parentheses, `not`, quantifier bodies,
    /// call arguments, list elements); the limit keeps the parser's stack bounded.
    static let maxExpressionNesting = 64
    /// `every`/`some`/`count` nest at most this deep; each level multiplies evaluation cost.
    static let maxQuantifierNesting = 4
    /// The syntax tree of one expression is at most this deep, even when it is built from
    /// long operator chains (`a.b.c…`, `x or y or …`) that do not nest syntactically; later
    /// passes walk trees recursively and must not overflow the stack either.
    static let maxExpressionHeight = 256
    /// `list<list<…>>` nests at most this deep.
    static let maxTypeNesting = 64

    // MARK: - Lexer (E0001–E0019)

    /// E0001: characters that start no token (`@`, `!`, `&&`, a lone `-`, …).
    static func unexpectedCharacters(_ text: String, at range: SourceRange, help: String?) -> Diagnostic {
        let noun = text.count == 1 ? "character" : "characters"
        return .error(.E0001, "unexpected \(noun) `\(text)`", at: range, help: help)
    }

    /// E0002: a string with no closing quote before the end of its line.
    static func unterminatedString(at range: SourceRange) -> Diagnostic {
        .error(
            .E0002, "unterminated string", at: range,
            help:
                "a string ends with `\"` on the line where it starts; write adjacent strings to continue a text on the next line")
    }

    /// E0003: a backslash escape the language does not define.
    static func unknownEscape(_ sequence: String, at range: SourceRange, help: String? = nil) -> Diagnostic {
        .error(
            .E0003, "unknown escape sequence `\(sequence)` in string", at: range,
            help: help ?? "the escapes are \\\" \\\\ \\n \\t \\r and \\u{…}")
    }

    /// E0004: `\u{…}` without 1–8 hex digits naming a Unicode scalar value.
    static func invalidUnicodeEscape(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0004, "invalid Unicode escape `\(text)`", at: range,
            help: "write 1 to 8 hexadecimal digits naming a Unicode scalar value, e.g. \\u{1F1EA}")
    }

    /// E0005: a `}` in a string that closes no interpolation.
    static func unmatchedClosingBrace(at range: SourceRange) -> Diagnostic {
        .error(.E0005, "unmatched `}` in string", at: range, help: "write `}}` for a literal brace")
    }

    /// E0006: a `{` in a string whose interpolation never ends on that line.
    static func unclosedInterpolation(at range: SourceRange) -> Diagnostic {
        .error(
            .E0006, "unclosed `{` in string", at: range,
            help: "end the interpolation with `}`, or write `{{` for a literal brace")
    }

    /// E0007: an integer with more digits than fit the language's integers.
    static func integerTooLong(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.E0007, "integer `\(text)` is too long", at: range, help: "integers have at most 18 digits")
    }

    /// E0008: something that starts like a date but is not `YYYY-MM-DD`.
    static func malformedDate(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0008, "`\(text)` is not a date", at: range,
            help: "dates are written YYYY-MM-DD, e.g. 2025-04-03; to subtract, put spaces around `-`: `10 - 1`")
    }

    /// E0009: a well-formed date that is not a real calendar day.
    static func impossibleDate(_ text: String, at range: SourceRange, help: String) -> Diagnostic {
        .error(.E0009, "`\(text)` is not a real calendar date", at: range, help: help)
    }

    /// E0010: `re"…` with no closing quote on its line.
    static func unterminatedRegex(at range: SourceRange) -> Diagnostic {
        .error(
            .E0010, "unterminated regular expression", at: range,
            help: "a regular expression ends with `\"` on the line where it starts; write `\\\"` for a quote inside it")
    }

    /// E0011: digits run into letters (`42abc`, `1st`).
    static func malformedNumber(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.E0011, "`\(text)` is not a number", at: range, help: "names cannot start with a digit")
    }

    // MARK: - Parser (E0020–E0099)

    /// E0020: a token at top level that starts no declaration.
    static func expectedDeclaration(found: String, at range: SourceRange, help: String?) -> Diagnostic {
        .error(
            .E0020, "expected a declaration (import, param, let, define, policy or permit), found \(found)",
            at: range, help: help)
    }

    /// E0021: a name is missing (a let's name, a severity, a field after `.`, …).
    static func expectedName(
        _ what: String, after: String, found: String, at range: SourceRange, example: String? = nil
    ) -> Diagnostic {
        .error(
            .E0021, "expected \(what) after \(after), found \(found)", at: range,
            help: example.map { "for example: `\($0)`" })
    }

    /// E0022: a reserved word where a name is declared or used.
    static func reservedWord(_ word: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0022, "`\(word)` is a reserved word and cannot be used as a name", at: range,
            help: "the reserved words are \(Token.reserved.sorted().joined(separator: ", "))")
    }

    /// E0023: a type is missing after `:` or `list<`.
    static func expectedType(after: String, found: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0023, "expected a type after \(after), found \(found)", at: range,
            help: "for example `string`, `int` or `list<string>`")
    }

    /// E0024: a specific punctuation or keyword is missing (`=`, `)`, `in`, `{`, …).
    static func expectedToken(
        _ expected: String, _ context: String, found: String, at range: SourceRange, help: String? = nil
    ) -> Diagnostic {
        .error(.E0024, "expected \(expected) \(context), found \(found)", at: range, help: help)
    }

    /// E0025: an expression is missing.
    static func expectedExpression(after: String?, found: String, at range: SourceRange, help: String? = nil) -> Diagnostic {
        let context = after.map { " after \($0)" } ?? ""
        return .error(.E0025, "expected an expression\(context), found \(found)", at: range, help: help)
    }

    /// E0026: a string is missing (a title, a rationale, an import path, a message, …).
    static func expectedString(
        _ what: String, after: String, found: String, at range: SourceRange, example: String? = nil
    ) -> Diagnostic {
        .error(
            .E0026, "expected \(what) after \(after), found \(found)", at: range,
            help: example.map { "for example: `\($0)`" })
    }

    /// E0027: a policy or permit block that is never closed.
    static func unclosedBlock(_ label: String, found: String, at range: SourceRange) -> Diagnostic {
        .error(.E0027, "expected `}` to close \(label), found \(found)", at: range)
    }

    /// E0041: `=` in an expression, where `==` compares.
    static func assignInCondition(at range: SourceRange) -> Diagnostic {
        .error(.E0041, "`=` does not compare", at: range, help: "write `==` to compare two values")
    }

    /// E0028: something in a block that is not a clause.
    static func expectedClause(in label: String, found: String, at range: SourceRange, help: String?) -> Diagnostic {
        .error(.E0028, "expected a clause of \(label) or `}`, found \(found)", at: range, help: help)
    }

    /// E0029: a clause of the other kind of block (`basis` in a policy, `require` in a permit).
    static func clauseNotAllowed(_ clause: String, in kind: String, at range: SourceRange, help: String) -> Diagnostic {
        .error(.E0029, "`\(clause)` is not a clause of a \(kind)", at: range, help: help)
    }

    /// E0030: the same clause twice in one block.
    static func duplicateClause(_ clause: String, in label: String, at range: SourceRange, first: SourceRange) -> Diagnostic {
        let help: String? =
            switch clause {
            case "where", "require": "combine the conditions with `and`"
            case "rationale", "message", "remediation", "basis": "adjacent strings are joined, so one clause can span lines"
            default: nil
            }
        return Diagnostic(
            .error, .E0030, "duplicate `\(clause)` clause in \(label)", at: range,
            notes: [Note("the first `\(clause)` is here", at: first)], help: help)
    }

    /// E0031: `{…}` interpolation in a string that is plain text.
    static func interpolationNotAllowed(at range: SourceRange) -> Diagnostic {
        .error(
            .E0031, "string interpolation is not allowed here", at: range,
            help: "interpolation is only allowed in message, remediation and basis; write {{ for a literal brace")
    }

    /// E0032: more than one expression between the braces of an interpolation.
    static func extraTokensInInterpolation(found: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0032, "expected the end of the interpolation, found \(found)", at: range,
            help: "an interpolation holds exactly one expression, e.g. `{d.name}`")
    }

    /// E0033: `a == b == c`.
    static func chainedComparison(at range: SourceRange) -> Diagnostic {
        .error(.E0033, "comparisons cannot be chained", at: range, help: "write `a == b and b == c`")
    }

    /// E0034: more than `maxExpressionNesting` nested levels.
    static func nestingTooDeep(at range: SourceRange) -> Diagnostic {
        .error(
            .E0034, "expression is nested too deeply (the limit is \(maxExpressionNesting) levels)", at: range,
            help: "name parts of it with `let` or `define`")
    }

    /// E0035: more than `maxQuantifierNesting` nested quantifiers.
    static func quantifiersTooDeep(at range: SourceRange) -> Diagnostic {
        .error(
            .E0035, "quantifiers are nested too deeply (the limit is \(maxQuantifierNesting) levels)", at: range,
            help: "every/some/count may nest at most \(maxQuantifierNesting) deep; move inner parts into a `define`")
    }

    /// E0036: an operator chain that would make a tree deeper than `maxExpressionHeight`.
    static func expressionTooComplex(at range: SourceRange) -> Diagnostic {
        .error(
            .E0036, "expression is too complex (its syntax tree would be more than \(maxExpressionHeight) levels deep)",
            at: range, help: "split it into `let` constants or `define` helpers")
    }

    /// E0037: `for` without both a resource kind and a variable.
    static func malformedSubject(found: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0037, "expected a resource kind and a variable after `for`, e.g. `for destination d`, found \(found)",
            at: range)
    }

    /// E0038: `expect` not followed by `some`.
    static func expectedSomeAfterExpect(found: String, at range: SourceRange) -> Diagnostic {
        .error(
            .E0038, "expected `some` after `expect`, found \(found)", at: range,
            help: "`expect some` reports the policy when it matches no resource at all")
    }

    /// E0039: `{}` (or `{ }`) in a template.
    static func emptyInterpolation(at range: SourceRange) -> Diagnostic {
        .error(
            .E0039, "empty interpolation", at: range,
            help: "put an expression between the braces, or write `{{}}` for literal braces")
    }

    /// E0040: more than `maxTypeNesting` nested `list<…>`.
    static func typeNestedTooDeeply(at range: SourceRange) -> Diagnostic {
        .error(.E0040, "type is nested too deeply (the limit is \(maxTypeNesting) levels)", at: range)
    }
}
