/// The layout of a file: declarations, `policy` and `permit` blocks and their clauses,
/// types, and texts made of adjacent string literals.
extension Layout {
    /// Something that sits on lines of its own at the top level or in a block: a
    /// declaration, a clause, or a comment.
    struct Item {
        var doc: Doc
        /// Whether an empty line comes before it.
        var blankBefore: Bool
    }

    /// Clauses whose keyword is padded so that their values start in one column: the ones
    /// that hold text, which is what runs long and continues on further lines. `for`,
    /// `where`, `require` and `expect` read as a sentence and keep one space.
    static let paddedClauses: Set<String> = ["severity", "rationale", "references", "message", "remediation", "permits", "basis"]

    /// The whole file: declarations in order, each preceded by its comments. A `policy` or
    /// `permit` block is always set off by an empty line; elsewhere the author's empty lines
    /// are kept, at most one in a row.
    mutating func file(_ syntax: FileSyntax) -> Doc {
        var items: [Item] = []
        var previousIsBlock = false
        for (n, declaration) in syntax.declarations.enumerated() {
            let start = declaration.range.start.offset
            var group = commentItems(before: start)
            group.append(Item(doc: self.declaration(declaration), blankBefore: blankLineBefore(start)))
            let isBlock: Bool
            switch declaration {
            case .policy, .permit: isBlock = true
            default: isBlock = false
            }
            if n > 0, isBlock || previousIsBlock { group[0].blankBefore = true }
            items += group
            previousIsBlock = isBlock
        }
        var tail = commentItems(before: Int.max)
        if previousIsBlock, !tail.isEmpty { tail[0].blankBefore = true }
        return lines(items + tail)
    }

    /// Items on lines of their own, with the empty lines they ask for.
    func lines(_ items: [Item]) -> Doc {
        var docs: [Doc] = []
        for (k, item) in items.enumerated() {
            if k > 0 { docs += item.blankBefore ? [.hardLine, .hardLine] : [.hardLine] }
            docs.append(item.doc)
        }
        return .concat(docs)
    }

    /// The comments not yet written that come before `offset`, as items.
    mutating func commentItems(before offset: Int) -> [Item] {
        var items: [Item] = []
        while nextComment < comments.count, comments[nextComment].start < offset {
            let comment = comments[nextComment]
            items.append(Item(doc: .text(comment.text), blankBefore: blankLineBefore(comment.start)))
            nextComment += 1
        }
        return items
    }

    private mutating func declaration(_ declaration: Declaration) -> Doc {
        let keyword = index(at: declaration.range.start.offset)!
        switch declaration {
        case .importFile(let d):
            return .concat([token(keyword), " ", strings(from: index(at: d.path.range.start.offset)!)])
        case .fact(let d):
            return .concat([token(keyword), " ", name(d.name), typeAnnotation(d.type, after: d.name)])
        case .record(let d):
            // One field to a line, without commas.
            let open = firstIndex(from: d.name.range.end.offset)
            let close = index(at: d.range.end.offset - 1)!
            var items: [Item] = []
            for field in d.fields {
                var group = commentItems(before: field.name.range.start.offset)
                group.append(
                    Item(
                        doc: .concat([name(field.name), typeAnnotation(field.type, after: field.name)]),
                        blankBefore: blankLineBefore(field.name.range.start.offset)))
                items += group
            }
            items += commentItems(before: tokens[close].start)
            let body: Doc = items.isEmpty ? .empty : .nest(2, .concat([.hardLine, lines(items)]))
            return .concat([token(keyword), " ", name(d.name), " ", token(open), body, .hardLine, token(close)])
        case .param(let d):
            let head: Doc = .concat([token(keyword), " ", name(d.name), typeAnnotation(d.type, after: d.name)])
            guard let value = d.defaultValue else { return head }
            return assignment(head, after: d.type.range.end.offset, value)
        case .constant(let d):
            let head: Doc = .concat([
                token(keyword), " ", name(d.name), d.type.map { typeAnnotation($0, after: d.name) } ?? .empty,
            ])
            return assignment(head, after: (d.type?.range ?? d.name.range).end.offset, d.value)
        case .define(let d):
            let open = firstIndex(from: d.name.range.end.offset)
            var head: [Doc] = [token(keyword), " ", name(d.name), token(open)]
            var parameters: [Doc] = []
            for (k, parameter) in d.parameters.enumerated() {
                var doc: [Doc] = [name(parameter.name), typeAnnotation(parameter.type, after: parameter.name)]
                if k < d.parameters.count - 1 { doc.append(punctuation(",", after: parameter.type.range.end.offset)) }
                parameters.append(.concat(doc))
            }
            let afterParameters = d.parameters.last?.type.range.end.offset ?? tokens[open].end
            var close = firstIndex(from: afterParameters)
            if tokens[close].kind == .comma { close += 1 }
            head += [.align(.join(parameters, .line)), closing(")", after: afterParameters)]
            var end = tokens[close].end
            if let type = d.returnType {
                head += [punctuation(":", after: end), " ", self.type(type)]
                end = type.range.end.offset
            }
            return assignment(.group(.concat(head)), after: end, d.body)
        case .policy(let d):
            return block(declaration, keyword: keyword, condition: d.condition, requirement: d.requirement) {
                switch $0 {
                case "message": d.message
                case "remediation": d.remediation
                default: nil
                }
            }
        case .permit(let d):
            return block(declaration, keyword: keyword, condition: d.condition, requirement: nil) { _ in d.basis }
        }
    }

    /// `head = value`: on one line when it fits, otherwise the value on the next line,
    /// indented one step, wrapped further there if it must be.
    private mutating func assignment(_ head: Doc, after offset: Int, _ value: Expr) -> Doc {
        let equals = punctuation("=", after: offset)
        return .group(.concat([head, " ", equals, .nest(2, .concat([.line, expression(value)]))]))
    }

    private mutating func name(_ identifier: Identifier) -> Doc {
        guard let i = index(at: identifier.range.start.offset) else { return .text(identifier.name) }
        return token(i)
    }

    /// `: type`, the colon looked up after `name`.
    private mutating func typeAnnotation(_ type: TypeSyntax, after name: Identifier) -> Doc {
        .concat([punctuation(":", after: name.range.end.offset), " ", self.type(type)])
    }

    private mutating func type(_ type: TypeSyntax) -> Doc {
        switch type {
        case .named(let id):
            return name(id)
        case .list(let element, let range), .map(let element, let range):
            let start = range.start.offset
            let word: String = if case .map = type { "map" } else { "list" }
            return .concat([
                punctuation(word, at: start), punctuation("<", after: start + word.count), self.type(element),
                punctuation(">", at: range.end.offset - 1),
            ])
        }
    }

    /// The closing `)` or `]` after `offset`; a trailing comma before it is dropped.
    mutating func closing(_ text: String, after offset: Int) -> Doc {
        guard !inInterpolation else { return .text(text) }
        let i = firstIndex(from: offset)
        guard i < tokens.count, tokens[i].kind == .comma else { return punctuation(text, after: offset) }
        return .concat([skip(i), punctuation(text, after: tokens[i].end)])
    }

    /// Adjacent string literals from token `i` on: each on a line of its own, aligned
    /// under the first. They are split where the author split them, and each is written
    /// exactly as the author wrote it, so no text is ever re-wrapped or re-escaped.
    mutating func strings(from i: Int, template: Template? = nil) -> Doc {
        var expressions = (template?.expressions ?? []).makeIterator()
        var docs: [Doc] = []
        var j = i
        while j < tokens.count, tokens[j].kind == .string {
            docs.append(template == nil ? token(j) : token(j, as: templateText(tokens[j], &expressions)))
            j += 1
        }
        return docs.count == 1 ? docs[0] : .align(.join(docs, .hardLine))
    }

    /// A template literal with each `{…}` interpolation printed as an expression in the
    /// canonical layout; everything else as written. An interpolation with a `#` in it is
    /// left alone: the `#` may begin a comment that the expression does not hold.
    private mutating func templateText(_ token: Token, _ expressions: inout IndexingIterator<[Expr]>) -> String {
        var text = ""
        var cursor = token.start
        for case .interpolation(let start, let end) in token.literal?.parts ?? [] {
            guard let expr = expressions.next() else { break }
            let written = raw(start, end)
            text += raw(cursor, start) + (written.contains("#") ? written : interpolation(expr))
            cursor = end
        }
        return text + raw(cursor, token.end)
    }

    // MARK: - Blocks

    /// `policy ID "title" { clauses }` or the same for `permit`: one clause per line in the
    /// author's order, the keywords of text clauses padded to one width.
    private mutating func block(
        _ declaration: Declaration, keyword: Int, condition: Expr?, requirement: Expr?, template: (String) -> Template?
    ) -> Doc {
        let close = index(at: declaration.range.end.offset - 1)!
        var open = keyword + 2
        while tokens[open].kind != .lbrace { open += 1 }
        let keywords = clauseKeywords(from: open + 1, to: close)
        let pad = keywords.map { tokens[$0].text }.filter { Self.paddedClauses.contains($0) }.map(\.count).max() ?? 0
        var head: [Doc] = [token(keyword), " ", token(keyword + 1)]
        if open > keyword + 2 { head += [" ", strings(from: keyword + 2)] }
        head += [" ", token(open)]

        var items: [Item] = []
        for k in keywords {
            let start = tokens[k].start
            var group = commentItems(before: start)
            let doc = clause(k, pad: pad, condition: condition, requirement: requirement, template: template)
            group.append(Item(doc: doc, blankBefore: blankLineBefore(start)))
            items += group
        }
        items += commentItems(before: tokens[close].start)
        let body: Doc = items.isEmpty ? .empty : .nest(2, .concat([.hardLine, lines(items)]))
        return .concat(head + [body, .hardLine, token(close)])
    }

    /// The clause whose keyword is token `k`, the keyword padded to `pad` if it is one of
    /// the padded ones.
    private mutating func clause(
        _ k: Int, pad: Int, condition: Expr?, requirement: Expr?, template: (String) -> Template?
    ) -> Doc {
        let word = tokens[k].text
        let keyword = token(k)
        guard Self.paddedClauses.contains(word) else {
            return .concat([keyword, " ", value(word, at: k, condition: condition, requirement: requirement)])
        }
        let gap = Doc.text(String(repeating: " ", count: pad - word.count + 1))
        let value: Doc
        switch word {
        case "message", "remediation", "basis": value = strings(from: k + 1, template: template(word))
        default: value = self.value(word, at: k, condition: nil, requirement: nil)
        }
        return .concat([keyword, gap, .align(value)])
    }

    /// The value of the clause whose keyword is token `k` (all but templates).
    private mutating func value(_ word: String, at k: Int, condition: Expr?, requirement: Expr?) -> Doc {
        switch word {
        case "where": return condition.map { expression($0) } ?? .empty
        case "require": return requirement.map { expression($0) } ?? .empty
        case "for": return .concat([token(k + 1), " ", token(k + 2)])
        case "references": return references(at: k + 1)
        case "rationale": return strings(from: k + 1)
        case "permits":
            var docs: [Doc] = [token(k + 1)]
            var j = k + 2
            while j + 1 < tokens.count, tokens[j].kind == .comma {
                docs += [token(j), " ", token(j + 1)]
                j += 2
            }
            return .concat(docs)
        default: return token(k + 1)  // severity, expect
        }
    }

    /// `["a", "b", …]`: as many strings on a line as fit, further lines aligned after `[`.
    private mutating func references(at open: Int) -> Doc {
        let openDoc = token(open)
        var items: [Doc] = []
        var j = open + 1
        while tokens[j].kind == .string {
            var item = [token(j)]
            j += 1
            if tokens[j].kind == .comma {
                item.append(tokens[j + 1].kind == .rbracket ? skip(j) : token(j))
                j += 1
            }
            items.append(.concat(item))
        }
        return .concat([openDoc, .align(.concat([.fill(fillParts(items)[...]), token(j)]))])
    }

    /// The tokens that begin the clauses of a block: clause words outside any bracket that
    /// do not follow a `.` (the rules by which the parser ends one clause at the next).
    private func clauseKeywords(from start: Int, to end: Int) -> [Int] {
        var found: [Int] = []
        var depth = 0
        for i in start..<end {
            switch tokens[i].kind {
            case .lparen, .lbracket: depth += 1
            case .rparen, .rbracket: depth -= 1
            case .identifier where depth == 0 && Parser.clauseKeywords.contains(tokens[i].text) && tokens[i - 1].kind != .dot:
                found.append(i)
            default: break
            }
        }
        return found
    }
}
