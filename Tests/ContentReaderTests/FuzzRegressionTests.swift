import Foundation
import Testing
import PlanModel
@testable import ContentReader

/// Inputs that crashed or hung a content reader when run through the fuzz target
/// (Fuzz/ContentFuzz, docs/fuzzing.md). Each is a real file in
/// Tests/Fixtures/fuzz-regressions/READER/, read as the loader reads files (TextDecoding),
/// then given to the reader its folder names; it must return, with the diagnostic or value
/// the fix gives. A hang comes back as a time limit: the fixed readers take well under a
/// second on these inputs, the quadratic ones took minutes.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")
    /// Far above what the fixed readers need (under a second in a debug build with
    /// AddressSanitizer), far below what the quadratic ones took.

    static func text(_ reader: String, _ name: String) throws -> String {
        let url = root.appendingPathComponent(reader).appendingPathComponent(name)
        let data = try #require(FileManager.default.contents(atPath: url.path), "missing fixture \(url.path)")
        switch TextDecoding.decode(data, path: name) {
        case .success(let text): return text
        case .failure(let d):
            Issue.record("fixture \(name) does not decode: \(d)")
            throw d
        }
    }

    static func nestingDiagnostic(_ diagnostics: [Diagnostic]) -> Diagnostic? {
        diagnostics.first { $0.code == "yaml" && $0.message.contains("nested too deeply") }
    }

    // MARK: Stack overflow in Yams' recursive composer (YAMLFields.parse)

    /// `title: [[[[…` (100,000 brackets): Yams recursed once per level and overflowed the stack.
    @Test func deeplyNestedFlowYAMLIsADiagnostic() throws {
        let text = try Self.text("yaml", "deep-flow-sequence.yaml")
        var log = DiagnosticLog()
        let fields = YAMLFields.parse(text, path: "site.yaml", known: ["title"], required: ["title"], log: &log)
        #expect(fields == nil)
        let d = try #require(Self.nestingDiagnostic(log.all), "diagnostics: \(log.all)")
        #expect(d.location.line == 1)
        #expect(d.severity == .error)
    }

    /// A plan whose front matter nests 50,000 block sequences on one line (`- - - … a` under
    /// `notes:`): the same overflow through the plan reader; the line is the file's line 4.
    @Test func deeplyNestedFrontMatterIsADiagnostic() throws {
        let text = try Self.text("plan-text", "deep-block-sequence-front-matter.md")
        let (plan, diagnostics) = ReaderEntryPoints.readPlanText(text, path: "plan.md")
        #expect(plan == nil)
        let d = try #require(Self.nestingDiagnostic(diagnostics), "diagnostics: \(diagnostics)")
        #expect(d.location.line == 4)
    }

    /// The limit is far above what settings need: nesting up to it is read as before,
    /// one level more is refused.
    @Test func nestingLimitKeepsOrdinaryYAML() throws {
        var log = DiagnosticLog()
        let shallow = "title: " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150)
        #expect(YAMLFields.lineExceedingNesting(shallow) == nil)
        #expect(YAMLFields.parse(shallow, path: "t.yaml", known: ["title"], required: [], log: &log) != nil)
        #expect(log.all.isEmpty, "\(log.all)")
        let deep = "title: x\nnotes:\n" + String(repeating: "- ", count: YAMLFields.maxNesting) + "a\n"
        #expect(YAMLFields.lineExceedingNesting(deep) == 3)
        let ordinary = """
            title: 湖州市生态文明建设行动计划
            period: 2018-2022
            notes:
              - "第一条: 说明 [1]"
              - {a: b}
            """
        #expect(YAMLFields.lineExceedingNesting(ordinary) == nil)
    }

    /// Every YAML file and front matter of the bundled content is well inside the limit.
    @Test func bundledContentIsInsideTheNestingLimit() throws {
        let content = Self.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Content")
        let files = try FileManager.default.subpathsOfDirectory(atPath: content.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".md") }
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOfFile: content.appendingPathComponent(file).path, encoding: .utf8)
            let yaml = file.hasSuffix(".md") ? (try? FrontMatter.split(text, path: file).get().yaml) ?? "" : text
            #expect(YAMLFields.lineExceedingNesting(yaml) == nil, "\(file)")
        }
    }

    // MARK: Quadratic time in AnnotationParser.closing (unclosed brackets)

    /// 20,000 `(牵头单位:` never closed, in one line: each bracket scanned to the end of the text.
    @Test func unclosedAnnotationsReturnQuickly() throws {
        let text = try Self.text("annotations", "unclosed-annotations.txt")
        // No timing threshold here (figures belong to the benchmark, not to unit tests): the
        // input took 197 s before the fix and well under a second after it; the fuzz script's
        // -timeout catches a regression to quadratic time.
        let found = AnnotationParser.find(in: text)
        #expect(found.isEmpty)
    }

    /// The one-pass bracket matching agrees with the reference definition, `closing(from:in:)`,
    /// on nested, unclosed and stray brackets, full-width ones and the 400-character line rule.
    @Test func closingIndexesAgreeWithClosing() {
        let long = String(repeating: "长", count: 410)
        let samples = [
            "(牵头单位:市经信委、环保局;责任单位:市发改委、科技局)",
            "（责任单位：县(市、区)政府）后文)",
            "((a)(b)（c）",
            "))((",
            "(牵头单位:a\n" + long + "\nb)",
            "(牵头单位:a" + long + "\nb)",
            "(牵头单位:a\n" + long + "b)",
            "(x(牵头单位:a)\n" + long + "\n)",
            "",
        ]
        /// The bracket that closes the one at `open`, found by walking forward (nested brackets
        /// balanced); nil when none does, or when the group runs on past a line break more than
        /// 400 characters after `open`: the definition `closingIndexes` computes in one pass.
        func closing(from open: Int, in chars: [Unicode.Scalar]) -> Int? {
            var depth = 0
            for j in open..<chars.count {
                if AnnotationParser.opens.contains(chars[j]) { depth += 1 }
                if AnnotationParser.closes.contains(chars[j]) {
                    depth -= 1
                    if depth == 0 { return j }
                }
                if chars[j] == "\n" && depth > 0 && j > open + 400 { return nil }
            }
            return nil
        }
        for sample in samples {
            let chars = Array(sample.unicodeScalars)
            let all = AnnotationParser.closingIndexes(in: chars)
            for i in chars.indices where AnnotationParser.opens.contains(chars[i]) {
                #expect(all[i] == closing(from: i, in: chars), "bracket \(i) of \(sample.prefix(40))")
            }
        }
    }

    // MARK: Quadratic time in PlanStructureReader.position (many annotations in one block)

    /// One task paragraph with 10,000 annotated lines: each position counted the line breaks
    /// before it again. The annotations keep their lines and columns.
    @Test func manyAnnotationsInOneBlockReturnQuickly() throws {
        let text = try Self.text("structure", "many-annotations-in-one-task.md")
        // No timing threshold (see above): 154 s before the fix, about a second after it.
        let result = ReaderEntryPoints.readStructure(markdown: text)
        let units = result.units
        #expect(units.count == 1)
        let annotations = try #require(units.first).annotations
        #expect(annotations.count == 10_000)
        // Line 1 is the chapter, line 3 the task "1.推进治理。", the annotations follow one a line.
        #expect(annotations.first?.location.line == 4)
        #expect(annotations.last?.location.line == 10_003)
        #expect(annotations.allSatisfy { $0.location.column == 1 })
        #expect(annotations.last?.lists.first?.first?.location.column == 7)
    }
}
