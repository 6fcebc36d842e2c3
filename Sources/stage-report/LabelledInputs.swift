import ArgumentParser
import Foundation
import StageIngest

/// `vc01=collected/vc01`: an input labelled with the vCenter its documents come from
/// (report-semantics §1). A path that exists as written stays a path, `=` and all; so does
/// `-` and anything without `=` or with an empty side.
enum LabelledInputs {
    /// The label and the path of one argument, `nil` label when it has none.
    static func split(_ argument: String, exists: (String) -> Bool = Self.exists) -> (vcenter: String?, path: String) {
        guard argument != "-", !exists(argument), let eq = argument.firstIndex(of: "=") else { return (nil, argument) }
        let label = String(argument[..<eq]), path = String(argument[argument.index(after: eq)...])
        guard !label.isEmpty, !path.isEmpty else { return (nil, argument) }
        return (label, path)
    }

    /// The paths to read, and the labels of the labelled ones.
    static func resolve(_ arguments: [String]) -> (paths: [String], labels: InputLabels) {
        var labels = InputLabels()
        var paths: [String] = []
        for argument in arguments {
            let (vcenter, path) = split(argument)
            paths.append(path)
            if let vcenter { labels.add(root: path, vcenter: vcenter) }
        }
        return (paths, labels)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
