extension Dictionary {
    /// The index of `key`, after inserting `make()` under it when it is missing. Callers change
    /// the value in place through `values[index]`: `self[key, default: …]` cost two heap
    /// allocations per call where the default captured a host, and reading `self[key]` to
    /// test for nil copies the value out first.
    mutating func slot(for key: Key, insertingIfMissing make: () -> Value) -> Index {
        if let index = index(forKey: key) { return index }
        self[key] = make()
        return index(forKey: key)!
    }
}
