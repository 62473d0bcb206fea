import Foundation
import Testing

/// `plansite import` on each table fixture through the real binary, then the draft installed
/// as review.md says (plan.md and indicators.csv in the plan folder, the drafted metrics and
/// observations added to the region's files, the front matter the importer could not find
/// filled in) and `plansite check` run on it.
@Suite struct TableImportCLITests {
    static let fixtures = ["table-review.txt", "table-status.txt", "table-forward.txt", "table-glued.txt", "table-no-baseline.txt",
                                  "table-group-rows.txt", "table-tabbed.txt"]

    func read(_ url: URL) -> String { String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self) }

    /// A content folder with site.yaml and an empty region `qingxi`.
    func workspace() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("plansite-table-import-\(UUID().uuidString)")
        let region = dir.appendingPathComponent("Content/regions/qingxi")
        try fm.createDirectory(at: region, withIntermediateDirectories: true)
        try fm.copyItem(at: Fixture.repoRoot.appendingPathComponent("Tests/Fixtures/sites/minimal/Content/site.yaml"),
                        to: dir.appendingPathComponent("Content/site.yaml"))
        try Data("name: 青溪区\nlevel: 县\n".utf8).write(to: region.appendingPathComponent("region.yaml"))
        return dir
    }

    /// What the user does after reading review.md.
    func install(draft: URL, in dir: URL, planID: String) throws {
        let fm = FileManager.default
        let plan = dir.appendingPathComponent("Content/plans/\(planID)")
        try fm.createDirectory(at: plan, withIntermediateDirectories: true)
        let markdown = read(draft.appendingPathComponent("plan.md"))
            .replacingOccurrences(of: "issuer: \"待核\"", with: "issuer: \"青溪区人民政府\"")
            .replacingOccurrences(of: "period: \"待核\"", with: "period: \"2026-2030\"")
        try Data(markdown.utf8).write(to: plan.appendingPathComponent("plan.md"))
        try fm.copyItem(at: draft.appendingPathComponent("indicators.csv"), to: plan.appendingPathComponent("indicators.csv"))
        if fm.fileExists(atPath: draft.appendingPathComponent("assignments.csv").path) {
            try fm.copyItem(at: draft.appendingPathComponent("assignments.csv"), to: plan.appendingPathComponent("assignments.csv"))
        }
        let region = dir.appendingPathComponent("Content/regions/qingxi")
        if fm.fileExists(atPath: draft.appendingPathComponent("departments.csv").path) {
            try fm.copyItem(at: draft.appendingPathComponent("departments.csv"), to: region.appendingPathComponent("departments.csv"))
        }
        for name in ["metrics.csv", "observations.csv"] where fm.fileExists(atPath: draft.appendingPathComponent(name).path) {
            try DraftRegionFiles.append(read(draft.appendingPathComponent(name)), to: region.appendingPathComponent(name))
        }
    }

    @Test(arguments: fixtures) func theDraftedTablesPassCheck(_ fixture: String) throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixture.directory.appendingPathComponent(fixture), to: dir.appendingPathComponent("page.txt"))
        let cli = ImportCLITests()
        let imported = try cli.run(["import", "page.txt", "--region", "qingxi", "--out", "draft/qingxi-plan"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let draft = dir.appendingPathComponent("draft/qingxi-plan")
        let observations = read(draft.appendingPathComponent("observations.csv"))
        #expect(imported.stderr.contains("observations") == !observations.isEmpty, "\(imported.stderr)")
        try install(draft: draft, in: dir, planID: "qingxi-plan")
        let check = try cli.run(["check", "--content", "Content"], in: dir)
        #expect(check.status == 0, "\(fixture): \(check.stderr)")
        #expect(check.stderr.contains("0 errors, 0 warnings"), "\(check.stderr)")
    }

    @Test func anImportAgainNeedsForceForTheDraftedRegionFilesToo() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixture.directory.appendingPathComponent("table-review.txt"), to: dir.appendingPathComponent("page.txt"))
        let cli = ImportCLITests()
        #expect(try cli.run(["import", "page.txt", "--region", "qingxi", "--out", "out", "--id", "qx"], in: dir).status == 0)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/plan.md"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/indicators.csv"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/review.md"))
        let again = try cli.run(["import", "page.txt", "--region", "qingxi", "--out", "out", "--id", "qx"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("observations.csv"), "\(again.stderr)")
    }
}
