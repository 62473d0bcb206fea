import ArgumentParser
import Foundation
import Pipeline

@main
struct Plansite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plansite",
        abstract: "Publish government plan documents as a static disclosure website.",
        subcommands: [Build.self, Check.self, OutlineCommand.self, Serve.self, Init.self, ImportCommand.self],
        defaultSubcommand: Build.self)
}

extension DiagnosticFormat: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the content without writing anything. Exit 0 when clean, 1 on errors.")

    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "Output format of the diagnostics: text or json.") var format: DiagnosticFormat = .text
    @Flag(help: "Treat warnings as errors.") var strict = false

    func run() throws {
        MemoryTuning.apply()
        // Nothing shows the plans' text: each is held without it once linked.
        let outcome = ContentCheck.run(contentDirectory: content, keepBodies: false)
        let failed = !outcome.errors.isEmpty || (strict && !outcome.warnings.isEmpty)
        switch format {
        case .json:
            print(format.render(outcome.diagnostics))
        case .text:
            if !outcome.diagnostics.isEmpty { Console.error(format.render(outcome.diagnostics)) }
            Console.error("check: \(outcome.errors.count) errors, \(outcome.warnings.count) warnings")
        }
        if failed { throw ExitCode(1) }
    }
}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

struct OutlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: "Print a plan's structure as plansite reads it (IDs, departments, indicators).")

    @Option(help: "The content folder.") var content = "Content"
    @Argument(help: "The plan ID (its folder name under plans/).") var plan: String

    func run() throws {
        let outcome = ContentCheck.run(contentDirectory: content)
        if !outcome.diagnostics.isEmpty { Console.error(DiagnosticFormat.text.render(outcome.diagnostics)) }
        guard let site = outcome.site, let found = site.content.plan(plan) else {
            Console.error("outline: no plan '\(plan)'")
            throw ExitCode(1)
        }
        print(Outline.render(plan: found, site: site))
    }
}
