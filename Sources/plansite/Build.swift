import ArgumentParser
import Foundation
import Pipeline

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder (replaced only when the build succeeds).")

    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The templates folder (default: Templates, or the built-in templates when there is none).") var templates: String?
    @Option(help: "The output folder.") var output = "Output"
    @Option(help: "Threads that read and render (default: one per core).") var jobs: Int?
    @Flag(help: "Ignore the previous build: render and write every file.") var full = false
    @Flag(help: "Print the time and memory of each stage of the build.") var timings = false

    func run() throws {
        MemoryTuning.apply()
        let started = Date()
        // A progress line on a terminal only; nothing extra when stderr is a file or a pipe.
        let onTerminal = isatty(STDERR_FILENO) == 1
        let progress: ((SiteBuild.Progress) -> Void)? = onTerminal ? { p in
            let line = String(format: "\r%@: %d plans, %d files written, %.1f s", p.stage, p.plans, p.filesWritten,
                              Date().timeIntervalSince(started))
            FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        } : nil
        let result = SiteBuild.run(contentDirectory: content, templatesDirectory: SiteBuild.templatesFolder(templates), outputDirectory: output, threads: jobs, incremental: !full, progress: progress)
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if timings, case .success(let summary) = result { Console.error(Self.table(summary.stages)) }
        switch result {
        case .success(let summary) where summary.upToDate:
            Console.error(String(format: "build: up to date (%d pages, %d files; nothing changed since the last build) in %.2f s → %@",
                                 summary.pages, summary.files, Date().timeIntervalSince(started), output))
        case .success(let summary):
            if !summary.warnings.isEmpty { Console.error(DiagnosticFormat.text.render(summary.warnings)) }
            let unchanged = summary.notRendered > 0
                ? "\(summary.unchanged) unchanged, \(summary.notRendered) of them not rendered again"
                : "\(summary.unchanged) unchanged"
            let cached = summary.plansFromCache > 0 ? ", \(summary.plansFromCache) of \(summary.plans) plans from the cache" : ""
            Console.error(String(format: "build: %d pages, %d files (%@), %d warnings%@ in %.2f s → %@",
                                 summary.pages, summary.files, unchanged, summary.warnings.count, cached,
                                 Date().timeIntervalSince(started), output))
        case .failure(.content(let diagnostics)):
            Console.error(DiagnosticFormat.text.render(diagnostics))
            let errors = diagnostics.filter { $0.severity == .error }.count
            Console.error("build failed: \(errors) errors; \(output)/ was not changed")
            throw ExitCode(1)
        case .failure(.output(let message)):
            Console.error("build failed: \(message); \(output)/ was not changed")
            throw ExitCode(1)
        }
    }

    /// One line per stage: seconds, resident and peak memory in MB.
    static func table(_ stages: [StageTiming]) -> String {
        func mb(_ bytes: Int?) -> String { bytes.map { String(format: "%7.0f", Double($0) / 1_048_576) } ?? "      -" }
        var lines = ["stage                  seconds  RSS MB  peak MB"]
        for s in stages {
            lines.append(s.stage.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %9.2f", s.seconds)
                         + " " + mb(s.residentBytes) + "  " + mb(s.peakBytes))
        }
        return lines.joined(separator: "\n")
    }
}
