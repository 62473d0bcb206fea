import Foundation
import Testing

/// `plansite import` through the real binary, built beside this test bundle.
@Suite struct ImportCLITests {
    struct Run {
        let status: Int32
        let stderr: String
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PLANSITE_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("plansite")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Fixture.repoRoot.appendingPathComponent(".build/debug/plansite")
    }

    func run(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixture.directory.appendingPathComponent("shengzhou-2024-excerpt.txt"),
                                         to: dir.appendingPathComponent("page.txt"))
        // A content folder with the region's registry, as the CLI finds it by default.
        let region = dir.appendingPathComponent("Content/regions/shengzhou")
        try FileManager.default.createDirectory(at: region, withIntermediateDirectories: true)
        try Data("id,name,kind,aliases\nzzb,中共嵊州市委组织部,party,组织部\n".utf8).write(to: region.appendingPathComponent("departments.csv"))
        return dir
    }

    func read(_ path: String, in dir: URL) -> String {
        String(decoding: FileManager.default.contents(atPath: dir.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
    }

    @Test func importWritesTheDraftFolder() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(["import", "page.txt", "--region", "shengzhou", "--out", "draft/shengzhou-2024"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3 chapters") && result.stderr.contains("11 tasks") && result.stderr.contains("13 indicator rows"))

        let plan = read("draft/shengzhou-2024/plan.md", in: dir)
        #expect(plan.hasPrefix("---\ntitle: \"2024-20 (略) 国家生态文明建设示范区创建工作推进方案\"\n"))
        #expect(plan.contains("region: \"shengzhou\""))
        #expect(plan.contains("\n## 二、主要任务\n"))
        #expect(plan.contains("\n### (一)实施目标责任落实行动\n"))
        #expect(plan.contains("\n***\n"))
        #expect(plan.components(separatedBy: "1.提高生态文明建设工作占党政实绩考核的比例").count == 2, "the second copy is gone")

        let csv = read("draft/shengzhou-2024/indicators.csv", in: dir)
        #expect(csv.hasPrefix("id,number,group,domain,action,name,unit,nature,metric,baseline_year,baseline,target_2025,reported,departments,source,note\n"))
        #expect(csv.contains("t1-4,4,,生态安全,(二)环境质量改善,PM2.5浓度,μg/m3,,"))

        let review = read("draft/shengzhou-2024/review.md", in: dir)
        #expect(review.hasPrefix("# 导入审核报告"))
        #expect(review.contains("重复登载的第二遍全文"))
        #expect(review.contains("第5行：已删除(分享/打印/收藏按钮)"))
        // The registry of the content folder holds 组织部 only: the others are edits to make.
        #expect(review.contains("部门“市委办”不在 regions/shengzhou/departments.csv 中"))
        #expect(!review.contains("部门“组织部”不在"))
    }

    @Test func existingFilesNeedForceAndBadInputFails() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try run(["import", "page.txt", "--region", "shengzhou", "--out", "out", "--id", "sz-2024"], in: dir).status == 0)
        let again = try run(["import", "page.txt", "--region", "shengzhou", "--out", "out", "--id", "sz-2024"], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force"))
        #expect(try run(["import", "page.txt", "--region", "shengzhou", "--out", "out", "--id", "sz-2024", "--force"], in: dir).status == 0)
        #expect(read("out/review.md", in: dir).contains("Content/plans/sz-2024/"))
        let badID = try run(["import", "page.txt", "--region", "shengzhou", "--out", "Draft_1"], in: dir)
        #expect(badID.status == 1 && badID.stderr.contains("not valid"))
        let missing = try run(["import", "nothing.txt", "--region", "shengzhou", "--out", "x"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("cannot read"))
    }
}
