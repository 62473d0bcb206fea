import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `plansite` is one self-contained program: copied alone to a folder outside the checkout,
/// it creates a site (`init`) from what it carries, checks, builds and serves it; and a site
/// without a Templates/ folder builds with the templates it carries. What it carries is the
/// checkout's Templates/ and example content, byte for byte.
@Suite struct InitAnywhereTests {
    /// An empty temporary folder with a copy of the program in `bin/`.
    static func elsewhere(_ name: String = #function) throws -> (dir: URL, binary: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-anywhere-\(name.filter(\.isLetter))-\(UUID().uuidString)")
        let binary = dir.appendingPathComponent("bin/plansite")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.binary, to: binary)
        return (dir, binary)
    }

    @Test func initCheckBuildServeFromAnEmptyFolder() async throws {
        let (dir, binary) = try Self.elsewhere()
        let made = try CLI.run(["init", "site"], in: dir, binary: binary)
        #expect(made.status == 0, "\(made.stderr)")
        let site = dir.appendingPathComponent("site")
        // The program's copies are those of the checkout.
        #expect(CLI.snapshot(site.appendingPathComponent("Templates")) == CLI.snapshot(CLI.repoRoot.appendingPathComponent("Templates")))
        #expect(CLI.snapshot(site.appendingPathComponent("Content")) == CLI.snapshot(CLI.minimalSite.appendingPathComponent("Content")))

        let check = try CLI.run(["check", "--strict"], in: site, binary: binary)
        #expect(check.status == 0, "\(check.stderr)")
        let build = try CLI.run(["build"], in: site, binary: binary)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(CLI.read("Output/index.html", in: site).contains("示例市生态环境保护行动计划(2018-2022)"))

        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--port", "0"]
        server.currentDirectoryURL = site
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var line = ""
        while !line.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        let base = try #require(line.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression).map { String(line[$0]) })
        var request = URLRequest(url: URL(string: base + "plans/demo-2020.html")!)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("示例市生态环境保护行动计划(2018-2022)"))
    }

    /// Without Templates/, a build uses the templates the program carries: the same site as
    /// with the checkout's Templates/.
    @Test func aSiteWithoutTemplatesBuildsWithTheBuiltInOnes() throws {
        let (dir, binary) = try Self.elsewhere()
        try FileManager.default.copyItem(at: CLI.minimalSite.appendingPathComponent("Content"), to: dir.appendingPathComponent("Content"))
        let built = try CLI.run(["build"], in: dir, binary: binary)
        #expect(built.status == 0, "\(built.stderr)")
        let withTemplates = try CLI.run(["build", "--templates", CLI.repoRoot.appendingPathComponent("Templates").path, "--output", "Other"],
                                        in: dir, binary: binary)
        #expect(withTemplates.status == 0, "\(withTemplates.stderr)")
        let output = CLI.snapshot(dir.appendingPathComponent("Output"))
        #expect(output.count > 10)
        #expect(output == CLI.snapshot(dir.appendingPathComponent("Other")))
        // Nothing changed: up to date, also without a templates folder to scan.
        #expect(try CLI.run(["build"], in: dir, binary: binary).stderr.contains("up to date"))
        // A templates folder that is named but missing is an error, not the built-in templates.
        let missing = try CLI.run(["build", "--templates", "Nowhere"], in: dir, binary: binary)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Nowhere"), "\(missing.stderr)")
    }
}
