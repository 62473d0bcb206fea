import ArgumentParser
import Foundation
import Pipeline

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder (replaced only when the build succeeds).")

    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The templates folder.") var templates = "Templates"
    @Option(help: "The output folder.") var output = "Output"

    func run() throws {
        throw ExitCode(2)
    }
}
