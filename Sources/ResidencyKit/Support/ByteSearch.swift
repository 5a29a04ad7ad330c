extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (the standard library's collection search): an
    /// import, a package or a name looked for in a file of code before anything is tokenised.
    func containsBytes(_ needle: some Collection<UInt8>) -> Bool {
        needle.isEmpty || firstRange(of: needle) != nil
    }
}
