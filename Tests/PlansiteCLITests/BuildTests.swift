import Foundation
import Testing

@Suite struct BuildTests {
    @Test func minimalSiteBuildsEveryPageTypeAndOpenData() throws {
        let dir = try CLI.workspace()
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        for page in ["index.html", "plans/demo-2020.html", "departments/index.html", "departments/demo/kjj.html",
                     "indicators/index.html", "indicators/demo-2020/pm25.html", "progress.html", "progress/demo-2020.html", "search.html", "assets/style.css",
                     "assets/search/p/demo-2020.js", "assets/search/r/demo.js", "assets/search/g/0.js", "assets/search.js", "assets/tables.js",
                     "data/tasks/demo-2020.csv", "data/tasks/demo-2020.json", "data/indicators.csv", "data/departments.csv", "data/observations.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/\(page)").path), "missing \(page)")
        }
        let plan = CLI.read("Output/plans/demo-2020.html", in: dir)
        // Stable anchors per task and per task-less section.
        #expect(plan.contains("id=\"c2-s1-t1\""))
        #expect(plan.contains("id=\"c3-s2\""))
        // 科技局 resolved through the 市 carry-over to the registry's 示例市科学技术局.
        #expect(plan.contains("href=\"../departments/demo/kjj.html\">示例市科学技术局</a>"))
        // Lead and co are told apart in text, not only by style.
        #expect(plan.contains("牵头单位："))
        // The explicit indicator reference became a link to the indicator page.
        #expect(plan.contains("href=\"../indicators/demo-2020/pm25.html\">PM2.5年均浓度</a>"))

        let tasks = CLI.read("Output/data/tasks/demo-2020.csv", in: dir)
        #expect(tasks.hasPrefix("\u{FEFF}plan,task,kind,number,title,text,url,lead,co,indicators,annotation,status,status_period\r\n"))
        // The section-closing annotation applies to both tasks of 碧水行动.
        #expect(tasks.contains("demo-2020,c2-s2-t3,task,3.,推进污水处理厂提标,3.推进污水处理厂提标。到2022年，全市城市污水处理率达到95%以上。,plans/demo-2020.html#c2-s2-t3,,示例市住房和城乡建设局;示例市生态环境局,demo-2020/sewage,"))
        #expect(tasks.contains("demo-2020,c2-s2-t4,task,4.,保障饮用水水源安全,4.保障饮用水水源安全。加强保护区管理。 (责任单位:住建局、生态环境局),plans/demo-2020.html#c2-s2-t4,,示例市住房和城乡建设局;示例市生态环境局,,"))
        // The latest report of a task (reports.csv) and its period.
        #expect(tasks.contains("plans/demo-2020.html#c2-s1-t1,示例市经济和信息化委员会;示例市生态环境局,示例市发展和改革委员会;示例市科学技术局;示例市公安局,,(牵头单位:市经信委、环保局;责任单位:市发改委、科技局、公安局),done,2020\r\n"))
        // Observations carry their metric's unit.
        #expect(CLI.read("Output/data/observations.csv", in: dir).contains("demo,pm25,2020,33,微克/立方米,annual,"))
        let indicators = CLI.read("Output/data/indicators.csv", in: dir)
        // PM2.5 ≤35 in 2020, 33 reported for 2020: met; the five-year mean 40 is not used.
        #expect(indicators.contains("demo-2020,pm25,plan,1,PM2.5年均浓度,微克/立方米,约束性,pm25,2015,48,2020,控制在35以内,2020:控制在35以内,2020,33,annual,met,"))
        #expect(result.stderr.contains("build: 20 pages"))
    }

    @Test func theWorkUnitClassIsOnlyOnWorkUnits() throws {
        // style.css draws a bar beside every `.unit` (a task or section block of a plan); the
        // unit of measure in indicator tables once shared the class and got the bar too.
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let regex = try NSRegularExpression(pattern: #"<(\w+)[^>]*\bclass="([^"]*)""#)
        var checked = 0
        for page in ["plans/demo-2020.html", "progress.html", "progress/demo-2020.html", "indicators/index.html", "index.html"] {
            let html = CLI.read("Output/\(page)", in: dir)
            for m in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let tag = String(html[Range(m.range(at: 1), in: html)!])
                let classes = html[Range(m.range(at: 2), in: html)!].split(separator: " ")
                if classes.contains("unit") {
                    #expect(tag == "div", "class unit on <\(tag)> in \(page)")
                    checked += 1
                }
            }
        }
        #expect(checked > 0)  // the plan page has work units
    }

    /// Where the source does not say whether an indicator is 约束性 or 预期性, the page says so
    /// (原文未列明, not 未报告: nothing was due) instead of leaving the field empty.
    @Test func indicatorWithoutNatureSaysNotStated() throws {
        let dir = try CLI.workspace()
        let table = "Content/plans/demo-2020/indicators.csv"
        let text = CLI.read(table, in: dir)
        #expect(text.contains("微克/立方米,约束性,pm25"))
        try CLI.write(text.replacingOccurrences(of: "微克/立方米,约束性,pm25", with: "微克/立方米,,pm25"), to: table, in: dir)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.read("Output/indicators/demo-2020/pm25.html", in: dir).contains("<dt>性质</dt><dd>原文未列明</dd>"))
        #expect(CLI.read("Output/indicators/demo-2020/sewage.html", in: dir).contains("<dt>性质</dt><dd>预期性</dd>"))
        // The open data keeps an empty cell: no value, not a word.
        #expect(!CLI.read("Output/data/indicators.csv", in: dir).contains("原文未列明,pm25"))
    }

    @Test func outputIsByteIdenticalAcrossBuilds() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build", "--output", "A"], in: dir).status == 0)
        #expect(try CLI.run(["build", "--output", "B"], in: dir).status == 0)
        let a = CLI.snapshot(dir.appendingPathComponent("A"))
        let b = CLI.snapshot(dir.appendingPathComponent("B"))
        #expect(a.count > 20)
        #expect(a == b)
    }

    @Test func failedBuildLeavesPreviousOutputUnchanged() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        try CLI.write("stale", to: "Output/stale-marker.txt", in: dir)
        let before = CLI.snapshot(dir.appendingPathComponent("Output"))
        // Break the content: an unknown department.
        let planPath = "Content/plans/demo-2020/plan.md"
        try CLI.write(CLI.read(planPath, in: dir).replacingOccurrences(of: "公安局)", with: "不存在局)"), to: planPath, in: dir)
        let failed = try CLI.run(["build"], in: dir)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Output/ was not changed"))
        #expect(CLI.snapshot(dir.appendingPathComponent("Output")) == before)
        // No staging folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func successfulBuildRemovesFilesThatNoLongerBelong() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        try CLI.write("stale", to: "Output/plans/removed-plan.html", in: dir)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/plans/removed-plan.html").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/plans/demo-2020.html").path))
    }

    @Test func buildKilledHalfwayLeavesPreviousOutputComplete() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let before = CLI.snapshot(dir.appendingPathComponent("Output"))
        // Make the next build long: 150 copies of the plan.
        let source = dir.appendingPathComponent("Content/plans/demo-2020")
        for i in 0..<150 {
            try FileManager.default.copyItem(at: source, to: dir.appendingPathComponent("Content/plans/copy-\(i)"))
        }
        for delay in [0.3, 0.6, 0.9] {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["build"]
            process.currentDirectoryURL = dir
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = CLI.snapshot(dir.appendingPathComponent("Output"))
            if after != before {
                // The kill came after the swap: then the new site must be complete.
                #expect(after.keys.contains("plans/copy-149.html"))
                #expect(after.keys.contains("data/observations.json"))
                return
            }
            #expect(after == before)
        }
        // A later build cleans up the staging folder of the killed one.
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }
}

@Suite struct InitTests {
    @Test func newSiteBuildsAndPassesCheckAtOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-init-\(UUID().uuidString)")
        let made = try CLI.run(["init", dir.path,
                                "--templates", CLI.repoRoot.appendingPathComponent("Templates").path,
                                "--example", CLI.minimalSite.appendingPathComponent("Content").path], in: CLI.repoRoot)
        #expect(made.status == 0, "\(made.stderr)")
        for file in ["Content/site.yaml", "Templates/plan.mustache", "Templates/labels.yaml", "Makefile", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "missing \(file)")
        }
        #expect(try CLI.run(["check", "--strict"], in: dir).status == 0)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/index.html").path))
        // What the build made is ignored by git: the output, its manifest and plan cache.
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".Output.plansite-cache").path))
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["sh", "-c", "git init -q && git status --porcelain --untracked-files=all"]
        git.currentDirectoryURL = dir
        let out = Pipe()
        git.standardOutput = out
        try git.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        git.waitUntilExit()
        #expect(git.terminationStatus == 0)
        #expect(status.contains("Content/site.yaml"), "\(status)")
        #expect(!status.contains("Output"), "\(status)")
        // A second init into the same folder refuses to overwrite.
        let again = try CLI.run(["init", dir.path], in: CLI.repoRoot)
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not empty"))
    }
}
