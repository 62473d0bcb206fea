// plansite-serve: the preview server that `plansite serve` runs (it replaces the plansite
// process with this program, passing its arguments on). It is a program of its own so that
// `plansite build` and `check` do not load the server's networking libraries (FlyingFox
// links FoundationNetworking, libcurl and TLS): 7 MB of peak memory and 28 shared libraries
// less in every build. Run it directly or through `plansite serve`; the options are the same.
import ArgumentParser
import Foundation
import Pipeline
import PreviewServer

@main
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plansite serve",
        abstract: "Preview the site on loopback; rebuild when Content/ or Templates/ change and reload open pages.")

    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The templates folder.") var templates = "Templates"
    @Option(help: "The output folder that is built and served.") var output = "Output"
    @Option(help: "The address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "The port (0 picks a free one).") var port: UInt16 = 8000

    func run() async throws {
        MemoryTuning.apply()
        let server = PreviewServer(content: content, templates: templates, output: output, host: host, port: port)
        try await server.run(log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }, onListening: { url in
            FileHandle.standardOutput.write(Data("serving \(url) (Ctrl-C to stop)\n".utf8))
        })
    }
}
