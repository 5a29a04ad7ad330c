/// Declarations, blocks, clauses, texts and types.
extension Parser.State {
    /// `file = { declaration }`.
    mutating func parseFile() -> [Declaration] {
        var declarations: [Declaration] = []
        while !at(.eof) {
            if current.kind == .identifier, Parser.declarationKeywords.contains(current.text) {
                declarations.append(parseDeclaration())
                if panicking { synchronize(inBlock: false) }
            } else {
                fail(.expectedDeclaration(found: describe(current), at: range(of: current), help: declarationHelp(current)))
                advance()
                synchronize(inBlock: false)
            }
        }
        return declarations
    }

    private func declarationHelp(_ token: Token) -> String? {
        if token.kind == .rbrace { return "this `}` closes no block" }
        guard token.kind == .identifier else { return nil }
        if Parser.clauseKeywords.contains(token.text) {
            return "`\(token.text)` is a clause; clauses go inside a policy or permit block"
        }
        return Suggestions.didYouMean(token.text, in: Parser.declarationKeywords)
    }

    private mutating func parseDeclaration() -> Declaration {
        switch current.text {
        case "import": parseImport()
        case "param": parseParam()
        case "let": parseLet()
        case "define": parseDefine()
        case "policy": parseBlockDeclaration(.policy)
        case "record": parseRecord()
        case "fact": parseFact()
        default: parseBlockDeclaration(.permit)
        }
    }

    /// `record IDENT "{" { IDENT ":" type [ "," ] } "}"`
    private mutating func parseRecord() -> Declaration {
        let keyword = advance()
        let name = expectName("a record name", after: "`record`", example: "record Vendor { dpaExpires: date }")
        var fields: [RecordDecl.Field] = []
        if expect(
            .lbrace,
            .expectedToken(
                "`{`", "after `record \(name.name)`", found: describe(current), at: range(of: current),
                help: "a record lists its fields: `record \(name.name) { dpaExpires: date }`")) != nil
        {
            while !at(.rbrace), !at(.eof) {
                let field = expectName("a field name", after: "`{`", example: "dpaExpires: date")
                guard !panicking else { break }
                expect(
                    .colon,
                    .expectedToken(
                        "`:` and a type", "after field `\(field.name)`", found: describe(current), at: range(of: current)))
                fields.append(RecordDecl.Field(name: field, type: parseType(after: "`:`")))
                guard !panicking else { break }
                if at(.comma) { advance() }
            }
            expect(
                .rbrace,
                .expectedToken("`}`", "to close `record \(name.name)`", found: describe(current), at: range(of: current)))
        }
        return .record(RecordDecl(name: name, fields: fields, range: range(keyword.start, previousEnd)))
    }

    /// `fact IDENT ":" type`
    private mutating func parseFact() -> Declaration {
        let keyword = advance()
        let (name, type) = parseTypedName("fact", "a fact name", example: "fact vendors: map<Vendor>", typeExample: "list<string>")
        return .fact(FactDecl(name: name, type: type, range: range(keyword.start, previousEnd)))
    }

    /// `IDENT ":" type` after the keyword of a `param` or `fact`.
    private mutating func parseTypedName(
        _ keyword: String, _ what: String, example: String, typeExample: String
    ) -> (Identifier, TypeSyntax) {
        let name = expectName(what, after: "`\(keyword)`", example: example)
        expect(
            .colon,
            .expectedToken(
                "`:`", "after `\(keyword) \(name.name)`", found: describe(current), at: range(of: current),
                help: "a \(keyword) declares its type, e.g. `\(keyword) \(name.name): \(typeExample)`"))
        return (name, parseType(after: "`:`"))
    }

    /// `import STRING`
    private mutating func parseImport() -> Declaration {
        let keyword = advance()
        let path: TextLiteral
        if at(.string) {
            path = textLiteral(advance())
        } else {
            fail(
                .expectedString(
                    "a file path", after: "`import`", found: describe(current), at: range(of: current),
                    example: "import \"helpers.policy\""))
            path = TextLiteral("", range(previousEnd, previousEnd))
        }
        return .importFile(ImportDecl(path: path, range: range(keyword.start, previousEnd)))
    }

    /// `param IDENT ":" type [ "=" expr ]`
    private mutating func parseParam() -> Declaration {
        let keyword = advance()
        let (name, type) = parseTypedName(
            "param", "a parameter name", example: "param regions: list<string> = [\"eu\"]", typeExample: "string")
        var defaultValue: Expr?
        if at(.assign) {
            advance()
            defaultValue = parseExpression().expr
        }
        return .param(ParamDecl(name: name, type: type, defaultValue: defaultValue, range: range(keyword.start, previousEnd)))
    }

    /// `let IDENT [ ":" type ] "=" expr`
    private mutating func parseLet() -> Declaration {
        let keyword = advance()
        let name = expectName("a name", after: "`let`", example: "let euRegions = [\"eu-west\", \"eu-central\"]")
        var type: TypeSyntax?
        if at(.colon) {
            advance()
            type = parseType(after: "`:`")
        }
        expect(.assign, .expectedToken("`=`", "after `let \(name.name)`", found: describe(current), at: range(of: current)))
        let value = parseExpression().expr
        return .constant(LetDecl(name: name, type: type, value: value, range: range(keyword.start, previousEnd)))
    }

    /// `define IDENT "(" [ parameter { "," parameter } ] ")" [ ":" type ] "=" expr`
    private mutating func parseDefine() -> Declaration {
        let keyword = advance()
        let name = expectName("a name", after: "`define`", example: "define isEU(r: string): bool = r.startsWith(\"eu\")")
        let label = "`define \(name.name)`"
        var parameters: [DefineDecl.Parameter] = []
        if expect(
            .lparen,
            .expectedToken(
                "`(`", "after \(label)", found: describe(current), at: range(of: current),
                help: "a define lists its parameters, even none: `define \(name.name)() = …`")) != nil
        {
            while !at(.rparen) {
                let parameter = expectName("a parameter name", after: previous.map { "`\($0.text)`" } ?? label)
                expect(
                    .colon,
                    .expectedToken(
                        "`:` and a type", "after parameter `\(parameter.name)`", found: describe(current),
                        at: range(of: current)))
                parameters.append(DefineDecl.Parameter(name: parameter, type: parseType(after: "`:`")))
                if at(.comma) { advance() } else { break }
            }
            expect(
                .rparen,
                .expectedToken(
                    "`,` or `)`", "in the parameters of \(label)", found: describe(current),
                    at: range(of: current)))
        }
        var returnType: TypeSyntax?
        if at(.colon) {
            advance()
            returnType = parseType(after: "`:`")
        }
        expect(.assign, .expectedToken("`=`", "before the body of \(label)", found: describe(current), at: range(of: current)))
        let body = parseExpression().expr
        return .define(
            DefineDecl(
                name: name, parameters: parameters, returnType: returnType, body: body,
                range: range(keyword.start, previousEnd)))
    }

    /// `type = ( "list" | "map" ) "<" type ">" | IDENT`, read iteratively so that no input
    /// can make it recurse; the depth is limited because `TypeSyntax` is itself a recursive value.
    mutating func parseType(after: String) -> TypeSyntax {
        var opens: [(start: Int, map: Bool)] = []
        while atWord("list") || atWord("map"), peek().kind == .lt {
            if opens.count == Diagnostic.maxTypeNesting {
                fail(.typeNestedTooDeeply(at: range(of: current)))
                break
            }
            let word = advance()
            opens.append((word.start, word.text == "map"))
            advance()
        }
        var type: TypeSyntax
        let token = current
        if token.kind == .identifier, !atStopWord {
            advance()
            checkNotReserved(token)
            type = .named(Identifier(token.text, range(of: token)))
        } else {
            let opened = opens.last.map { $0.map ? "`map<`" : "`list<`" }
            fail(.expectedType(after: opened ?? after, found: describe(token), at: range(of: token)))
            type = .named(Identifier("", range(previousEnd, previousEnd)))
        }
        for open in opens.reversed() {
            splitGreaterEqual()
            let closed: Int
            if at(.gt) {
                closed = advance().end
            } else {
                fail(
                    .expectedToken(
                        "`>`", "to close `\(open.map ? "map" : "list")<`", found: describe(current), at: range(of: current)))
                closed = previousEnd
            }
            type = open.map ? .map(type, range(open.start, closed)) : .list(type, range(open.start, closed))
        }
        return type
    }

    /// `list<int>= [1]` lexes as `>=`; inside a type it means `>` then `=`.
    private mutating func splitGreaterEqual() {
        guard at(.ge) else { return }
        let t = current
        tokens[index] = Token(kind: .gt, start: t.start, end: t.start + 1, text: ">")
        tokens.insert(Token(kind: .assign, start: t.start + 1, end: t.end, text: "="), at: index + 1)
    }

    // MARK: - Texts

    /// One string as plain text; an interpolation in it is an error.
    mutating func textLiteral(_ token: Token) -> TextLiteral {
        let literal = token.literal ?? StringLiteral(parts: [])
        checkNoInterpolation(literal)
        return TextLiteral(literal.plainText, range(of: token))
    }

    private mutating func checkNoInterpolation(_ literal: StringLiteral) {
        for case .interpolation(let start, let end) in literal.parts {
            emit(.interpolationNotAllowed(at: range(start - 1, end + 1)))
            return
        }
    }

    /// `text = STRING { STRING }`: adjacent strings joined, no interpolation.
    mutating func parseText(_ what: String, after: String, example: String? = nil) -> TextLiteral? {
        guard at(.string) else {
            fail(.expectedString(what, after: after, found: describe(current), at: range(of: current), example: example))
            return nil
        }
        let start = current.start
        var value = ""
        while at(.string) {
            let literal = advance().literal ?? StringLiteral(parts: [])
            checkNoInterpolation(literal)
            value += literal.plainText
        }
        return TextLiteral(value, range(start, previousEnd))
    }

    /// `template = STRING { STRING }`: adjacent strings joined; each `{…}` is parsed as
    /// one expression, lexed in place so its positions are true.
    mutating func parseTemplate(after: String) -> Template? {
        guard at(.string) else {
            fail(
                .expectedString(
                    "a string", after: after, found: describe(current), at: range(of: current),
                    example: "\(after.dropFirst().dropLast()) \"{d.name} sends data outside the EU\""))
            return nil
        }
        let start = current.start
        var parts: [Template.Part] = []
        while at(.string) {
            for part in advance().literal?.parts ?? [] {
                switch part {
                case .text(let text):
                    if case .text(let before)? = parts.last {
                        parts[parts.count - 1] = .text(before + text)
                    } else {
                        parts.append(.text(text))
                    }
                case .interpolation(let s, let e):
                    parts.append(.expression(parseInterpolation(s, e)))
                }
            }
        }
        return Template(parts: parts, range: range(start, previousEnd))
    }

    private mutating func parseInterpolation(_ start: Int, _ end: Int) -> Expr {
        var sub = Parser.State(
            file: file, locator: locator, lexer: Lexer(file: file, start: start, end: end),
            inInterpolation: true)
        sub.stopWords = []
        let expr: Expr
        if sub.at(.eof) {
            sub.emit(.emptyInterpolation(at: range(start - 1, end + 1)))
            expr = Expr(.invalid, range(start, end))
        } else {
            expr = sub.parseExpression().expr
            if !sub.at(.eof) {
                sub.fail(.extraTokensInInterpolation(found: sub.describe(sub.current), at: sub.range(of: sub.current)))
            }
        }
        diagnostics.append(contentsOf: sub.diagnostics)
        return expr
    }
}
