import ArgumentParser
import Foundation
import Pipeline
import PreviewServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on loopback; rebuild when Content/ or Templates/ change and reload open pages.")

    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The templates folder (default: Templates, or the built-in templates when there is none).") var templates: String?
    @Option(help: "The output folder that is built and served.") var output = "Output"
    @Option(help: "The address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "The port (0 picks a free one).") var port: UInt16 = 8000

    func run() async throws {
        MemoryTuning.apply()
        let server = PreviewServer(content: content, templates: SiteBuild.templatesFolder(templates), output: output, host: host, port: port)
        try await server.run(log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }, onListening: { url in
            FileHandle.standardOutput.write(Data("serving \(url) (Ctrl-C to stop)\n".utf8))
        })
    }
}
