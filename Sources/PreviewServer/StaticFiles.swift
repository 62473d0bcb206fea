import Foundation

/// Maps a request path to a file of the output folder, refusing anything that would leave it.
enum StaticFiles {
    static let contentTypes = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
                               "js": "text/javascript; charset=utf-8", "json": "application/json; charset=utf-8",
                               "csv": "text/csv; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
                               "jpg": "image/jpeg", "txt": "text/plain; charset=utf-8"]

    /// The file for a URL path, or nil when the path is unsafe or names nothing.
    static func resolve(_ urlPath: String, root: URL) -> URL? {
        guard let decoded = urlPath.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return nil }
        var url = root
        for part in parts { url.appendPathComponent(String(part)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        }
        // Symbolic links must not lead outside the output folder either.
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root.resolvingSymlinksInPath().path + "/") else { return nil }
        return url
    }

    static func contentType(_ url: URL) -> String {
        contentTypes[url.pathExtension.lowercased()] ?? "application/octet-stream"
    }

    /// The script added to every HTML page served by the preview (never to Output/ files):
    /// it polls the build version, reloads after a rebuild and shows build errors on the page.
    static let reloadScript = """
    <script>
    (function () {
      var known = null, banner = null;
      function show(error) {
        if (!error) { if (banner) { banner.remove(); banner = null; } return; }
        if (!banner) {
          banner = document.createElement("pre");
          banner.setAttribute("role", "alert");
          banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;padding:1em;background:#fff3f3;color:#900;border-top:3px solid #900;z-index:9999;white-space:pre-wrap";
          document.body.appendChild(banner);
        }
        banner.textContent = "plansite build failed; showing the last good site.\\n\\n" + error;
      }
      function poll() {
        fetch("/__plansite/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
          if (known !== null && s.version !== known && !s.error) { location.reload(); return; }
          known = s.version;
          show(s.error);
        }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();
    </script>
    """
}
