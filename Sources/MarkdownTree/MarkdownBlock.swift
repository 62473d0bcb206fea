/// A top-level block of a Markdown document, copied out of cmark-gfm's tree.
///
/// Nothing here points into C memory: the parser copies what the rest of plansite needs
/// (kind, plain text, rendered HTML, source lines, links) and frees the C tree.
public struct MarkdownBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case heading(level: Int)
        case paragraph
        case list(ordered: Bool, start: Int)
        case blockQuote
        case codeBlock
        case htmlBlock
        case thematicBreak
        case table
        /// Footnote definitions, which cmark-gfm moves to the end; merged into one block.
        case footnotes
        case other(String)
    }

    public let kind: Kind
    /// Plain text of the block. A soft line break is kept as "\n" so that a position in the
    /// text maps back to a source line; tables give one row a line, cells separated by " | ".
    public let text: String
    /// HTML rendered by cmark-gfm with the parse's options and extensions.
    public let html: String
    /// 1-based lines in the Markdown text that was parsed.
    public let startLine: Int
    public let endLine: Int
    /// Links and images in the block, with the URL as written (before any neutralising).
    public let links: [MarkdownLink]
    /// For lists: one entry per item (kind `.paragraph`, html of the item's content).
    public let items: [MarkdownBlock]

    public init(kind: Kind, text: String, html: String, startLine: Int, endLine: Int,
                links: [MarkdownLink] = [], items: [MarkdownBlock] = []) {
        self.kind = kind
        self.text = text
        self.html = html
        self.startLine = startLine
        self.endLine = endLine
        self.links = links
        self.items = items
    }
}

public struct MarkdownLink: Sendable, Equatable {
    public let url: String
    public let text: String
    public let line: Int
    public let isImage: Bool
}
