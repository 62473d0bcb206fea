import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Drives `plansite serve` over loopback: request a page, change a content file, see the
/// rebuilt page; a broken change keeps the last good site and reports the error.
@Suite struct ServeTests {
    func get(_ url: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    func waitForVersion(after version: Int, base: String) async throws -> [String: Any] {
        for _ in 0..<100 {
            let (_, body) = try await get(base + "__plansite/status")
            if let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
               let v = object["version"] as? Int, v > version {
                return object
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        Issue.record("the server did not rebuild within 20 s")
        return [:]
    }

    @Test func servesRebuildsAndKeepsTheLastGoodSite() async throws {
        let dir = try CLI.workspace()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = dir
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        // The first line names the address actually bound, on loopback.
        var line = ""
        let handle = out.fileHandleForReading
        while !line.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        let base = try #require(line.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression).map { String(line[$0]) })

        let (status, index) = try await get(base)
        #expect(status == 200)
        #expect(index.contains("示例市生态环境保护行动计划(2018-2022)"))
        #expect(index.contains("__plansite/status"))  // the reload script, added by the server only
        #expect(!CLI.read("Output/index.html", in: dir).contains("__plansite"))

        // Nothing outside Output/ is served.
        #expect(try await get(base + "..%2FContent%2Fsite.yaml").0 == 404)
        #expect(try await get(base + "%2e%2e/Content/site.yaml").0 == 404)

        // Change the plan's title: the page is rebuilt.
        let start = try await get(base + "__plansite/status").1
        let version = (try JSONSerialization.jsonObject(with: Data(start.utf8)) as? [String: Any])?["version"] as? Int ?? 0
        let planPath = "Content/plans/demo-2020/plan.md"
        try CLI.write(CLI.read(planPath, in: dir).replacingOccurrences(of: "title: 示例市生态环境保护行动计划(2018-2022)",
                                                                    with: "title: 修订后的行动计划"), to: planPath, in: dir)
        let rebuilt = try await waitForVersion(after: version, base: base)
        #expect(rebuilt["error"] == nil)
        #expect(try await get(base + "plans/demo-2020.html").1.contains("<h1>修订后的行动计划</h1>"))

        // Break the content: the error is reported, the last good site is still served.
        try CLI.write(CLI.read(planPath, in: dir).replacingOccurrences(of: "公安局)", with: "公安厅)"), to: planPath, in: dir)
        let failed = try await waitForVersion(after: rebuilt["version"] as? Int ?? 0, base: base)
        #expect((failed["error"] as? String)?.contains("'公安厅' is not a department") == true)
        #expect(try await get(base + "plans/demo-2020.html").1.contains("<h1>修订后的行动计划</h1>"))
    }

    /// `plansite serve` has its own options: its own help, its own errors.
    @Test func serveHasItsOwnOptions() throws {
        let dir = try CLI.workspace()
        let help = try CLI.run(["serve", "--help"], in: dir)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--port <port>"))
        let wrong = try CLI.run(["serve", "--port", "http"], in: dir)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--port"))
    }

}
