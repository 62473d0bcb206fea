import Foundation
import PlanModel
import Testing

/// Cell by cell: every indicator's and observation's value in Content/ is found, as written, at
/// the place its `source` cites in the source texts (Tests/Fixtures/sources: the four plans in
/// seeds/, the later reports in sources/observations-2021-2022.md). A value changed by hand in Content/ is
/// no longer found there and fails. Rows whose citation the audit cannot resolve are listed
/// (printed with their count) and must be exactly those of `expectedUnchecked`.
@Suite struct SourceFidelityTests {
    static let shared = BundledContentTests.root.appendingPathComponent("Tests/Fixtures/sources")

    /// The plan each seed text is (see Tests/Fixtures/sources/README.md).
    static let seeds = ["huzhou-2018": "000_1751c3c416aff1e8.txt", "shengzhou-2024": "002_d8d920d3a556d624.txt",
                        "zhejiang-2020": "003_8acfa53a62f4f6b4.txt", "huzhou-14th": "004_54cb26dd9148b49c.txt"]
    static let laterReports = "sources/observations-2021-2022.md"

    /// Rows the audit cannot check, and why: their source states the value in a table or chart
    /// the later-reports list describes without quoting a sentence.
    static let expectedUnchecked: Set<String> = [
        "observation shengzhou/pm25 2021 15 (2021年6月月均值)",
        "observation shengzhou/pm25 2021 27 (2021年1—6月累计均值)",
        "observation zhejiang/water-class3 2016 77.4 (annual)",
        "observation zhejiang/water-class3 2021 95.2 (annual)",
    ]

    static func text(_ relativePath: String) throws -> SourceAudit.SourceText {
        let url = shared.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MissingSource(path: url.path)
        }
        return SourceAudit.SourceText(name: relativePath, text: String(decoding: data, as: UTF8.self))
    }

    struct MissingSource: Error, CustomStringConvertible {
        let path: String
        var description: String { "the source texts are missing: \(path)" }
    }

    /// Every indicator and observation of the bundled content as a row of the audit.
    static func rows(_ content: SiteContent) throws -> [SourceAudit.Row] {
        var texts: [String: SourceAudit.SourceText] = [:]
        for (plan, file) in seeds { texts[plan] = try text("seeds/" + file) }
        let later = try text(laterReports)
        var rows: [SourceAudit.Row] = []
        for plan in content.plans {
            for indicator in plan.indicators {
                let values = ([indicator.baseline].compactMap { $0 } + indicator.targets.map(\.value)).map { $0.repair?.written ?? $0.raw }
                    + (indicator.reported.isEmpty ? [] : [indicator.reported])
                rows.append(SourceAudit.Row(label: "indicator \(indicator.key)", text: texts[plan.id], citation: indicator.source,
                                            values: values, name: indicator.nameSource.isEmpty ? indicator.name : indicator.nameSource))
            }
        }
        for region in content.regions {
            for o in region.observations {
                let cited = seeds.keys.first { o.source.hasPrefix($0 + " ") }
                let text = cited.flatMap { texts[$0] } ?? (o.source.contains("http") ? later : nil)
                let citation = cited.map { String(o.source.dropFirst($0.count + 1)) } ?? o.source
                rows.append(SourceAudit.Row(label: "observation \(o.metricKey) \(o.year) \(o.value.raw) (\(o.basis))", text: text,
                                            citation: citation, values: [o.value.raw], name: nil))
            }
        }
        for text in texts.values {
            text.citedLines = rows.filter { $0.text === text }
                .compactMap { SourceAudit.firstNumber(after: "第", in: $0.citation, before: "行") }.sorted()
        }
        return rows
    }

    @Test func everyValueIsFoundWhereItsSourceSaysItIs() throws {
        let content = try #require(BundledContentTests.outcome.site?.content)
        let rows = try Self.rows(content)
        let verdicts = rows.map { ($0, SourceAudit.verdict($0)) }
        let checked = verdicts.filter { $0.1 == .checked }
        var unchecked: [String: String] = [:]
        for (row, verdict) in verdicts {
            if case .unresolved(let why) = verdict { unchecked[row.label] = why }
            if case .failed(let why) = verdict { Issue.record("\(row.label): \(why)") }
        }
        print("Source fidelity: \(checked.count) of \(rows.count) rows checked against their source; \(unchecked.count) could not be checked:")
        for (label, why) in unchecked.sorted(by: { $0.key < $1.key }) { print("  \(label): \(why)") }
        #expect(Set(unchecked.keys) == Self.expectedUnchecked)
        #expect(rows.count == checked.count + unchecked.count + verdicts.filter { if case .failed = $0.1 { true } else { false } }.count)
    }

    /// The audit itself: a value changed by hand in one real row is no longer found.
    @Test func aValueChangedByHandIsNotFound() throws {
        let content = try #require(BundledContentTests.outcome.site?.content)
        let rows = try Self.rows(content)
        for label in ["indicator huzhou-2018/pm25", "indicator huzhou-14th/t1-so2", "indicator shengzhou-2024/eco-assessment-share",
                      "indicator zhejiang-2020/water-class3", "observation huzhou/pm25 2022 29 (annual)"] {
            let row = try #require(rows.first { $0.label == label })
            #expect(SourceAudit.verdict(row) == .checked, "\(label)")
            let changed = SourceAudit.Row(label: row.label, text: row.text, citation: row.citation,
                                          values: row.values.map(Self.lastDigitChanged), name: row.name)
            guard case .failed = SourceAudit.verdict(changed) else {
                Issue.record("\(label): a changed value was still found")
                continue
            }
        }
    }

    /// `控制在35微克/立方米以内` → `控制在36微克/立方米以内`: the kind of slip a hand edit makes.
    static func lastDigitChanged(_ value: String) -> String {
        var scalars = Array(value.unicodeScalars)
        guard let i = scalars.lastIndex(where: { ("0"..."9").contains($0) }) else { return value + "以上" }
        scalars[i] = Unicode.Scalar((scalars[i].value - 0x30 + 1) % 10 + 0x30)!
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func citationsAreRead() {
        #expect(SourceAudit.quotation(in: "一(二)工作目标“——水环境质量”：“达到“五个100%””,原文") == "达到“五个100%”")
        #expect(SourceAudit.quotation(in: "前言“主要目标是:……”段:“全省设区城市PM2.5平均浓度稳定达标”") == "全省设区城市PM2.5平均浓度稳定达标")
        #expect(SourceAudit.quotation(in: "表2 序号5") == nil)
        #expect(SourceAudit.firstNumber(after: "第", in: "附件1 序号5(水环境质量)第2项“县城污水处理率”(种子第233行)", before: "行") == 233)
        #expect(SourceAudit.firstNumber(after: "表", in: "表2 湖州市“十四五”生态环境保护主要指标 序号17(第1项)") == 2)
    }
}
