// A libFuzzer target for the content readers, and (without -DFUZZING) a replayer that runs
// saved inputs through the same function. Built by scripts/fuzz.sh; see docs/fuzzing.md.
//
// The first byte of an input selects the reader (byte % 7); the rest is the file's content:
//   0 TextDecoding.decode         raw bytes of any content file
//   1 Markdown plan structure     MarkdownParser (cmark-gfm) + PlanStructureReader
//   2 AnnotationParser.find       a unit's text with (牵头单位:…;责任单位:…)
//   3 ValueParser.parse           one cell of an indicator table
//   4 CSVTable.parse              a CSV file
//   5 plan.md text                front matter split + YAML fields + Markdown structure
//   6 YAML fields                 site.yaml / region.yaml
import ContentReader
import Foundation
import PlanModel

enum Reader: UInt8, CaseIterable {
    case decode, structure, annotations, value, csv, planText, yaml

    static func select(_ byte: UInt8) -> Reader { Reader(rawValue: byte % UInt8(allCases.count))! }
}

/// Runs one input through the reader its first byte selects. Returns a small number derived
/// from the result so that the work cannot be optimised away.
@discardableResult
func runContentReader(_ input: [UInt8]) -> Int {
    guard let selector = input.first else { return 0 }
    let payload = Array(input.dropFirst())
    // The readers after decoding take any Swift string: ill-formed UTF-8 is repaired here as
    // String(decoding:) repairs it, so every byte sequence is a valid input.
    let text = String(decoding: payload, as: UTF8.self)
    switch Reader.select(selector) {
    case .decode:
        switch TextDecoding.decode(Data(payload), path: "fuzz.md") {
        case .success(let decoded): return decoded.utf8.count
        case .failure(let d): return d.location.line
        }
    case .structure:
        let r = ReaderEntryPoints.readStructure(markdown: text)
        return r.units.count + r.blocks.count + r.diagnostics.count
    case .annotations:
        return AnnotationParser.find(in: text).reduce(0) { $0 + $1.lists.count }
    case .value:
        switch ValueParser.parse(text) {
        case .success(let v): return v.raw.count
        case .failure: return -1
        }
    case .csv:
        switch CSVTable.parse(text, path: "fuzz.csv") {
        case .success(let t): return t.rows.count
        case .failure(let d): return d.location.line
        }
    case .planText:
        let r = ReaderEntryPoints.readPlanText(text)
        return (r.plan?.units.count ?? 0) + r.diagnostics.count
    case .yaml:
        let r = ReaderEntryPoints.readYAMLFields(text)
        return (r.fields?.count ?? 0) + r.diagnostics.count
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContentReaders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    runContentReader(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver (in libclang_rt.fuzzer, linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable target through its own entry point (it renames `main` to
/// `plansite_fuzz_main` on Linux), so libFuzzer's `main` cannot be used: this entry point
/// hands the command line to libFuzzer's driver instead.
@main
struct ContentFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzContentReaders))
    }
}
#else
/// `plansite-fuzz FILE|DIR …`: replays saved inputs (a corpus, crash files) through the
/// readers without libFuzzer. Exit 0 when every input returns.
@main
struct ContentFuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print("usage: plansite-fuzz FILE|DIR …  (replays fuzz inputs; build with scripts/fuzz.sh to fuzz)")
            return
        }
        var count = 0
        for argument in arguments {
            for file in files(at: argument) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                    exit(1)
                }
                runContentReader([UInt8](data))
                count += 1
            }
        }
        print("replayed \(count) input(s)")
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { "\(path)/\($0)" }.filter {
            var sub: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &sub) && !sub.boolValue
        }
    }
}
#endif
