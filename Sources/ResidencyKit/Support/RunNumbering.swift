/// Dense numbers (0, 1, 2, …) for keys met in runs, such as the policies or workspaces of a
/// document's results, which come grouped by both: a key is hashed only when it differs from
/// the one before, not for each of a night's 601,000 results.
struct RunNumbering {
    private var numbers: [String: Int] = [:]
    /// The keys in the order they were first met: key `n` is `keys[n]`.
    private(set) var keys: [String] = []
    private var last = ""
    private var current = -1

    /// The number of `key`, and whether this is its first time (then it is `keys.count - 1`).
    mutating func number(_ key: String) -> (number: Int, isNew: Bool) {
        if current >= 0 && key == last { return (current, false) }
        last = key
        if let known = numbers[key] {
            current = known
            return (known, false)
        }
        current = keys.count
        numbers[key] = current
        keys.append(key)
        return (current, true)
    }

    /// The number of a key met before, or nil.
    func known(_ key: String) -> Int? { numbers[key] }
}
