import Foundation
import Testing
import TestHelpers

@Suite("Reports/ is what `stage-report report` writes for the built-in sample fleet")
struct CommittedReportsTests {
    @Test("Regenerating the sample reports gives the committed files byte for byte")
    func committedReportsAreCurrent() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report", "--out", tmp.url.path], currentDirectory: CLIRunner.repositoryRoot)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let reports = CLIRunner.repositoryRoot.appendingPathComponent("Reports")
        let fm = FileManager.default
        let produced = try relativeFiles(under: tmp.url)
        #expect(!produced.isEmpty)
        for name in produced {
            let committed = reports.appendingPathComponent(name)
            #expect(
                fm.fileExists(atPath: committed.path),
                "Reports/\(name) is missing: run `swift run -c release stage-report report`")
            if fm.fileExists(atPath: committed.path) {
                #expect(
                    try Data(contentsOf: committed) == Data(contentsOf: tmp.url.appendingPathComponent(name)),
                    "Reports/\(name) is stale: run `swift run -c release stage-report report`")
            }
        }
        // Nothing generated may linger in Reports/ once the tool stops writing it (the screenshot is not generated).
        for name in try relativeFiles(under: reports) where !name.hasSuffix(".png") {
            #expect(produced.contains(name), "Reports/\(name) is no longer written by the tool")
        }
    }

    private func relativeFiles(under root: URL) throws -> [String] {
        let rootPath = root.resolvingSymlinksInPath().path
        guard let e = FileManager.default.enumerator(atPath: rootPath) else { return [] }
        var files: [String] = []
        while let name = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: rootPath + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                files.append(name)
            }
        }
        return files.sorted()
    }
}
