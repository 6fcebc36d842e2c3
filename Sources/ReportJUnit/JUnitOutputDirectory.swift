import Files

/// The directories the renderer writes into, created when missing.
enum JUnitOutputDirectory {
    /// `directory/name`, without doubling a trailing slash.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates `path` and its missing parents, following symbolic links (the user chose it).
    static func create(_ path: String) throws(FileError) {
        do { try Directories.create(path) } catch {
            throw FileError(
                path: error.path,
                reason: error.problem == .notADirectory
                    ? "exists and is not a directory" : "cannot create directory: " + error.reason)
        }
    }

    /// Creates `path`, a directory the renderer owns (`DIR/junit`), refusing a symbolic link.
    static func createOwned(_ path: String) throws(FileError) {
        do { try Directories.createRefusingLink(path) } catch {
            throw FileError(
                path: error.path,
                reason: error.problem == .notADirectory
                    ? "exists and is not a directory (symbolic links are refused)"
                    : "cannot create directory: " + error.reason)
        }
    }
}
