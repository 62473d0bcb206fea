import Testing
@testable import PlanModel
@testable import ContentReader
@testable import Linking

@Suite struct DepartmentResolverTests {
    func resolver(_ departments: [Department] = Build.cityDepartments) -> (DepartmentResolver, [Diagnostic]) {
        var log = DiagnosticLog()
        let r = DepartmentResolver(region: Build.region(departments), regionFolder: Build.regionFolder, log: &log)
        return (r, log.all)
    }

    func resolve(_ names: [String], with departments: [Department] = Build.cityDepartments,
                 role: AssignmentRole = .co) -> ([ResolvedAssignment], [Diagnostic]) {
        let (r, setup) = resolver(departments)
        var log = DiagnosticLog()
        let mentions = names.enumerated().map { Build.mention($1, role, column: $0 * 5 + 1) }
        let result = r.resolve(mentions, log: &log)
        return (result, setup + log.all)
    }

    @Test func normaliseFastPathAgreesWithFoundation() {
        // Names the fast path takes (CJK, ASCII, fullwidth, spaces of several kinds) and names it
        // must hand to Foundation (combining marks, kana voiced marks, compatibility ideographs).
        let names = ["市发展和改革委员会", " 市 发改委 ", "市\u{3000}生态环境局\t", "ＡＢＣ局", "Ecology Bureau", "局\r\n",
                     "e\u{301}局", "か\u{3099}", "\u{F900}局", "\u{2000}局", "市\u{A0}局", "가\u{11A8}", ""]
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["市", "局", " ", "\u{3000}", "\n", "a", "Ｚ", "。", "（", "\u{3099}", "\u{301}", "\u{F900}", "か"]
        let random = (0..<500).map { _ in
            String(String.UnicodeScalarView((0..<Int.random(in: 0...6, using: &generator)).map { _ in pool.randomElement(using: &generator)! }))
        }
        for name in names + random {
            #expect(Array(DepartmentResolver.normalise(name).utf8) == Array(NameNormalisation.foundationNormalise(name).utf8), "\(name.debugDescription)")
        }
        #expect(DepartmentResolver.normalise(" 市 发改委 ") == "市发改委")
        #expect(DepartmentResolver.normalise("e\u{301}局") == "\u{E9}局")
    }

    @Test func canonicalNameAndAliasResolve() {
        let (r, diagnostics) = resolver()
        #expect(diagnostics.isEmpty)
        #expect(r.lookup("市发展和改革委员会")?.id == "fgw")
        #expect(r.lookup("市发改委")?.id == "fgw")
        #expect(r.lookup("发改委")?.id == "fgw")
        #expect(r.lookup("科技局") == nil)
    }

    /// Pages show the name as written beside the canonical one when they differ after
    /// normalisation; whether they do is found once, when the name is resolved.
    @Test func writtenAsCanonicalComparesNormalisedNames() {
        let (result, diagnostics) = resolve(["市发改委", " 市 科技局", "公安局"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // 市发改委 is an alias; " 市 科技局" is the canonical name with spaces; 公安局 is
        // 市公安局 by the carried prefix, written without it.
        #expect(result.map(\.writtenAsCanonical) == [false, true, false])
        #expect(resolve(["市发展和改革委员会"]).0.map(\.writtenAsCanonical) == [true])
        let (cafe, _) = resolver([Build.department("cafe", "市Café管理处")])
        var log = DiagnosticLog()
        let decomposed = cafe.resolve([Build.mention("市Cafe\u{301}管理处", .lead, column: 1)], log: &log)
        #expect(decomposed.first?.writtenAsCanonical == true)
    }

    @Test func spacesAreIgnoredAndNamesAreNFC() {
        let (r, _) = resolver([Build.department("cafe", "市Café管理处")])
        #expect(r.lookup("市Cafe\u{301}管理处")?.id == "cafe")   // decomposed é
        let (r2, _) = resolver()
        #expect(r2.lookup(" 市 发改委 ")?.id == "fgw")
    }

    @Test func levelPrefixCarriesOverWithinAList() {
        let (result, diagnostics) = resolve(["市发改委", "科技局", "公安局"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(result.map(\.departmentKey) == ["r/fgw", "r/kjj", "r/gaj"])
        // The name stays as written.
        #expect(result.map(\.written) == ["市发改委", "科技局", "公安局"])
        #expect(result.allSatisfy { $0.role == .co })
    }

    @Test func otherLevelPrefixesCarryOverToo() {
        let departments = [Build.department("xhbj", "县环保局"), Build.department("xnyj", "县农业局")]
        let (result, diagnostics) = resolve(["县环保局", "农业局"], with: departments)
        #expect(diagnostics.isEmpty)
        #expect(result.map(\.departmentKey) == ["r/xhbj", "r/xnyj"])
    }

    @Test func theLastPrefixCarriesOver() {
        let departments = Build.cityDepartments + [Build.department("xnyj", "县农业局")]
        // 市发改委、县…: the later 县 replaces the carried 市.
        let (result, diagnostics) = resolve(["市发改委", "县农业局", "农业局"], with: departments)
        #expect(diagnostics.isEmpty)
        #expect(result.map(\.departmentKey) == ["r/fgw", "r/xnyj"])   // the repeat collapses
    }

    @Test func bareNameWinsWhenRegistered() {
        let departments = Build.cityDepartments + [Build.department("kjj-bare", "科技局", line: 9)]
        let (result, diagnostics) = resolve(["市发改委", "科技局"], with: departments)
        #expect(diagnostics.isEmpty)
        #expect(result.map(\.departmentKey) == ["r/fgw", "r/kjj-bare"])
    }

    @Test func noCarryOverWithoutAPrefixedNameBefore() throws {
        let (result, diagnostics) = resolve(["科技局", "市发改委"])
        #expect(result.map(\.departmentKey) == ["r/fgw"])
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == "unknown-department")
    }

    @Test func unknownDepartmentIsAnErrorWithLocationAndHint() throws {
        let (r, _) = resolver()
        var log = DiagnosticLog()
        let mention = Build.mention("市统计局", line: 42, column: 17)
        let result = r.resolve([Build.mention("市发改委"), mention], log: &log)
        #expect(result.map(\.departmentKey) == ["r/fgw"])
        try #require(log.all.count == 1)
        let d = log.all[0]
        #expect(d.code == "unknown-department")
        #expect(d.severity == .error)
        #expect(d.location == mention.location)
        #expect(d.location == SourceLocation(path: "Content/plans/p/plan.md", line: 42, column: 17))
        #expect(d.message.contains("市统计局"))
        #expect(d.hint?.contains("Content/regions/r/departments.csv") == true)
    }

    @Test func ambiguousNameAcrossTwoDepartmentsIsAnError() throws {
        let departments = [
            Build.department("hbj", "市环境保护局", aliases: ["环保局"], line: 2),
            Build.department("sthj", "市生态环境局", aliases: ["环保局"], line: 3),
        ]
        let (_, diagnostics) = resolver(departments)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == "ambiguous-department")
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].location == SourceLocation(path: "Content/regions/r/departments.csv", line: 3))
        #expect(diagnostics[0].message.contains("hbj") && diagnostics[0].message.contains("sthj"))
        #expect(diagnostics[0].message.contains("环保局"))
    }

    @Test func aliasEqualToItsOwnNameIsNotAmbiguous() {
        let (_, diagnostics) = resolver([Build.department("kjj", "市科技局", aliases: ["市科技局", "市 科技局"])])
        #expect(diagnostics.isEmpty)
    }

    @Test func repeatedNameInOneListIsResolvedOnce() {
        let (result, _) = resolve(["市发改委", "市发展和改革委员会"])
        #expect(result.map(\.departmentKey) == ["r/fgw"])
    }

    @Test func indicatorDepartmentCellMarksTheLeadWithAStar() {
        let at = SourceLocation(path: "Content/plans/p/indicators.csv", line: 3, column: 40)
        let mentions = IndicatorTableReader.departments("市环保局*、市水利局，市科技局＊", at: at)
        #expect(mentions.map(\.name) == ["市环保局", "市水利局", "市科技局"])
        #expect(mentions.map(\.role) == [.lead, .co, .lead])
        #expect(mentions.allSatisfy { $0.location == at })
        #expect(IndicatorTableReader.departments("", at: at).isEmpty)
        #expect(IndicatorTableReader.departments("市发改委", at: at).map(\.role) == [.co])
    }
}

@Suite struct LevelPrefixTests {
    @Test func marketSupervisionIsNotACityPrefix() {
        #expect(DepartmentResolver.levelPrefix(of: "市场监管局") == nil)
        #expect(DepartmentResolver.levelPrefix(of: "市发改委") == "市")
        #expect(DepartmentResolver.levelPrefix(of: "县农业农村局") == "县")
        #expect(DepartmentResolver.levelPrefix(of: "市") == nil)
    }

    /// The scalar pre-checks of `levelPrefix(of:)` against its definition on Characters, for
    /// names built from level characters, the second characters of the words that are not
    /// prefixes, a compatibility ideograph equivalent to 省 and combining marks.
    @Test func scalarChecksAgreeWithTheCharacterDefinition() {
        let pieces = ["省", "市", "县", "区", "\u{F96D}", "场", "域", "级", "发改委", "监管局", "a", " ", "\u{301}", "\u{20DD}",
                      "\u{3099}", "e\u{301}", "(", "😀", "\u{200D}", "\r", "\n"]
        var names: [String] = [""]
        for a in pieces {
            names.append(a)
            for b in pieces {
                names.append(a + b)
                for c in pieces { names.append(a + b + c) }
            }
        }
        for name in names {
            #expect(DepartmentResolver.levelPrefix(of: name) == DepartmentResolver.levelPrefixCharacters(of: name),
                    "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(DepartmentResolver.levelPrefix(of: "\u{F96D}发改委") == "省")
        #expect(names.count > 9_000)
    }
}

@Suite struct WhiteSpaceTests {
    @Test func theSwitchIsTheWhiteSpaceProperty() {
        var spaces = 0
        var disagreements: [String] = []   // one expectation, not 1.1 million
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if WhiteSpace.contains(scalar) != scalar.properties.isWhitespace { disagreements.append("U+\(String(value, radix: 16))") }
            if WhiteSpace.contains(scalar) { spaces += 1 }
        }
        #expect(disagreements.isEmpty)
        #expect(spaces == 25)
    }
}
