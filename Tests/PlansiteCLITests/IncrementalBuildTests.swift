import Foundation
import Pipeline
import Testing

/// `plansite build` after an earlier build: nothing to do when nothing changed, only the
/// changed files written otherwise, and always the same bytes as a full build.
@Suite struct IncrementalBuildTests {
    static func stamps(_ dir: URL) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: dir.path) else { return result }
        for case let path as String in enumerator {
            var st = stat()
            guard lstat(dir.appendingPathComponent(path).path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            result[path] = [Int(st.st_ino), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
        }
        return result
    }

    @Test func timingsPrintEveryStageOnlyWhenAsked() throws {
        let dir = try CLI.workspace()
        let plain = try CLI.run(["build"], in: dir)
        #expect(plain.status == 0)
        #expect(!plain.stderr.contains("read and link"), "\(plain.stderr)")
        let timed = try CLI.run(["build", "--full", "--timings"], in: dir)
        #expect(timed.status == 0)
        let lines = timed.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("stage") && $0.contains("seconds") && $0.contains("peak MB") }, "\(timed.stderr)")
        for stage in ["scan inputs", "read and link", "templates", "evaluate", "render and write", "swap in, manifest"] {
            let line = try #require(lines.first { $0.hasPrefix(stage) }, "\(stage) missing: \(timed.stderr)")
            // seconds, RSS MB and peak MB as numbers (Linux has /proc/self/status)
            let numbers = line.dropFirst(stage.count).split(separator: " ").compactMap { Double($0) }
            #expect(numbers.count == 3, "\(line)")
            #expect(numbers.allSatisfy { $0 >= 0 } && numbers[2] >= numbers[1] && numbers[2] > 0, "\(line)")
        }
        // Up to date: the check of the output is the only stage after the scan.
        let again = try CLI.run(["build", "--timings"], in: dir)
        #expect(again.stderr.contains("check output") && !again.stderr.contains("read and link"), "\(again.stderr)")
    }

    @Test func nothingChangedLeavesOutputUntouched() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".Output.plansite-manifest").path))
        let before = Self.stamps(dir.appendingPathComponent("Output"))
        let again = try CLI.run(["build"], in: dir)
        #expect(again.status == 0)
        #expect(again.stderr.contains("build: up to date (20 pages, 44 files"), "\(again.stderr)")
        // Not one file was written or replaced: same inodes and modification times.
        #expect(Self.stamps(dir.appendingPathComponent("Output")) == before)
        #expect(before.count == 44)
    }

    @Test func oneChangedPlanGivesTheBytesOfAFullBuildAndWritesOnlyWhatChanged() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let before = Self.stamps(dir.appendingPathComponent("Output"))
        let planPath = "Content/plans/demo-2020/plan.md"
        let original = CLI.read(planPath, in: dir)
        let edited = original.replacingOccurrences(of: "推进污水处理厂提标", with: "推进城镇污水处理厂提标改造")
        #expect(edited != original)
        try CLI.write(edited, to: planPath, in: dir)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("up to date"))
        #expect(CLI.read("Output/plans/demo-2020.html", in: dir).contains("推进城镇污水处理厂提标改造"))

        #expect(try CLI.run(["build", "--full", "--output", "Full"], in: dir).status == 0)
        #expect(CLI.snapshot(dir.appendingPathComponent("Output")) == CLI.snapshot(dir.appendingPathComponent("Full")))

        // Files whose bytes did not change are the previous build's files (linked, not
        // rewritten); those that changed are new files.
        let after = Self.stamps(dir.appendingPathComponent("Output"))
        #expect(after["plans/demo-2020.html"] != before["plans/demo-2020.html"])
        #expect(after["data/tasks/demo-2020.csv"] != before["data/tasks/demo-2020.csv"])
        #expect(after["assets/style.css"] == before["assets/style.css"])
        #expect(after["departments/demo/kjj.html"] == before["departments/demo/kjj.html"])
        let unchanged = after.filter { before[$0.key] == $0.value }.count
        #expect(unchanged > 5 && unchanged < after.count)
        #expect(result.stderr.contains("(\(unchanged) unchanged"), "\(result.stderr)")
    }

    /// Each incremental build stages into the tree the one before it replaced
    /// (`.Output.plansite-spare`): along a chain of edits every result is a full build's,
    /// files added by hand to the output or to the spare tree do not come back, and a build
    /// that fails leaves the output as it was.
    @Test func aChainOfEditsStagedInTheReplacedTreeGivesFullBuildsBytes() throws {
        let dir = try CLI.workspace()
        let planPath = "Content/plans/demo-2020/plan.md"
        let original = CLI.read(planPath, in: dir)
        let spare = dir.appendingPathComponent(".Output.plansite-spare")
        #expect(try CLI.run(["build"], in: dir).status == 0)
        #expect(!FileManager.default.fileExists(atPath: spare.path))
        for (step, suffix) in ["一", "二", "", "三"].enumerated() {
            try CLI.write(original.replacingOccurrences(of: "污水", with: "污水\(suffix)"), to: planPath, in: dir)
            if step == 1 { try CLI.write("planted", to: "Output/plans/planted.html", in: dir) }
            if step == 2 { try CLI.write("planted", to: ".Output.plansite-spare/planted/x.html", in: dir) }
            let result = try CLI.buildMatchesFull(dir)
            #expect(result.stderr.contains("unchanged"), "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: spare.appendingPathComponent("index.html").path))
        }
        let good = CLI.snapshot(dir.appendingPathComponent("Output"))
        try CLI.write(original.replacingOccurrences(of: "(责任单位:住建局、", with: "(责任单位:市火星开发局、住建局、"), to: planPath, in: dir)
        let failed = try CLI.run(["build"], in: dir)
        #expect(failed.status != 0)
        #expect(CLI.snapshot(dir.appendingPathComponent("Output")) == good)
        try CLI.write(original, to: planPath, in: dir)
        _ = try CLI.buildMatchesFull(dir)
    }

    @Test func handEditedOrMissingOutputIsRebuilt() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let good = CLI.snapshot(dir.appendingPathComponent("Output"))
        // An edit that keeps the size: only the stamp tells.
        let page = "Output/plans/demo-2020.html"
        let text = CLI.read(page, in: dir)
        try CLI.write(text.replacingOccurrences(of: "<html", with: "<HTML"), to: page, in: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("Output/data/tasks/demo-2020.json"))
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0)
        #expect(!result.stderr.contains("up to date"))
        #expect(CLI.snapshot(dir.appendingPathComponent("Output")) == good)
    }

    @Test func templateChangeRebuildsAndFullFlagIgnoresTheManifest() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let css = CLI.read("Templates/style.css", in: dir)
        try CLI.write(css + "\n/* changed */\n", to: "Templates/style.css", in: dir)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0)
        #expect(CLI.read("Output/assets/style.css", in: dir).hasSuffix("/* changed */\n"))
        let full = try CLI.run(["build", "--full"], in: dir)
        #expect(full.stderr.contains("(0 unchanged)"), "\(full.stderr)")
    }

    @Test func failedBuildKeepsTheManifestOfTheOutputItLeftAlone() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let planPath = "Content/plans/demo-2020/plan.md"
        let original = CLI.read(planPath, in: dir)
        try CLI.write(original.replacingOccurrences(of: "公安局)", with: "不存在局)"), to: planPath, in: dir)
        #expect(try CLI.run(["build"], in: dir).status == 1)
        // Back to the content the output was built from: nothing to do.
        try CLI.write(original, to: planPath, in: dir)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr.contains("up to date"), "\(result.stderr)")
    }

    /// CI restores Output/ and its manifest from a cache: new inodes and times, same bytes.
    @Test func restoredCopyOfOutputAndManifestIsUpToDate() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let fm = FileManager.default
        try fm.copyItem(at: dir.appendingPathComponent("Output"), to: dir.appendingPathComponent("Restored"))
        try fm.copyItem(at: dir.appendingPathComponent(".Output.plansite-manifest"),
                        to: dir.appendingPathComponent(".Restored.plansite-manifest"))
        let before = Self.stamps(dir.appendingPathComponent("Restored"))
        let result = try CLI.run(["build", "--output", "Restored"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr.contains("up to date"), "\(result.stderr)")
        #expect(Self.stamps(dir.appendingPathComponent("Restored")) == before)
    }

    /// The manifest knows plansite by its version (a fingerprint of the sources it was built
    /// from, `Embedded.programVersion`): a copy (restored from a CI cache, installed elsewhere)
    /// is the same tool; a manifest written by another version is not up to date.
    @Test func aCopiedPlansiteIsTheSameToolAndAnotherVersionIsNot() throws {
        let dir = try CLI.workspace()
        let fm = FileManager.default
        let copy = dir.appendingPathComponent("bin/plansite")
        try fm.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: CLI.binary, to: copy)
        #expect(try CLI.run(["build"], in: dir).status == 0)

        let copied = try CLI.run(["build"], in: dir, binary: copy)
        #expect(copied.status == 0)
        #expect(copied.stderr.contains("up to date"), "\(copied.stderr)")

        // The manifest of another version of plansite: not up to date. (What is reused keeps
        // the version in its keys: `IncrementalTests`.)
        let manifest = ".Output.plansite-manifest"
        let text = CLI.read(manifest, in: dir)
        let tool = try #require(text.firstMatch(of: /\ntool\t([0-9a-f]+)\n/)?.1)
        try CLI.write(text.replacingOccurrences(of: "tool\t\(tool)", with: "tool\t\(tool == "1" ? "2" : "1")"), to: manifest, in: dir)
        let other = try CLI.buildMatchesFull(dir)
        #expect(!other.stderr.contains("up to date"), "\(other.stderr)")
        #expect(CLI.read(manifest, in: dir).contains("tool\t\(tool)\n"))
    }
}
