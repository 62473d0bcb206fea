import ArgumentParser
import Foundation

/// `plansite serve` runs the preview server, `plansite-serve`, built beside this program:
/// the server's networking libraries stay out of `plansite build` (see
/// Sources/plansite-serve/main.swift). The process is replaced, not forked, so Ctrl-C, signals,
/// the exit status and standard streams are the server's own. Its options are parsed there.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on loopback; rebuild when Content/ or Templates/ change and reload open pages.",
        discussion: "The server's options (--content, --templates, --output, --host, --port) are listed by `plansite serve --help`.")

    @Argument(parsing: .captureForPassthrough, help: "Options of the preview server.")
    var options: [String] = []

    static let helperName = "plansite-serve"

    func run() throws {
        let helper = Self.helperPath()
        guard let helper, FileManager.default.isExecutableFile(atPath: helper) else {
            Console.error("""
                serve: the preview server \(Self.helperName) was not found beside plansite\
                \(helper.map { " (\($0))" } ?? "").
                Build it with `swift build --product \(Self.helperName)` (make build builds both programs), \
                or keep the two programs in one folder.
                """)
            throw ExitCode(1)
        }
        let arguments = [helper] + options
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        execv(helper, &pointers)
        // execv returns only when it failed.
        let reason = String(cString: strerror(errno))
        Console.error("serve: could not run \(helper): \(reason)")
        throw ExitCode(1)
    }

    /// `plansite-serve` in the folder of the running program (symbolic links resolved).
    static func helperPath() -> String? {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        return executable.deletingLastPathComponent().appendingPathComponent(helperName).path
    }
}
