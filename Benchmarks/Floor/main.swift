// plansite-floor: the lower bound for `plansite build` (issue 6). Renders every plan's
// Markdown through the project's own cmark-gfm binding (MarkdownTree) and nothing else:
// no structure, no linking, no templates. One HTML file per plan, one thread.
//
//   plansite-floor CONTENT OUTPUT     reads CONTENT/plans/*/plan.md, writes OUTPUT/ID.html
import Foundation
import MarkdownTree

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: plansite-floor CONTENT OUTPUT\n".utf8))
    exit(2)
}
let plansDirectory = arguments[1] + "/plans"
let output = URL(fileURLWithPath: arguments[2], isDirectory: true)
let fm = FileManager.default

/// The Markdown after the front matter (`---` … `---`), as plansite reads it.
func body(of text: String) -> Substring {
    guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return text[...] }
    var lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard lines.count == 2 else { return text[...] }
    var rest = lines.removeLast()
    while !rest.isEmpty {
        let parts = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if parts[0] == "---" || parts[0] == "---\r" { return parts.count == 2 ? parts[1] : "" }
        rest = parts.count == 2 ? parts[1] : ""
    }
    return text[...]
}

do {
    try fm.createDirectory(at: output, withIntermediateDirectories: true)
    let ids = try fm.contentsOfDirectory(atPath: plansDirectory).filter { !$0.hasPrefix(".") }.sorted()
    var pages = 0
    var bytes = 0
    for id in ids {
        let path = "\(plansDirectory)/\(id)/plan.md"
        guard let data = fm.contents(atPath: path) else { continue }
        let blocks = MarkdownParser.parse(String(body(of: String(decoding: data, as: UTF8.self))))
        let html = Data(blocks.map(\.html).joined(separator: "\n").utf8)
        try html.write(to: output.appendingPathComponent("\(id).html"))
        pages += 1
        bytes += html.count
    }
    print("floor: \(pages) pages, \(bytes) bytes → \(output.path)")
} catch {
    FileHandle.standardError.write(Data("plansite-floor: \(error)\n".utf8))
    exit(1)
}
