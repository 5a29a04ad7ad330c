/// `policy` and `permit` blocks and their clauses.
extension Parser.State {
    /// The two kinds of block; they share most clauses.
    enum BlockKind: String {
        case policy, permit

        var clauses: [String] {
            switch self {
            case .policy: ["severity", "rationale", "references", "for", "where", "require", "message", "remediation", "expect"]
            case .permit: ["permits", "rationale", "references", "for", "where", "basis"]
            }
        }

        var other: BlockKind { self == .policy ? .permit : .policy }
    }

    /// Every clause either block can hold; `parseBlockDeclaration` keeps those of its kind.
    struct Clauses {
        var severity: Identifier?
        var rationale: TextLiteral?
        var references: [TextLiteral]?
        var subject: Subject?
        var condition: Expr?
        var requirement: Expr?
        var message: Template?
        var remediation: Template?
        var expectSome: SourceRange?
        var permits: [Identifier] = []
        var basis: Template?
    }

    /// `policy IDENT text "{" { policy_clause } "}"` and the same for `permit`.
    mutating func parseBlockDeclaration(_ kind: BlockKind) -> Declaration {
        let keyword = advance()
        let id = expectName(
            "a \(kind.rawValue) id", after: "`\(kind.rawValue)`",
            example: "\(kind.rawValue) RES-001 \"Title\" { … }")
        let label = id.name.isEmpty ? "this \(kind.rawValue)" : "\(kind.rawValue) \(id.name)"
        let title = parseText("a title string", after: "`\(label)`", example: "\(label) \"EU data never leaves the EU\" { … }")
        var clauses = Clauses()
        if !at(.lbrace) {
            fail(.expectedToken("`{`", "to open \(label)", found: describe(current), at: range(of: current)))
            // Find the block anyway, so that the mistakes inside it are reported too.
            while !at(.eof), !at(.lbrace), !atStopWord { advance() }
        }
        if at(.lbrace) {
            panicking = false
            clauses = parseBlock(kind, label: label, open: advance())
        }
        let whole = range(keyword.start, previousEnd)
        let titleText = title ?? TextLiteral("", range(id.range.end.offset, id.range.end.offset))
        switch kind {
        case .policy:
            var decl = PolicyDecl(id: id, title: titleText, range: whole)
            decl.severity = clauses.severity
            decl.rationale = clauses.rationale
            decl.references = clauses.references
            decl.subject = clauses.subject
            decl.condition = clauses.condition
            decl.requirement = clauses.requirement
            decl.message = clauses.message
            decl.remediation = clauses.remediation
            decl.expectSome = clauses.expectSome
            return .policy(decl)
        case .permit:
            var decl = PermitDecl(id: id, title: titleText, range: whole)
            decl.permits = clauses.permits
            decl.rationale = clauses.rationale
            decl.references = clauses.references
            decl.subject = clauses.subject
            decl.condition = clauses.condition
            decl.basis = clauses.basis
            return .permit(decl)
        }
    }

    /// The clauses up to and including the closing `}`.
    private mutating func parseBlock(_ kind: BlockKind, label: String, open: Token) -> Clauses {
        stopWords = Parser.declarationKeywords.union(Parser.clauseKeywords)
        defer { stopWords = Parser.declarationKeywords }
        var clauses = Clauses()
        var seen: [String: SourceRange] = [:]
        while true {
            if panicking { synchronize(inBlock: true) }
            let token = current
            if token.kind == .rbrace {
                advance()
                return clauses
            }
            if token.kind == .eof {
                // Point at the brace that is never closed: the end of the file says nothing
                // about where the `}` went missing.
                emit(
                    Diagnostic.unclosedBlock(label, found: describe(token), at: range(of: open))
                        .noting("the file ends here", at: range(token.start, token.end)))
                return clauses
            }
            if token.kind == .identifier, Parser.clauseKeywords.contains(token.text) {
                parseClause(kind, label: label, into: &clauses, seen: &seen)
            } else if token.kind == .identifier, Parser.declarationKeywords.contains(token.text) {
                // A new declaration: most likely this block's `}` is missing. End the block
                // here so that the next declaration is parsed normally.
                emit(
                    Diagnostic.unclosedBlock(label, found: describe(token), at: range(of: token))
                        .noting("\(label) opens here", at: range(of: open)))
                return clauses
            } else {
                let help =
                    token.kind == .identifier
                    ? Suggestions.didYouMean(token.text, in: Parser.clauseKeywords)
                        ?? "the clauses of a \(kind.rawValue) are \(kind.clauses.joined(separator: ", "))"
                    : nil
                fail(.expectedClause(in: label, found: describe(token), at: range(of: token), help: help))
            }
        }
    }

    private mutating func parseClause(
        _ kind: BlockKind, label: String, into clauses: inout Clauses, seen: inout [String: SourceRange]
    ) {
        let keyword = advance()
        let name = keyword.text
        let after = "`\(name)`"
        // A misplaced or repeated clause is still parsed, so that the parser stays in step
        // and reports only that, but its value is not kept.
        var keep = true
        if !kind.clauses.contains(name) {
            emit(
                .clauseNotAllowed(
                    name, in: kind.rawValue, at: range(of: keyword),
                    help: "`\(name)` belongs in a \(kind.other.rawValue)"))
            keep = false
        } else if let first = seen[name] {
            emit(.duplicateClause(name, in: label, at: range(of: keyword), first: first))
            keep = false
        } else {
            seen[name] = range(of: keyword)
        }
        switch name {
        case "severity":
            let level = expectName("a severity", after: after, example: "severity error")
            if keep { clauses.severity = level }
        case "rationale":
            let text = parseText("a string", after: after, example: "rationale \"GDPR Art. 44 restricts transfers.\"")
            if keep { clauses.rationale = text }
        case "references":
            let list = parseReferences()
            if keep { clauses.references = list }
        case "for":
            let subject = parseSubject(keyword)
            if keep { clauses.subject = subject }
        case "where":
            let condition = parseExpression().expr
            if keep { clauses.condition = condition }
        case "require":
            let requirement = parseExpression().expr
            if keep { clauses.requirement = requirement }
        case "message":
            let template = parseTemplate(after: after)
            if keep { clauses.message = template }
        case "remediation":
            let template = parseTemplate(after: after)
            if keep { clauses.remediation = template }
        case "basis":
            let template = parseTemplate(after: after)
            if keep { clauses.basis = template }
        case "expect":
            if atWord("some") {
                let some = advance()
                if keep { clauses.expectSome = range(keyword.start, some.end) }
            } else {
                fail(.expectedSomeAfterExpect(found: describe(current), at: range(of: current)))
            }
        default:  // "permits"
            var ids: [Identifier] = []
            var id = expectName("a policy id", after: after, example: "permits RES-001, RES-002")
            while !id.name.isEmpty {
                ids.append(id)
                guard at(.comma) else { break }
                advance()
                id = expectName("a policy id", after: "`,`")
            }
            if keep { clauses.permits = ids }
        }
    }

    /// `text_list = "[" [ STRING { "," STRING } [ "," ] ] "]"`
    private mutating func parseReferences() -> [TextLiteral]? {
        guard
            expect(
                .lbracket,
                .expectedToken(
                    "`[`", "after `references`", found: describe(current), at: range(of: current),
                    help: "references are a list of strings: `references [\"GDPR Art. 44\"]`")) != nil
        else { return nil }
        var items: [TextLiteral] = []
        while !at(.rbracket) {
            guard at(.string) else {
                fail(
                    .expectedString(
                        "a string or `]`", after: previous.map { "`\($0.text)`" } ?? "`[`",
                        found: describe(current), at: range(of: current)))
                return items
            }
            items.append(textLiteral(advance()))
            if at(.comma) { advance() } else { break }
        }
        expect(
            .rbracket, .expectedToken("`,` or `]`", "in the references list", found: describe(current), at: range(of: current)))
        return items
    }

    /// `"for" IDENT IDENT`
    private mutating func parseSubject(_ keyword: Token) -> Subject? {
        let kindToken = current
        guard kindToken.kind == .identifier, !atStopWord else {
            fail(.malformedSubject(found: describe(kindToken), at: range(of: kindToken)))
            return nil
        }
        advance()
        let variableToken = current
        guard variableToken.kind == .identifier, !atStopWord else {
            fail(.malformedSubject(found: describe(variableToken), at: range(of: variableToken)))
            return nil
        }
        advance()
        checkNotReserved(kindToken)
        checkNotReserved(variableToken)
        return Subject(
            kind: Identifier(kindToken.text, range(of: kindToken)),
            variable: Identifier(variableToken.text, range(of: variableToken)),
            range: range(keyword.start, variableToken.end))
    }
}
