import Foundation
import Testing

/// Pages of the minimal fixture site compared byte for byte with stored snapshots in
/// Tests/Fixtures/snapshots/minimal/. After an intended change, re-record with
/// `PLANSITE_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests` and review the diff.
@Suite struct SnapshotTests {
    static let snapshots = CLI.fixtures.appendingPathComponent("snapshots/minimal")
    static let files = ["index.html", "plans/demo-2020.html", "indicators/demo-2020/pm25.html",
                        "departments/demo/sthj.html", "progress.html", "progress/demo-2020.html", "indicators/index.html", "data/tasks/demo-2020.csv", "data/indicators.csv"]

    @Test(arguments: files)
    func pageMatchesSnapshot(_ file: String) throws {
        let dir = try CLI.workspace(file)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let actual = try Data(contentsOf: dir.appendingPathComponent("Output/\(file)"))
        let stored = Self.snapshots.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["PLANSITE_RECORD_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: stored.path) {
            try FileManager.default.createDirectory(at: stored.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: stored)
            Issue.record("recorded a new snapshot of \(file); review it and run the tests again")
            return
        }
        let expected = try Data(contentsOf: stored)
        if actual != expected {
            let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("\(file) differs from its snapshot at line \(line + 1):\n  expected: \(line < e.count ? String(e[line]) : "<end>")\n  actual:   \(line < a.count ? String(a[line]) : "<end>")")
        }
    }
}
