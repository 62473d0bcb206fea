import FlyingFox
import Foundation
import Pipeline

/// `plansite serve`: builds the site, serves Output/ on loopback, rebuilds when Content/ or
/// Templates/ change and reloads open pages. A failed rebuild keeps the last good site
/// served and shows the errors in the terminal and on the page.
public final class PreviewServer: Sendable {
    public let content: String
    /// nil: the templates embedded in the program.
    public let templates: String?
    public let output: String
    public let host: String
    public let port: UInt16
    let state = PreviewState()

    public init(content: String, templates: String?, output: String, host: String = "127.0.0.1", port: UInt16 = 8000) {
        self.content = content
        self.templates = templates
        self.output = output
        self.host = host
        self.port = port
    }

    /// Runs until the task is cancelled. `onListening` receives the address actually bound
    /// (port 0 picks a free port).
    public func run(log: @escaping @Sendable (String) -> Void, onListening: @escaping @Sendable (String) -> Void) async throws {
        await rebuild(log: log)
        let server = HTTPServer(address: try .inet(ip4: host, port: port), logger: .disabled)
        let root = URL(fileURLWithPath: output).standardizedFileURL
        let state = self.state
        await server.appendRoute("GET /__plansite/status") { _ in
            let (version, error) = await state.snapshot()
            var object: [String: Any] = ["version": version]
            if let error { object["error"] = error }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"], body: data)
        }
        await server.appendRoute("GET *") { request in
            guard let file = StaticFiles.resolve(request.path, root: root), var data = FileManager.default.contents(atPath: file.path) else {
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("not found\n".utf8))
            }
            if file.pathExtension == "html", let html = String(data: data, encoding: .utf8) {
                let injected = html.replacingOccurrences(of: "</body>", with: StaticFiles.reloadScript + "\n</body>")
                data = Data(injected.utf8)
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: StaticFiles.contentType(file), .init("Cache-Control"): "no-store"], body: data)
        }
        let watcher = Task { [self] in await watch(log: log) }
        defer { watcher.cancel() }
        let listening = Task {
            try await server.waitUntilListening()
            if case .ip4(let ip, let port) = await server.listeningAddress {
                onListening("http://\(ip):\(port)/")
            }
        }
        _ = listening
        try await server.run()
    }

    func rebuild(log: @Sendable (String) -> Void) async {
        let started = Date()
        switch SiteBuild.run(contentDirectory: content, templatesDirectory: templates, outputDirectory: output) {
        case .success(let summary):
            await state.succeeded()
            log(String(format: "built %d pages in %.2f s", summary.pages, Date().timeIntervalSince(started)))
        case .failure(.content(let diagnostics)):
            let text = DiagnosticFormat.text.render(diagnostics)
            await state.failed(text)
            log(text + "\nbuild failed; still serving the last good site")
        case .failure(.output(let message)):
            await state.failed(message)
            log("build failed: \(message)")
        }
    }

    func watch(log: @escaping @Sendable (String) -> Void) async {
        let watcher = SiteWatcher(folders: [content] + (templates.map { [$0] } ?? []))
        var last = watcher.fingerprint()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 400_000_000)
            let now = watcher.fingerprint()
            if now != last {
                last = now
                log("change detected; rebuilding")
                await rebuild(log: log)
            }
        }
    }
}
