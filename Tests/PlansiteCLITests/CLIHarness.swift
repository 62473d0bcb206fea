import Foundation
import Testing

/// Runs the real `plansite` binary in a subprocess on real files.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The plansite binary built beside this test bundle (or $PLANSITE_BIN).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PLANSITE_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("plansite")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repoRoot.appendingPathComponent(".build/debug/plansite")
    }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repoRoot.appendingPathComponent("Tests/Fixtures")
    static let minimalSite = fixtures.appendingPathComponent("sites/minimal")

    @discardableResult
    static func run(_ arguments: [String], in directory: URL, binary: URL = CLI.binary) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder holding a copy of the minimal site (or of `content`) and the
    /// default templates.
    static func workspace(_ name: String = #function, content: URL? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("plansite-cli-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: content ?? minimalSite.appendingPathComponent("Content"),
                                         to: dir.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("Templates"), to: dir.appendingPathComponent("Templates"))
        return dir
    }

    /// `plansite build` in `dir`, then checks its output is byte-identical to a `build --full`
    /// of the same content (made in a folder that is removed again); the build's result.
    static func buildMatchesFull(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        let full = try run(["build", "--full", "--output", "Full"], in: dir)
        #expect(full.status == 0, sourceLocation: sourceLocation)
        #expect(!full.stderr.contains("from the cache"), "\(full.stderr)", sourceLocation: sourceLocation)
        let output = snapshot(dir.appendingPathComponent("Output"))
        let expected = snapshot(dir.appendingPathComponent("Full"))
        #expect(output.count == expected.count, sourceLocation: sourceLocation)
        let differing = expected.keys.filter { output[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "stale or wrong: \(differing.prefix(10))", sourceLocation: sourceLocation)
        #expect(folders(dir.appendingPathComponent("Output")) == folders(dir.appendingPathComponent("Full")), sourceLocation: sourceLocation)
        for made in ["Full", ".Full.plansite-manifest", ".Full.plansite-cache"] {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(made))
        }
        return result
    }

    /// Every folder under a folder, by relative path (an empty one too).
    static func folders(_ dir: URL) -> Set<String> {
        var result: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: dir.path) else { return result }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path, isDirectory: &isDirectory),
               isDirectory.boolValue { result.insert(path) }
        }
        return result
    }

    /// Every file under a folder with its bytes, keyed by relative path.
    static func snapshot(_ dir: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: dir.path) else { return result }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = dir.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }

    static func write(_ text: String, to relative: String, in dir: URL) throws {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func read(_ relative: String, in dir: URL) -> String {
        FileManager.default.contents(atPath: dir.appendingPathComponent(relative).path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
