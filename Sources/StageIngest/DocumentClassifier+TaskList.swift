import StageModel

/// Where a document's annotations (`vcenter`, `cluster`, `cluster_name`) are looked up: its own
/// object first, then the task list that holds it.
struct Annotations {
    var own: Int
    var list: Int?
}

/// One task of a task list: its id (the list's key), the task info, and the object that holds
/// the task's own annotations.
struct ListedTask {
    var id: String
    var task: Int
    var annotations: Int
}

extension DocumentClassifier {
    /// The tasks of a task list, in either form the task list call returns: an object keyed by
    /// task id (`/api`), or `{"value": [{"key": id, "value": task info}, …]}` (`/rest`). `nil`
    /// when the object is not a task list. Annotation members of the list are allowed beside
    /// the tasks.
    func taskList(_ tape: JSONTape, _ root: Int) -> [ListedTask]? {
        // Called only for an object that is neither a task info nor a StageResult.
        if let value = tape.member(root, "value"), tape.kind(value) == .array {
            var tasks: [ListedTask] = []
            for element in tape.elements(value) {
                guard let key = tape.member(element, "key").flatMap(tape.string),
                    let task = tape.member(element, "value"), isTaskInfo(tape, task)
                else { return nil }
                tasks.append(ListedTask(id: key, task: task, annotations: element))
            }
            return tasks.isEmpty ? nil : tasks
        }
        var tasks: [ListedTask] = []
        for (key, value) in tape.members(root) {
            guard let id = tape.string(key) else { return nil }
            if isTaskInfo(tape, value) {
                tasks.append(ListedTask(id: id, task: value, annotations: value))
            } else if !DocumentClassifier.annotationNames.contains(id) || tape.kind(value) != .string {
                return nil
            }
        }
        return tasks.isEmpty ? nil : tasks
    }

    static let annotationNames: Set<String> = ["vcenter", "cluster", "cluster_name"]
}
