// TEMPORARY: replaced by the real primitives on merge.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    var text: String
    public init?(_ text: String) { self.text = text }
    public var description: String { text }
    public static func < (a: IPAddress, b: IPAddress) -> Bool { a.text < b.text }
}
public struct CIDRError: Error, Sendable, Hashable { public var message: String }
public struct CIDR: Sendable, Hashable, Comparable, CustomStringConvertible {
    var text: String
    public init(parsing text: String, strict: Bool = true) throws(CIDRError) { self.text = text }
    public func contains(_ ip: IPAddress) -> Bool { false }
    public func contains(_ other: CIDR) -> Bool { other == self }
    public var description: String { text }
    public static func < (a: CIDR, b: CIDR) -> Bool { a.text < b.text }
}
public struct RegexPatternError: Error, Sendable, Hashable { public var offset: Int; public var length: Int; public var message: String }
public struct RegexPattern: Sendable {
    public let pattern: String
    public init(_ pattern: String) throws(RegexPatternError) { self.pattern = pattern }
    public func matches(_ text: String) -> Bool { text.contains(pattern) }
    public func matchesWhole(_ text: String) -> Bool { text == pattern }
}
public struct URLParts: Sendable, Hashable {
    public var scheme: String?
    public var host: String?
    public var port: Int?
    public var path: String
    public init?(_ text: String) { host = text; path = "" }
}
public enum Parser {
    public static func parse(_ file: SourceFile) -> (FileSyntax, [Diagnostic]) { (FileSyntax(path: file.path, declarations: []), []) }
}
