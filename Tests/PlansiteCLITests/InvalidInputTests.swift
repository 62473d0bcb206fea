import Foundation
import Testing

/// The bad-input corpus: each folder under Tests/Fixtures/invalid/ holds files that replace
/// those of the minimal site (Content/… or Templates/…) and `expected.txt`: the command to
/// run, then lines that must each appear in its diagnostics. Every case must fail with exit 1.
@Suite struct InvalidInputTests {
    static let corpus = CLI.fixtures.appendingPathComponent("invalid")
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func corpusIsNotEmpty() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func invalidInputIsReportedWithFileAndLine(_ name: String) throws {
        let dir = try CLI.workspace(name)
        let caseDir = Self.corpus.appendingPathComponent(name)
        let expected = CLI.read("expected.txt", in: caseDir).split(separator: "\n").map(String.init)
        let command = expected.first?.replacingOccurrences(of: "command: ", with: "") ?? "check"
        if command == "build" {
            // A previous good site exists; the failed build must leave it alone.
            #expect(try CLI.run(["build"], in: dir).status == 0)
        }
        try overlay(caseDir, onto: dir)
        let before = CLI.snapshot(dir.appendingPathComponent("Output"))
        let result = try CLI.run([command], in: dir)
        #expect(result.status == 1, "\(name): expected exit 1, got \(result.status)\n\(result.stderr)")
        for line in expected.dropFirst() where !line.isEmpty {
            #expect(result.stderr.contains(line), "\(name): missing '\(line)' in:\n\(result.stderr)")
        }
        // Diagnostics always carry a hint or say what is wrong in the compiler form.
        #expect(result.stderr.range(of: #":\d+:\d+: error: "#, options: .regularExpression) != nil)
        #expect(CLI.snapshot(dir.appendingPathComponent("Output")) == before)
    }

    func overlay(_ caseDir: URL, onto dir: URL) throws {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: caseDir.path) else { return }
        for case let path as String in enumerator where path != "expected.txt" {
            var isDirectory: ObjCBool = false
            let source = caseDir.appendingPathComponent(path)
            guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let target = dir.appendingPathComponent(path)
            try? fm.removeItem(at: target)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: source, to: target)
        }
    }

    @Test func hundredMegabyteFileIsRefusedNotRead() throws {
        let dir = try CLI.workspace()
        let path = dir.appendingPathComponent("Content/plans/demo-2020/plan.md")
        let handle = try FileHandle(forWritingTo: path)
        try handle.seekToEnd()
        let chunk = Data(String(repeating: "段落文字。\n", count: 100_000).utf8)
        for _ in 0..<(100_000_000 / chunk.count + 1) { handle.write(chunk) }
        try handle.close()
        let result = try CLI.run(["check"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/plans/demo-2020/plan.md:1:1: error: the file is"))
        #expect(result.stderr.contains("MB"))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let dir = try CLI.workspace()
        // An annotation in a chapter's introduction applies to no unit: a warning.
        let planPath = "Content/plans/demo-2020/plan.md"
        try CLI.write(CLI.read(planPath, in: dir).replacingOccurrences(
            of: "## 三、保障措施\n", with: "## 三、保障措施\n\n各部门落实。(责任单位:市委办)\n"), to: planPath, in: dir)
        let lax = try CLI.run(["check"], in: dir)
        #expect(lax.status == 0)
        #expect(lax.stderr.contains("warning: this annotation stands in a chapter's introduction"))
        #expect(try CLI.run(["check", "--strict"], in: dir).status == 1)
    }

    @Test func jsonDiagnosticsForCI() throws {
        let dir = try CLI.workspace()
        let planPath = "Content/plans/demo-2020/plan.md"
        try CLI.write(CLI.read(planPath, in: dir).replacingOccurrences(of: "公安局)", with: "公安厅)"), to: planPath, in: dir)
        let result = try CLI.run(["check", "--format", "json"], in: dir)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let items = object?["diagnostics"] as? [[String: Any]] ?? []
        let first = try #require(items.first)
        #expect(first["file"] as? String == "Content/plans/demo-2020/plan.md")
        #expect(first["code"] as? String == "unknown-department")
        #expect((first["line"] as? Int ?? 0) > 1)
        #expect(object?["errors"] as? Int == 1)
    }
}
