import ContentReader
import Foundation
import PlanModel

/// A draft `departments.csv` (and `region.yaml`) for a region plansite does not know yet: one
/// row per distinct department the plan names, so that the user reviews a list instead of
/// writing it. Names are taken as `plansite check` will read them: the level prefix (省/市/县/区)
/// carried over within a list is written out (`市发改委、科技局` → 市科技局), and names that differ
/// only by that prefix (环保局, 市环保局) are one department with the others as aliases.
struct DepartmentsDraft {
    struct Row: Equatable {
        var id: String
        var name: String
        var kind: String
        var aliases: [String]
        /// Source line of the first mention.
        var line: Int?
    }

    private(set) var rows: [Row] = []
    /// Names of two or more prefixed variants (区财政局, 市财政局) whose bare form cannot be placed.
    private(set) var ambiguous: [String] = []

    static let prefixes: [Character] = ["省", "市", "县", "区"]
    static let notPrefixed = ["市场", "区域", "省级", "县级", "市级", "区级"]

    /// The names of `lists` (each a list as written, in order) with the prefix carried over.
    static func carried(_ lists: [[(name: String, line: Int?)]]) -> [(name: String, written: String, line: Int?)] {
        var out: [(String, String, Int?)] = []
        for list in lists {
            var carried: Character?
            for mention in list {
                let name = NameNormalisation.normalise(mention.name)
                if let own = prefix(of: name) {
                    carried = own
                    out.append((name, name, mention.line))
                } else if let c = carried, !name.hasPrefix("各"), !name.hasPrefix("中共"), !name.hasPrefix("国"), !name.contains("公司") {
                    out.append((String(c) + name, name, mention.line))
                } else {
                    out.append((name, name, mention.line))
                }
            }
        }
        return out
    }

    static func prefix(of name: String) -> Character? {
        guard let first = name.first, prefixes.contains(first), name.count > 1,
              !notPrefixed.contains(where: { name.hasPrefix($0) }) else { return nil }
        return first
    }

    static func key(_ name: String) -> String { prefix(of: name) != nil ? String(name.dropFirst()) : name }

    init(lists: [[(name: String, line: Int?)]]) {
        let names = Self.carried(lists)
        // Group by the name without its prefix; one group per distinct prefixed name.
        var order: [String] = []
        var variants: [String: [(name: String, line: Int?)]] = [:]
        for n in names {
            for written in [n.name] + (n.written != n.name ? [n.written] : []) {
                let k = Self.key(written)
                if variants[k] == nil { order.append(k); variants[k] = [] }
                if !variants[k]!.contains(where: { $0.name == written }) { variants[k]!.append((written, n.line)) }
            }
        }
        var used: Set<String> = []
        for k in order {
            let group = variants[k]!
            let prefixed = group.filter { Self.prefix(of: $0.name) != nil }
            let bare = group.filter { Self.prefix(of: $0.name) == nil }
            if prefixed.count <= 1 {
                let canonical = prefixed.first ?? bare.first!
                let aliases = group.map(\.name).filter { $0 != canonical.name }
                rows.append(Row(id: Self.id(for: canonical.name, rows.count, &used), name: canonical.name,
                                kind: Self.kind(of: canonical.name), aliases: aliases, line: canonical.line))
            } else {
                // 区财政局 and 市财政局: different departments; the bare 财政局 stays its own row.
                for variant in prefixed + bare {
                    rows.append(Row(id: Self.id(for: variant.name, rows.count, &used), name: variant.name,
                                    kind: Self.kind(of: variant.name), aliases: [], line: variant.line))
                }
                if !bare.isEmpty { ambiguous.append(k) }
            }
        }
    }

    /// `kind` as the name suggests it; the user checks it.
    static func kind(of name: String) -> String {
        if name.hasSuffix("公司") || name.hasSuffix("集团") || name.hasSuffix("银行") { return "enterprise" }
        // Groups rather than one department: 各街道, 区级有关部门, 领导小组成员单位.
        if name.hasPrefix("各") || ["有关部门", "相关部门", "有关单位", "相关单位", "成员单位"].contains(where: { name.hasSuffix($0) }) {
            return "other"
        }
        if ["委办", "组织部", "宣传部", "统战部", "政法委", "纪委", "党委", "编办", "党校"].contains(where: { name.hasSuffix($0) })
            || name.hasPrefix("中共") { return "party" }
        return "government"
    }

    /// IDs are plain ASCII (they become URLs): `d01`, `d02`, … in order of first mention.
    static func id(for name: String, _ index: Int, _ used: inout Set<String>) -> String {
        var id = String(format: "d%02d", index + 1)
        var n = 2
        while used.contains(id) { id = String(format: "d%02d-%d", index + 1, n); n += 1 }
        used.insert(id)
        return id
    }

    var csv: String {
        DraftWriter.csv([["id", "name", "kind", "aliases", "note"]]
            + rows.map { [$0.id, $0.name, $0.kind, $0.aliases.joined(separator: ";"), $0.line.map { "plansite import 草稿：首见于源文件第\($0)行" } ?? "plansite import 草稿"] })
    }

    /// region.yaml drafted from the issuing body (`青溪区人民政府` → 青溪区, level 县).
    static func regionYAML(issuer: String?) -> String {
        let issuer = issuer ?? ""
        var name = "待核"
        if let m = TextPatterns.match(#"^(?:中共)?(\p{Han}{1,12}?(?:自治区|自治州|自治县|省|市|区|县|旗))(?:人民政府|人民代表大会|委员会|政府|办公室|$)"#, issuer)
            ?? TextPatterns.match(#"^(?:中共)?(\p{Han}{1,8}?(?:省|市|区|县))"#, issuer) { name = m[1] }
        let level: String
        switch name.last {
        case "省": level = "省"
        case "市", "州": level = "市"
        default: level = name == "待核" ? "市" : "县"
        }
        return "name: \(DraftWriter.yaml(name))\nlevel: \(level)\n"
    }
}
