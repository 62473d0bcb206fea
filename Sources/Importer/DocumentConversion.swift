import Foundation

/// Word documents (.docx) and saved web pages (.html, .htm) as plain text, through pandoc
/// (`--to plain --wrap=none`). A Lua filter writes every table cell on a line of its own, as
/// copies from web pages flatten tables, so the importer reads both the same way.
public enum DocumentConversion {
    public enum Failure: Error, CustomStringConvertible {
        case pandocMissing(String)
        case pandocFailed(String, String)

        public var description: String {
            switch self {
            case .pandocMissing(let file):
                return "\(file) needs pandoc to be read, and pandoc is not installed: run `make deps` (or `apt-get install pandoc`), or save the document as plain text"
            case .pandocFailed(let file, let message):
                return "pandoc could not convert \(file): \(message)"
            }
        }
    }

    /// The pandoc input format for a file name, nil for plain text.
    public static func format(of path: String) -> String? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "docx": return "docx"
        case "html", "htm", "shtml", "xhtml": return "html"
        default: return nil
        }
    }

    static let flattenTables = """
    local function cells(row, out)
      for _, cell in ipairs(row.cells) do
        for _, block in ipairs(cell.contents) do table.insert(out, block) end
      end
    end
    function Table(tbl)
      local out = {}
      if tbl.caption and tbl.caption.long then
        for _, block in ipairs(tbl.caption.long) do table.insert(out, block) end
      end
      for _, row in ipairs(tbl.head.rows) do cells(row, out) end
      for _, body in ipairs(tbl.bodies) do
        for _, row in ipairs(body.head) do cells(row, out) end
        for _, row in ipairs(body.body) do cells(row, out) end
      end
      for _, row in ipairs(tbl.foot.rows) do cells(row, out) end
      return out
    end
    """

    /// The document's text (UTF-8) as pandoc writes it, tables one cell per line.
    public static func plainText(of path: String, format: String, pandoc: String = "pandoc") throws -> Data {
        let filter = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-flatten-\(UUID().uuidString).lua")
        try Data(flattenTables.utf8).write(to: filter)
        defer { try? FileManager.default.removeItem(at: filter) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [pandoc, "--from", format, "--to", "plain", "--wrap=none", "--lua-filter", filter.path, path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw Failure.pandocMissing(path) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw Failure.pandocMissing(path) }
        guard process.terminationStatus == 0 else { throw Failure.pandocFailed(path, message.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return data
    }
}
