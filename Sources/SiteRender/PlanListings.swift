import Foundation
import Linking
import PlanModel

/// The parts of the files that list every unit — the search index and the task tables of
/// the open data — that one plan gives. A build makes them while it reads the plan (from the
/// plan's text and links, which it does not keep) and writes them in plan order between
/// `openings` and `closings`; `SiteRenderer` then leaves these files to it (`madeElsewhere`).
/// The bytes are those `SiteRenderer` writes when it makes the files itself.
public struct PlanListings: Sendable {
    public static let searchPath = "assets/search-index.js"
    public static let tasksCSVPath = "data/tasks.csv"
    public static let tasksJSONPath = "data/tasks.json"
    public static let paths: Set<String> = [searchPath, tasksCSVPath, tasksJSONPath]

    /// Search entries, separated by commas.
    public let search: Data
    /// Rows of data/tasks.csv, each ending with CRLF.
    public let tasksCSV: Data
    /// Records of data/tasks.json, separated by `jsonSeparator`.
    public let tasksJSON: Data

    /// - Parameters:
    ///   - links: the departments and indicators linked to the unit at an index of
    ///     `plan.units`.
    ///   - departmentName: a department's name by its key (`regionID/departmentID`).
    public init(plan: Plan, links: (Int) -> (assignments: [ResolvedAssignment], indicators: [IndicatorLink]),
                departmentName: (String) -> String?) {
        var out = ByteBuffer()
        var first = true
        SearchIndex.appendEntries({ SearchIndex.planEntries(plan, $0) }, to: &out, first: &first)
        search = out.data()
        var rows: [[String]] = []
        rows.reserveCapacity(plan.units.count)
        for (index, unit) in plan.units.enumerated() {
            let (assignments, indicators) = links(index)
            rows.append(DataExport.taskRow(plan, unit, assignments: assignments, indicators: indicators, departmentName: departmentName))
        }
        for row in rows { DataExport.Table.appendCSVRow(row, to: &out) }
        tasksCSV = out.data()
        let layout = DataExport.Table.JSONLayout(DataExport.taskColumns)
        for (n, row) in rows.enumerated() {
            if n > 0 { out.append(contentsOf: DataExport.Table.JSONLayout.separator) }
            layout.appendRecord(row, to: &out)
        }
        tasksJSON = out.data()
    }

    /// What each file starts with.
    public static var openings: [String: Data] {
        var csv = ByteBuffer()
        DataExport.Table.appendCSVRow(DataExport.taskColumns, to: &csv)
        return [searchPath: Data(SearchIndex.opening.utf8), tasksCSVPath: csv.data(),
                tasksJSONPath: Data(DataExport.Table.JSONLayout.opening.utf8)]
    }

    /// What goes between the parts of two plans (when neither is empty).
    public static let separators: [String: Data] = [searchPath: Data(",".utf8), tasksCSVPath: Data(),
                                                    tasksJSONPath: Data(DataExport.Table.JSONLayout.separator)]

    /// What each file ends with, after the last plan: the search index lists the departments
    /// of every region last.
    public static func closings(regions: [Region]) -> [String: (part: Data, closing: Data)] {
        var out = ByteBuffer()
        var first = true
        SearchIndex.appendEntries({ SearchIndex.departmentEntries(regions, $0) }, to: &out, first: &first)
        return [searchPath: (out.data(), Data(SearchIndex.closing.utf8)), tasksCSVPath: (Data(), Data()),
                tasksJSONPath: (Data(), Data(DataExport.Table.JSONLayout.closing.utf8))]
    }
}

extension PlanListings {
    /// The three parts in the order of `ListingFiles.paths`: search, tasks CSV, tasks JSON.
    public var parts: [Data] { [search, tasksCSV, tasksJSON] }
}
