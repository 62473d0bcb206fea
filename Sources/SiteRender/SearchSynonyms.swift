import Foundation
import PlanModel

/// Terms the search treats as one (`Templates/synonyms.txt`): a query word that is one of a
/// group's terms also finds the others (O3 finds 臭氧 and 臭氧 finds O3). One group per line,
/// terms separated by `=`; `#` starts a comment line. Staff extend the file; the search page
/// carries the groups.
public struct SearchSynonyms: Equatable, Sendable {
    public static let fileName = "synonyms.txt"
    public let groups: [[String]]

    public init(groups: [[String]]) { self.groups = groups }

    /// The groups of the templates folder's synonyms file; none when there is no file. A line
    /// with fewer than two terms, or a file that is not UTF-8, is an error at its line.
    public static func read(directory: String) -> Result<SearchSynonyms, Diagnostic> {
        let path = "\(directory)/\(fileName)"
        return parse(FileManager.default.contents(atPath: path), path: path)
    }

    /// The groups of a synonyms file's bytes (nil: there is no file); `path` names it in
    /// diagnostics.
    public static func parse(_ data: Data?, path: String) -> Result<SearchSynonyms, Diagnostic> {
        guard let data else { return .success(SearchSynonyms(groups: [])) }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.error("synonyms", at: SourceLocation(path: path), "the synonyms file is not UTF-8 text",
                                   hint: "save it as UTF-8"))
        }
        var groups: [[String]] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let terms = line.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard terms.count >= 2, !terms.contains(where: \.isEmpty) else {
                return .failure(.error("synonyms", at: SourceLocation(path: path, line: i + 1),
                                       "expected two or more terms separated by '=', found '\(line)'",
                                       hint: "write one group of equivalent terms per line, e.g. 'O3 = 臭氧'"))
            }
            groups.append(terms)
        }
        return .success(SearchSynonyms(groups: groups))
    }
}
