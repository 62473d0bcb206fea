import CCmarkGFM
import Foundation

public struct MarkdownOptions: Sendable {
    /// Pass raw HTML through. Off by default: cmark-gfm's safe mode drops it and the
    /// tagfilter extension disarms what would remain.
    public var allowRawHTML: Bool
    public init(allowRawHTML: Bool = false) { self.allowRawHTML = allowRawHTML }
}

/// The only door to cmark-gfm. Parses Markdown with the GFM extensions (table,
/// strikethrough, autolink, tagfilter, tasklist, footnotes), copies every top-level block
/// out as a `MarkdownBlock` and frees all C memory before returning.
public enum MarkdownParser {
    /// cmark-gfm's parser is not thread-safe (the inline special-character table is
    /// process-global and extensions add to and remove from it on every parse).
    private static let parseLock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    public static func parse(_ markdown: String, options: MarkdownOptions = .init()) -> [MarkdownBlock] {
        _ = registration
        var cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        if options.allowRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        guard let parser = cmark_parser_new(cmarkOptions) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        parseLock.lock()
        markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        let document = cmark_parser_finish(parser)
        parseLock.unlock()
        guard let document else { return [] }
        defer { cmark_node_free(document) }

        let extensions = cmark_parser_get_syntax_extensions(parser)
        let renderer = BlockCopier(options: cmarkOptions, extensions: extensions)
        var blocks: [MarkdownBlock] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            blocks.append(renderer.copy(node))
            child = cmark_node_next(node)
        }
        return mergeFootnotes(blocks)
    }

    /// cmark-gfm wraps each footnote definition rendered on its own in a list of its own, so
    /// the numbers would all read 1: put the definitions (always last) in one list again.
    static func mergeFootnotes(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        let notes = blocks.filter { $0.kind == .footnotes }
        guard notes.count > 1 || notes.first.map({ $0 != blocks.last }) == true else { return blocks }
        let open = "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
        let close = "</ol>\n</section>"
        let items = notes.map { note -> String in
            var html = note.html
            if html.hasPrefix(open) { html.removeFirst(open.count) }
            if html.hasSuffix(close) { html.removeLast(close.count) }
            return html
        }
        let merged = MarkdownBlock(kind: .footnotes, text: notes.map(\.text).joined(separator: "\n"),
                                   html: open + items.joined() + close,
                                   startLine: notes.first!.startLine, endLine: notes.last!.endLine,
                                   links: notes.flatMap(\.links))
        return blocks.filter { $0.kind != .footnotes } + [merged]
    }
}

/// Copies one C node (and its subtree) into Swift values. Used only while the C tree lives.
struct BlockCopier {
    let options: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?

    func copy(_ node: OpaquePointer) -> MarkdownBlock {
        let links = neutraliseAndCollectLinks(node)
        let kind = blockKind(node)
        var items: [MarkdownBlock] = []
        var html: String
        if case .list = kind {
            var item = cmark_node_first_child(node)
            while let current = item {
                items.append(MarkdownBlock(kind: .paragraph, text: plainText(current),
                                           html: renderChildren(current),
                                           startLine: Int(cmark_node_get_start_line(current)),
                                           endLine: Int(cmark_node_get_end_line(current))))
                item = cmark_node_next(current)
            }
            html = render(node)
        } else {
            html = render(node)
        }
        if html.hasSuffix("\n") { html.removeLast() }
        return MarkdownBlock(kind: kind, text: plainText(node), html: html,
                             startLine: Int(cmark_node_get_start_line(node)),
                             endLine: Int(cmark_node_get_end_line(node)),
                             links: links, items: items)
    }

    func render(_ node: OpaquePointer) -> String {
        guard let cString = cmark_render_html(node, options, extensions) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }

    func renderChildren(_ node: OpaquePointer) -> String {
        var parts: [String] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            parts.append(render(current))
            child = cmark_node_next(current)
        }
        return parts.joined()
    }

    func typeName(_ node: OpaquePointer) -> String {
        guard let name = cmark_node_get_type_string(node) else { return "" }
        return String(cString: name)
    }

    func blockKind(_ node: OpaquePointer) -> MarkdownBlock.Kind {
        // cmark-gfm 0.29 names footnote definitions "<unknown>": compare the type itself.
        if cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION { return .footnotes }
        switch typeName(node) {
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)))
        case "paragraph": return .paragraph
        case "list":
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)))
        case "block_quote": return .blockQuote
        case "code_block": return .codeBlock
        case "html_block": return .htmlBlock
        case "thematic_break": return .thematicBreak
        case "table": return .table
        case let other: return .other(other)
        }
    }

    /// Plain text of a subtree: literals of text and code, soft and hard breaks as "\n".
    func plainText(_ root: OpaquePointer) -> String {
        var out = ""
        walk(root) { node, entering in
            switch typeName(node) {
            case "text", "code", "code_block":
                if entering, let literal = cmark_node_get_literal(node) { out += String(cString: literal) }
            case "softbreak", "linebreak":
                if entering { out += "\n" }
            case "table_row":
                if !entering { out += "\n" }
            case "table_cell":
                if !entering { out += " | " }
            case "paragraph", "heading", "item":
                if !entering, root != node, !out.hasSuffix("\n") { out += "\n" }
            default: break
            }
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// Collects links and images; URLs with a dangerous scheme (javascript:, vbscript:,
    /// data:, file:) are replaced by an empty URL in the tree before rendering.
    func neutraliseAndCollectLinks(_ root: OpaquePointer) -> [MarkdownLink] {
        var links: [MarkdownLink] = []
        walk(root) { node, entering in
            guard entering else { return }
            let type = typeName(node)
            guard type == "link" || type == "image" else { return }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            links.append(MarkdownLink(url: url, text: plainText(node),
                                      line: Int(cmark_node_get_start_line(node)), isImage: type == "image"))
            if URLPolicy.isDangerous(url) { cmark_node_set_url(node, "") }
        }
        return links
    }

    func walk(_ root: OpaquePointer, _ visit: (OpaquePointer, Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }
}
