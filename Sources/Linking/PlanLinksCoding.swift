import PlanModel

/// A plan's links (`Linker.PlanLinks`) in `BinaryWriter`'s form, for the build's plan cache:
/// decoded, they are what `Linker.linkPlan` made of the plan, its packed unit links included.
extension Linker.PlanLinks {
    package func encode(to w: inout BinaryWriter) {
        w.bool(linked)
        units.encode(to: &w)
        w.array(references) { w, reference in
            w.int(reference.unit); w.string(reference.key); reference.location.encode(to: &w); w.string(reference.target)
        }
        w.array(indicators) { w, indicator in
            w.string(indicator.key)
            w.array(indicator.assignments) { w, a in
                w.string(a.departmentKey); w.string(a.written); w.bool(a.role == .co); w.bool(a.writtenAsCanonical)
            }
        }
        w.array(metricIndicators) { w, pair in w.string(pair.0); w.string(pair.1) }
        w.array(mentions) { w, m in w.int(m.unit); w.string(m.departmentKey); w.string(m.excerpt) }
        w.array(diagnostics) { w, d in d.encode(to: &w) }
    }

    package static func decode(from r: inout BinaryReader) throws -> Linker.PlanLinks {
        let linked = try r.bool()
        let units = try PlanUnitLinks.decode(from: &r)
        let references = try r.array { r in
            Reference(unit: try r.int(), key: try r.string(), location: try SourceLocation.decode(from: &r), target: try r.string())
        }
        let indicators = try r.array { r in
            IndicatorAssignments(key: try r.string(), assignments: try r.array { r in
                ResolvedAssignment(departmentKey: try r.string(), written: try r.string(), role: try r.bool() ? .co : .lead,
                                   writtenAsCanonical: try r.bool())
            })
        }
        let metrics = try r.array { r in (try r.string(), try r.string()) }
        let mentions = try r.array { r in Linker.Mention(unit: try r.int(), departmentKey: try r.string(), excerpt: try r.string()) }
        let diagnostics = try r.array { try Diagnostic.decode(from: &$0) }
        guard references.allSatisfy({ $0.unit >= 0 && $0.unit < units.unitCount }),
              mentions.allSatisfy({ $0.unit >= 0 && $0.unit < units.unitCount }) else { throw r.damaged }
        return Linker.PlanLinks(linked: linked, units: units, references: references, indicators: indicators,
                                metricIndicators: metrics, mentions: mentions, diagnostics: diagnostics)
    }
}

extension PlanUnitLinks {
    func encode(to w: inout BinaryWriter) {
        func words(_ words: Words) {
            switch words {
            case .narrow(let list, let flags): w.int(flags); w.array(list) { w, v in w.int(Int(v)) }
            case .wide(let list): w.int(-1); w.array(list) { w, v in w.int(Int(v)) }
            }
        }
        words(assignments)
        w.array(assignmentEnds) { w, v in w.int(Int(v)) }
        words(indicatorLinks)
        w.array(indicatorEnds) { w, v in w.int(Int(v)) }
        w.strings(departmentKeys)
        w.strings(written)
        w.strings(indicatorKeys)
    }

    /// Checks what accessors rely on: ends that rise within the words, indices within the tables.
    static func decode(from r: inout BinaryReader) throws -> PlanUnitLinks {
        func words() throws -> Words {
            let flags = try r.int()
            if flags < 0 {
                return .wide(try r.array { r in
                    let v = try r.int()
                    guard v >= 0, v <= Int(UInt32.max) else { throw r.damaged }
                    return UInt32(v)
                })
            }
            guard flags < 16 else { throw r.damaged }
            return .narrow(try r.array { r in
                let v = try r.int()
                guard v >= 0, v <= Int(UInt16.max) else { throw r.damaged }
                return UInt16(v)
            }, flags: flags)
        }
        func ends(_ limit: Int) throws -> [UInt32] {
            var last = 0
            return try r.array { r in
                let v = try r.int()
                guard v >= last, v <= limit else { throw r.damaged }
                last = v
                return UInt32(v)
            }
        }
        var links = PlanUnitLinks.none
        links.assignments = try words()
        links.assignmentEnds = try ends(links.assignments.count / 2)
        links.indicatorLinks = try words()
        links.indicatorEnds = try ends(links.indicatorLinks.count)
        links.departmentKeys = try r.strings()
        links.written = try r.strings()
        links.indicatorKeys = try r.strings()
        guard links.assignmentEnds.count == links.indicatorEnds.count,
              (0..<links.assignments.count).allSatisfy({ i in
                  let word = links.assignments[i]
                  return i % 2 == 0 ? Int(word) < links.departmentKeys.count : Int(word & (1 << 30 - 1)) < links.written.count
              }),
              (0..<links.indicatorLinks.count).allSatisfy({ Int(links.indicatorLinks[$0] & (1 << 31 - 1)) < links.indicatorKeys.count })
        else { throw r.damaged }
        return links
    }
}
