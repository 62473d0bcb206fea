import Foundation
import PackagePlugin

/// Generates the Embedded module's data at build time (`plansite-embed`): the default
/// templates (Templates/), the example content of `plansite init`
/// (Tests/Fixtures/sites/minimal/Content) and the program's version, a fingerprint of every
/// file the program is built from. SwiftPM runs it again whenever one of those files changes,
/// so the embedded copies are always those of the checkout.
@main
struct EmbedDefaults: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        var inputs: [URL] = []
        for folder in ["Sources", "Templates", "Tests/Fixtures/sites/minimal/Content"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        for name in ["Package.swift", "Package.resolved"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) {
            inputs.append(root.appendingPathComponent(name))
        }
        return [.buildCommand(displayName: "Embedding the default templates and example content",
                              executable: try context.tool(named: "plansite-embed").url,
                              arguments: [root.path, output.path],
                              inputFiles: inputs, outputFiles: [output])]
    }
}
