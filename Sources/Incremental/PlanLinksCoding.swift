import Linking
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
        w.array((0..<unitCount).map(assignments)) { w, list in
            w.array(list) { w, a in
                w.string(a.departmentKey); w.string(a.written); w.bool(a.role == .co); w.bool(a.writtenAsCanonical)
            }
        }
        w.array((0..<unitCount).map(indicators)) { w, list in
            w.array(list) { w, link in w.string(link.indicatorKey); w.bool(link.how == .automatic) }
        }
    }

    static func decode(from r: inout BinaryReader) throws -> PlanUnitLinks {
        let assignments = try r.array { r in
            try r.array { r in
                ResolvedAssignment(departmentKey: try r.string(), written: try r.string(), role: try r.bool() ? .co : .lead,
                                   writtenAsCanonical: try r.bool())
            }
        }
        let indicators = try r.array { r in
            try r.array { r in IndicatorLink(indicatorKey: try r.string(), how: try r.bool() ? .automatic : .explicit) }
        }
        guard assignments.count == indicators.count else { throw r.damaged }
        return PlanUnitLinks(assignments: assignments, indicators: indicators)
    }
}
