import Foundation
@testable import Importer
import Testing

/// Title, 文号, issuing body, date and period, read from the notice, the title and the page.
@Suite struct MetadataTests {
    @Test func aCityNotice() throws {
        let result = Importing.fixture("huzhou-2018-excerpt.txt", region: "huzhou")
        #expect(Importing.frontMatter(result, "title") == "湖州市生态文明示范创建行动计划(2018-2022)")
        #expect(Importing.frontMatter(result, "doc_number") == "湖政发〔2018〕18号")
        #expect(Importing.frontMatter(result, "issuer") == "湖州市人民政府")
        #expect(Importing.frontMatter(result, "issue_date") == "2018-07-20", "the signature date, not the 印发 date 2018-07-26")
        #expect(Importing.frontMatter(result, "period") == "2018-2022")
        #expect(Importing.frontMatter(result, "region") == "huzhou")
        // The notice title written over two lines becomes one heading.
        let first = Fixture.line(equal: "湖州市人民政府关于印发湖州市", in: "huzhou-2018-excerpt.txt")
        #expect(result.report.has(.heading, line: first, containing: "分两行"))
        #expect(Importing.body(result).contains("## 湖州市人民政府关于印发湖州市生态文明示范创建行动计划(2018-2022)的通知"))
        let plan = try Importing.plan(result)
        #expect(plan.startYear == 2018 && plan.endYear == 2022)
    }

    @Test func aProvincialWorkPlanForOneYear() {
        let result = Importing.fixture("zhejiang-2020-excerpt.txt", region: "zhejiang")
        #expect(Importing.frontMatter(result, "title") == "2020年全省生态环境工作要点")
        #expect(Importing.frontMatter(result, "issuer") == "浙江省生态环境厅")
        #expect(Importing.frontMatter(result, "issue_date") == "2020-02-12", "not the reprint's 发布日期 2021-06-19")
        #expect(Importing.frontMatter(result, "period") == "2020")
        #expect(Importing.frontMatter(result, "doc_number") == nil)
        #expect(result.report.items(.metadata).contains { $0.message.contains("未找到文号") })
    }

    @Test func aFiveYearPlanWithoutNoticeTakesTitleIssuerAndDateFromThePage() {
        let name = "huzhou-14th-excerpt.txt"
        let result = Importing.fixture(name, region: "huzhou")
        #expect(Importing.frontMatter(result, "title") == "湖州市生态环境保护“十四五” 规划")
        #expect(Importing.frontMatter(result, "period") == "2021-2025", "十四五")
        #expect(Importing.frontMatter(result, "issuer") == "湖州市人民政府")
        #expect(Importing.frontMatter(result, "issue_date") == "2021-12-09")
        let pageLine = Fixture.line(of: "来源:湖州市人民政府", in: name)
        #expect(result.report.has(.metadata, line: pageLine, containing: "来源"))
        #expect(result.report.has(.metadata, line: pageLine, containing: "发布时间"))
        #expect(result.report.has(.metadata, line: 1, containing: "网页标题"))
        // The title is not repeated in the body: the preamble comes first.
        #expect(Importing.body(result).first { !$0.isEmpty }?.hasPrefix("为做好“十四五”时期生态环境保护工作") == true)
    }

    @Test func aRedactedTitleTakesThePeriodFromTheText() {
        let name = "shengzhou-2024-excerpt.txt"
        let result = Importing.fixture(name, region: "shengzhou")
        #expect(Importing.frontMatter(result, "title") == "2024-20 (略) 国家生态文明建设示范区创建工作推进方案")
        #expect(Importing.frontMatter(result, "issuer") == "市委市政府美丽嵊州建设领导小组办公室")
        #expect(Importing.frontMatter(result, "period") == "2024-2025")
        #expect(result.report.has(.metadata, line: Fixture.line(of: "方案实施期限", in: name), containing: "取自正文"))
        #expect(Importing.frontMatter(result, "issue_date") == nil)
        #expect(result.report.has(.metadata, line: Fixture.line(of: "**日", in: name), containing: "不可读"))
    }

    @Test func documentNumbersOfOtherForms() {
        let text = """
        衢委办〔2011〕92号

        中共衢州市委办公室关于印发衢州市生态文明建设工作要点的通知

        各县(市、区)委,市直各单位:

        现将《2011年衢州市生态文明建设工作要点》印发给你们,请认真贯彻执行。

        中共衢州市委办公室

        二〇一一年五月十六日

        2011年衢州市生态文明建设工作要点

        一、总体要求

        1.加强组织领导。各地要把生态文明建设摆上重要位置。
        """
        let result = Importing.run(text)
        #expect(Importing.frontMatter(result, "doc_number") == "衢委办〔2011〕92号")
        #expect(Importing.frontMatter(result, "issuer") == "中共衢州市委办公室")
        #expect(Importing.frontMatter(result, "issue_date") == "2011-05-16")
        #expect(Importing.frontMatter(result, "title") == "2011年衢州市生态文明建设工作要点")
        #expect(Importing.frontMatter(result, "period") == "2011")
    }

    @Test func periodsFromTitles() {
        #expect(MetadataDetector.period(fromTitle: "湖州市生态文明示范创建行动计划(2018-2022)") == "2018-2022")
        #expect(MetadataDetector.period(fromTitle: "湖州市生态环境保护“十四五” 规划") == "2021-2025")
        #expect(MetadataDetector.period(fromTitle: "浙江省“十三五”生态环境保护规划") == "2016-2020")
        #expect(MetadataDetector.period(fromTitle: "2020年全省生态环境工作要点") == "2020")
        #expect(MetadataDetector.period(fromTitle: "嵊州市2024—2025年创建方案") == "2024-2025")
        #expect(MetadataDetector.period(fromTitle: "2024-20 (略) 国家生态文明建设示范区创建工作推进方案") == nil)
        #expect(TextPatterns.dateLine("2018年7月20日") == "2018-07-20")
        #expect(TextPatterns.dateLine("二〇二〇年二月十二日") == "2020-02-12")
        #expect(TextPatterns.dateLine("2018年13月20日") == nil)
    }

    @Test func missingMetadataIsAnEditInTheReview() {
        let result = Importing.run("一、总体要求\n\n1.加强组织领导。各地要把生态文明建设摆上重要位置。\n")
        #expect(Importing.frontMatter(result, "period") == "待核")
        #expect(result.report.requiredEdits.contains { $0.message.contains("period") })
        #expect(result.report.requiredEdits.contains { $0.message.contains("issuer") })
    }
}
