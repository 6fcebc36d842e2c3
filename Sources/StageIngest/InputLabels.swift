import StageModel

/// The vCenter each labelled input root belongs to (`vc01=collected/vc01` on the command line,
/// report-semantics §1): a document under such a root without a `vcenter` annotation takes it.
public struct InputLabels: Sendable {
    /// (root as shown, vCenter); the longest root that holds a file wins.
    public private(set) var roots: [(root: String, vcenter: String)] = []

    public init() {}

    public var isEmpty: Bool { roots.isEmpty }

    public mutating func add(root: String, vcenter: String) {
        roots.append((root, vcenter))
        roots.sort { $0.root.utf8.count > $1.root.utf8.count }
    }

    /// The label of the root that holds `displayPath`, if any.
    public func vcenter(for displayPath: String) -> String? {
        for (root, vcenter) in roots where Self.holds(root, displayPath) { return vcenter }
        return nil
    }

    private static func holds(_ root: String, _ path: String) -> Bool {
        guard path.hasPrefix(root) else { return false }
        if path.utf8.count == root.utf8.count || root.hasSuffix("/") { return true }
        return path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: root.utf8.count)] == UInt8(ascii: "/")
    }
}
