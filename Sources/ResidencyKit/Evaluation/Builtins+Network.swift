/// Network and date built-ins.
extension Builtin {
    static let networkBuiltins: [Builtin] = [
        unary(
            "cidr", "cidr(text: string) -> cidr",
            "A CIDR range (`3.251.148.96/29`, or an address as /32 or /128). Host bits set (`10.0.0.1/8`) are never masked: a literal is an error before the run, a value read at run time is missing, like any unparsable one.",
            #"cidr("3.251.148.96/29") in w.allowlistedCidrs"#, [.string], .cidr,
            onString { s in
                (try? CIDR(parsing: s, strict: true)).map(Value.cidr) ?? .missing
            }),
        unary(
            "date", "date(text: string) -> date",
            "A date from `YYYY-MM-DD` text; missing when the text is not a real date. Literals need no call: `2025-04-03`.",
            #"date(ws.name) < 2025-04-03"#, [.string], .date, onString { .of(Day(iso: $0)) }),
        unary(
            "days", "days(n: int) -> duration",
            "A number of days, to add to or subtract from a date: `audit.date + days(30)`.",
            #"facts.vendors[d.vendor].dpaExpires >= audit.date + days(30)"#, [.int], .duration
        ) { v in
            if case .int(let n) = v { return .duration(n) }
            return .missing
        },
    ]
}
