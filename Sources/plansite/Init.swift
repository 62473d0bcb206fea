import ArgumentParser
import Pipeline

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new site folder with example content, the default templates and a Makefile.")

    @Argument(help: "The folder to create (must not exist or be empty).") var directory: String
    @Option(help: "Templates to copy (default: plansite's built-in templates).") var templates: String?
    @Option(help: "Example content to copy (default: plansite's built-in example).") var example: String?

    func run() throws {
        do {
            try Scaffold.create(at: directory, templates: templates, example: example)
        } catch let failure as Scaffold.Failure {
            Console.error("init: \(failure)")
            throw ExitCode(1)
        }
        Console.error("init: created \(directory)/ (Content, Templates, Makefile, README.md); next: plansite check --content \(directory)/Content")
    }
}
