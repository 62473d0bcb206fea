import Foundation
import Testing

/// The end-to-end path on documents shaped like real ones (Fixtures/real-shapes, written for
/// these tests): `plansite import` into a content folder whose region has no registry, the
/// review a user makes (only the edits review.md lists: the drafted registry moved in place,
/// front matter fields it could not read filled in), then `plansite check` passes and
/// `plansite outline` shows every department annotation of the source attached to its unit.
@Suite(.serialized) struct RealShapesCLITests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let id: String
        /// Edits review.md lists as 需修改: the registry, plus front matter fields.
        let edits: Int
        /// Units with departments, and some of their lines in `plansite outline`.
        let unitsWithDepartments: Int
        let outlineLines: [String]
        var testDescription: String { file }
    }

    static let cases = [
        Case(file: "district-annotations.txt", id: "qx-nongye", edits: 1, unitsWithDepartments: 8, outlineLines: [
            "c2-s1-t1 1. 推进化肥减量增效  depts: 区农业农村委*、区规划资源局*、区生态环境局*、各街镇、开发区",
            "c2-s1-t2 2. 推进农药减量控害  depts: 区农业农村委*、区规划资源局",
            "c2-s2-t3 3. 实施河湖水系连通  depts: 区生态环境局、区农业农村委、区水务局",
            "c2-s2-t4 4. 提升粪污资源化利用水平  depts: 区农业农村委",
            "c2-s2-t6 6. 15分钟收运服务圈建设  depts: 市交通委科技信息处*、国网青溪供电公司、各区县",
            "c3-s4 [unit] 强化资金保障  depts: 区财政局",
        ]),
        Case(file: "parts.gbk.txt", id: "qx-shengtai", edits: 2, unitsWithDepartments: 4, outlineLines: [
            "p2-c1-s1-t1 1. 开展生态保护红线勘界定标  depts: 区规划资源局",
            "p2-c1-s2-t2 2. 推进园区循环化改造  depts: 区发改委*、区生态环境局",
            "p3-c1 [unit] 加强组织领导  depts: 区发改委",
        ]),
        Case(file: "sql-wrapped.txt", id: "qx-shui", edits: 2, unitsWithDepartments: 3, outlineLines: [
            "c2-s1-t2 2. 建设排涝泵站6座  depts: 区水务局*、各街镇",
            "c2-s2-t3 3. 新建应急水源1处  depts: 区水务局、区发改委",
        ]),
        Case(file: "annexes.txt", id: "qx-renju", edits: 1, unitsWithDepartments: 5, outlineLines: [
            "p1-c2-s1-t2 2. 推进运维标准化  depts: 区水务局*、各街镇",
            "p3-c1-t1 1. 推广全生物降解地膜  depts: 区农业农村委*、各街镇",
        ]),
        Case(file: "outline.txt", id: "qx-gangyao", edits: 2, unitsWithDepartments: 2, outlineLines: [
            "p2-c2-s1 [unit] 调整能源结构  depts: 区发改委",
        ]),
        Case(file: "task-table.txt", id: "qx-huanwei", edits: 2, unitsWithDepartments: 5, outlineLines: [
            "c1-t1 1. 推进垃圾分类全覆盖  depts: 区城管局*、各街镇",
            "c1-t4 4. 规范户外广告设置  depts: 区城管局",
            "c2-t5 5. 强化督查考核  depts: 区委督查室、区政府督查室",
        ]),
        Case(file: "word-plan.docx", id: "qx-daqi", edits: 2, unitsWithDepartments: 3, outlineLines: [
            "c2-s1-t1 1. 推进钢铁行业超低排放改造  depts: 区生态环境局*、区经信局",
            "c2-s1-t2 2. 开展涉气企业集群整治  depts: 各街镇",
            "c2-s2-t3 3. 淘汰国三及以下排放标准营运柴油货车300辆  depts: 区交通运输局",
        ]),
        Case(file: "work-plan.txt", id: "qx-hehu", edits: 1, unitsWithDepartments: 5, outlineLines: [
            "c1-s1-t1 1． 推进河道综合整治  depts: 区水务局*、区生态环境局、各街镇",
            "c1-s1-t2 2． 加强入河排污口监管  depts: 区生态环境局*、区水务局",
            "c1-s2-t3 3． 落实河湖日常保洁  depts: 区城管局*、区水务局",
            "c1-s2-t4 4． 强化河湖执法  depts: 区水务局、区公安分局",
            "c2-t5 5． 加强督查考核  depts: 区委督查室*、各街镇",
        ]),
        Case(file: "gangyao-items.txt", id: "qx-guihua", edits: 2, unitsWithDepartments: 5, outlineLines: [
            "c2-s1-t1 一、 推进工业源深度治理  depts: 区生态环境局*、区经信局",
            "c2-s1-t2 二、 深化移动源污染防治  depts: 区交通运输局*、区公安分局",
            "c2-s2-t1 一、 保护饮用水水源地  depts: 区水务局",
            "c3-s1 [unit] 加强组织领导  depts: 区发改委",
            "c3-s2 [unit] 强化资金保障  depts: 区财政局",
        ]),
        Case(file: "saved-page.html", id: "qx-turang", edits: 1, unitsWithDepartments: 3, outlineLines: [
            "c1-t2 2. 开展耕地土壤重金属污染成因排查  depts: 区农业农村委*、区生态环境局",
            "c2-t3 3. 受污染耕地安全利用率达到93%以上  depts: 区农业农村委、区生态环境局",
        ]),
    ]

    func run(_ arguments: [String], in dir: URL) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = ImportCLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The review a user makes: only what review.md lists under 需修改.
    func review(draft: URL, content: URL, id: String) throws -> Int {
        let fm = FileManager.default
        let reviewText = try String(contentsOf: draft.appendingPathComponent("review.md"), encoding: .utf8)
        let edits = reviewText.components(separatedBy: "\n").filter { $0.hasPrefix("- [ ] ") }
        var plan = try String(contentsOf: draft.appendingPathComponent("plan.md"), encoding: .utf8)
        for edit in edits {
            if edit.contains("departments.csv(和 region.yaml)") {
                let region = content.appendingPathComponent("regions/qx")
                try fm.createDirectory(at: region, withIntermediateDirectories: true)
                try fm.copyItem(at: draft.appendingPathComponent("departments.csv"), to: region.appendingPathComponent("departments.csv"))
                try fm.copyItem(at: draft.appendingPathComponent("region.yaml"), to: region.appendingPathComponent("region.yaml"))
            } else if edit.contains("issuer 字段") {
                plan = plan.replacingOccurrences(of: "issuer: \"待核\"", with: "issuer: \"青溪区人民政府\"")
            } else {
                Issue.record("an edit the test does not make: \(edit)")
            }
        }
        let folder = content.appendingPathComponent("plans/\(id)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(plan.utf8).write(to: folder.appendingPathComponent("plan.md"))
        for name in ["indicators.csv", "assignments.csv"] where fm.fileExists(atPath: draft.appendingPathComponent(name).path) {
            try fm.copyItem(at: draft.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return edits.count
    }

    @Test(arguments: cases) func importReviewCheck(_ c: Case) throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("plansite-real-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        let content = dir.appendingPathComponent("Content")
        try fm.createDirectory(at: content, withIntermediateDirectories: true)
        try fm.copyItem(at: Fixture.repoRoot.appendingPathComponent("Tests/Fixtures/sites/minimal/Content/site.yaml"),
                        to: content.appendingPathComponent("site.yaml"))
        let source = Fixture.directory.appendingPathComponent("real-shapes/\(c.file)")
        let imported = try run(["import", source.path, "--region", "qx", "--out", "draft/\(c.id)"], in: dir)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.err.contains("drafting departments.csv"))
        // The summary counts what the draft holds.
        #expect(!imported.err.contains("0 chapters, 0 sections"), "\(imported.err)")

        let edits = try review(draft: dir.appendingPathComponent("draft/\(c.id)"), content: content, id: c.id)
        #expect(edits == c.edits)
        let check = try run(["check", "--content", "Content"], in: dir)
        #expect(check.status == 0, "\(check.out)\(check.err)")
        #expect(check.err.contains("check: 0 errors"), "\(check.err)")

        let outline = try run(["outline", c.id, "--content", "Content"], in: dir)
        let lines = outline.out.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.filter { $0.contains("depts: ") }.count == c.unitsWithDepartments, "\(outline.out)")
        for expected in c.outlineLines {
            #expect(lines.contains(expected), "\(expected) not in\n\(outline.out)")
        }
    }

    /// The reader's real-shapes site builds, and no plan page repeats an id (a chapter with
    /// neither sections nor tasks is a unit of its own: its heading opens the unit).
    @Test func realShapesSiteBuildsWithUniqueAnchors() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("plansite-real-site-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let site = Fixture.repoRoot.appendingPathComponent("Tests/ContentReaderTests/Fixtures/real-shapes").path
        let templates = Fixture.repoRoot.appendingPathComponent("Templates").path
        let build = try run(["build", "--content", site, "--templates", templates, "--output", "Output"], in: dir)
        #expect(build.status == 0, "\(build.err)")
        let plans = dir.appendingPathComponent("Output/plans")
        let pages = try fm.contentsOfDirectory(atPath: plans.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count == 8)
        for page in pages {
            let html = try String(contentsOf: plans.appendingPathComponent(page), encoding: .utf8)
            let ids = TextPatternsForTests.ids(in: html)
            #expect(Set(ids).count == ids.count, "\(page) repeats \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        }
        let sections = try String(contentsOf: plans.appendingPathComponent("sections-continuous.html"), encoding: .utf8)
        #expect(sections.contains("<div class=\"unit\" id=\"c1\">"))
    }
}

enum TextPatternsForTests {
    static func ids(in html: String) -> [String] {
        var ids: [String] = []
        var rest = html[...]
        while let r = rest.range(of: " id=\"") {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            ids.append(String(after[..<end]))
            rest = after[end...]
        }
        return ids
    }
}
