import Foundation
import Testing
import PlanModel
@testable import ContentReader

@Suite struct CSVTableTests {
    func table(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CSVTable? {
        switch CSVTable.parse(text, path: "t.csv") {
        case .success(let t): return t
        case .failure(let d):
            Issue.record("unexpected CSV error: \(d)", sourceLocation: sourceLocation)
            return nil
        }
    }

    func failure(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        switch CSVTable.parse(text, path: "t.csv") {
        case .success(let t):
            Issue.record("expected a CSV error, got \(t.rows.count) rows", sourceLocation: sourceLocation)
            return nil
        case .failure(let d): return d
        }
    }

    func values(_ t: CSVTable) -> [[String]] { t.rows.map { $0.fields.map(\.value) } }

    @Test func simpleTableWithLocations() throws {
        let t = try #require(table("id,name\npm25,PM2.5年均浓度\nforest,森林覆盖率\n"))
        #expect(t.header.map(\.value) == ["id", "name"])
        #expect(values(t) == [["pm25", "PM2.5年均浓度"], ["forest", "森林覆盖率"]])
        #expect(t.rows[0].location == SourceLocation(path: "t.csv", line: 2, column: 1))
        #expect(t.rows[1].fields[1].location == SourceLocation(path: "t.csv", line: 3, column: 8))
        #expect(t.header[1].location == SourceLocation(path: "t.csv", line: 1, column: 4))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let t = try #require(table("名称,值\n森林覆盖率,48.15\n"))
        #expect(t.rows[0].fields[1].location.column == 7)
    }

    @Test func lastLineWithoutNewlineAndBlankLines() throws {
        let t = try #require(table("a,b\n\n1,2\n\n3,4"))
        #expect(values(t) == [["1", "2"], ["3", "4"]])
        #expect(t.rows.map(\.location.line) == [3, 5])
    }

    @Test func quotedFieldWithComma() throws {
        let t = try #require(table("a,b\n\"x,y\",z\n"))
        #expect(values(t) == [["x,y", "z"]])
        // The field's location is its opening quote; the next field's column counts the quotes.
        #expect(t.rows[0].fields[0].location.column == 1)
        #expect(t.rows[0].fields[1].location.column == 7)
    }

    @Test func doubledQuotes() throws {
        let t = try #require(table("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",x\n"))
        #expect(values(t) == [["say \"hi\"", "\""], ["", "x"]])
    }

    @Test func newlinesInsideQuotesKeepLineNumbersRight() throws {
        let text = "a,b\n\"line1\nline2\",x\nnext,y\n\"three\nlines\nhere\",z\nlast,w\n"
        let t = try #require(table(text))
        #expect(values(t) == [["line1\nline2", "x"], ["next", "y"], ["three\nlines\nhere", "z"], ["last", "w"]])
        // Row 1 spans lines 2–3; x is at line 3 column 8 (after `line2",`).
        #expect(t.rows[0].location.line == 2)
        #expect(t.rows[0].fields[1].location == SourceLocation(path: "t.csv", line: 3, column: 8))
        #expect(t.rows[1].location.line == 4)
        #expect(t.rows[1].fields[1].location == SourceLocation(path: "t.csv", line: 4, column: 6))
        #expect(t.rows[2].location.line == 5)
        #expect(t.rows[2].fields[1].location == SourceLocation(path: "t.csv", line: 7, column: 7))
        #expect(t.rows[3].location.line == 8)
    }

    @Test func crlfAndBOMThroughTextDecoding() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("id,name\r\npm25,\"PM2.5\r\n浓度\"\r\nforest,森林\r\n".utf8)
        let text = try TextDecoding.decode(Data(bytes), path: "t.csv").get()
        let t = try #require(table(text))
        #expect(t.header.map(\.value) == ["id", "name"])
        #expect(t.header[0].location.column == 1)
        #expect(values(t) == [["pm25", "PM2.5\n浓度"], ["forest", "森林"]])
        #expect(t.rows[1].location.line == 4)
    }

    @Test func headerNamesAreTrimmed() throws {
        let t = try #require(table(" id , name \n1,2\n"))
        #expect(t.header.map(\.value) == ["id", "name"])
        #expect(t.index(of: "name") == 1)
    }

    // MARK: Errors

    @Test func unbalancedQuoteReportsWhereTheQuoteOpened() throws {
        let d = try #require(failure("a,b\n1,2\n3,\"open\n4,5\n6,7\n"))
        #expect(d.code == "csv-quote")
        #expect(d.location == SourceLocation(path: "t.csv", line: 3, column: 3))
        #expect(d.message.contains("never closed"))
        #expect(d.severity == .error)
    }

    @Test func wrongNumberOfFields() throws {
        let d = try #require(failure("a,b,c\n1,2,3\n4,5\n"))
        #expect(d.code == "csv-columns")
        #expect(d.location == SourceLocation(path: "t.csv", line: 3, column: 1))
        #expect(d.message.contains("2 fields"))
        #expect(d.message.contains("header has 3"))
        let extra = try #require(failure("a,b\n1,2,3\n"))
        #expect(extra.code == "csv-columns")
        #expect(extra.location.line == 2)
    }

    @Test func wrongNumberOfFieldsAfterAMultilineField() throws {
        let d = try #require(failure("a,b\n\"x\ny\",1\n2\n"))
        #expect(d.code == "csv-columns")
        #expect(d.location.line == 4)
    }

    @Test func quoteInsideUnquotedField() throws {
        let d = try #require(failure("a,b\n1,ab\"c\n"))
        #expect(d.code == "csv-quote")
        #expect(d.location == SourceLocation(path: "t.csv", line: 2, column: 5))
        #expect(d.message.contains("unquoted"))
    }

    @Test func textAfterClosingQuote() throws {
        let d = try #require(failure("a,b\n\"x\"y,2\n"))
        #expect(d.code == "csv-quote")
        #expect(d.location == SourceLocation(path: "t.csv", line: 2, column: 4))
    }

    @Test(arguments: ["", "\n", "\n\n\n"])
    func emptyFile(text: String) throws {
        let d = try #require(failure(text))
        #expect(d.code == "csv-empty")
        #expect(d.location.path == "t.csv")
    }

    @Test func duplicateHeaderColumn() throws {
        let d = try #require(failure("id,name,id\n1,2,3\n"))
        #expect(d.code == "csv-header")
        #expect(d.location == SourceLocation(path: "t.csv", line: 1, column: 9))
        #expect(d.message.contains("'id'"))
    }

    @Test func emptyHeaderColumn() throws {
        let d = try #require(failure("id,,name\n1,2,3\n"))
        #expect(d.code == "csv-header")
        #expect(d.location.column == 4)
    }

    // MARK: Columns

    @Test func unknownAndMissingColumns() throws {
        let t = try #require(table("id,nmae,target_2020,extra\n1,2,3,4\n"))
        let unknown = t.unknownColumns(known: ["id", "name"], isExtra: { $0.hasPrefix("target_") })
        #expect(unknown.map(\.code) == ["csv-unknown-column", "csv-unknown-column"])
        #expect(unknown.map(\.location.column) == [4, 21])
        #expect(unknown[0].message.contains("'nmae'"))
        #expect(unknown[0].hint?.contains("id, name") == true)
        let missing = t.missingColumns(["id", "name", "source"])
        #expect(missing.map(\.code) == ["csv-missing-column", "csv-missing-column"])
        #expect(missing.map(\.message) == ["required column 'name' is missing", "required column 'source' is missing"])
        #expect(missing.allSatisfy { $0.location == SourceLocation(path: "t.csv", line: 1, column: 1) })
        #expect(t.missingColumns(["id"]).isEmpty)
        #expect(t.unknownColumns(known: ["id", "nmae", "target_2020", "extra"]).isEmpty)
    }

    @Test func rowValueIsTrimmedAndEmptyForAbsentColumns() throws {
        let t = try #require(table("id,name\n pm25 ,\" PM2.5 \"\n"))
        let row = t.rows[0]
        #expect(row.value("id", in: t) == "pm25")
        #expect(row.value("name", in: t) == "PM2.5")
        #expect(row.value("unit", in: t) == "")
        #expect(row.location("name", in: t).column == 8)
        #expect(row.location("unit", in: t) == row.location)
    }
}

@Suite struct CSVRunawayQuoteTests {
    /// A stray quote opens a field that swallows the following lines; the error must say
    /// where that field started, not only where the parser noticed.
    @Test func runawayQuoteNamesWhereTheFieldStarted() throws {
        let text = "id,name,source\na,\"x,s1\nb,y,s2\nc,z\"q,s3\n"
        guard case .failure(let d) = CSVTable.parse(text, path: "t.csv") else {
            Issue.record("a runaway quote parsed")
            return
        }
        #expect(d.location.line == 4)
        #expect(d.message.contains("the quoted field starts at line 2, column 3"))
    }
}
