import Foundation
import Linking
import PlanModel

/// The parts of the files that list every unit — the search index and the task tables of
/// the open data — that one plan gives. A build makes them while it reads the plan (from the
/// plan's text and links, which it does not keep) and writes them in plan order between
/// `openings` and `closings`; `SiteRenderer` then leaves these files to it (`madeElsewhere`).
/// The bytes are those `SiteRenderer` writes when it makes the files itself.
public struct PlanListings: Sendable {
    /// The search index is a folder of files (`SearchIndex`), named here by the folder.
    public static let searchPath = SearchIndex.folder
    public static let tasksCSVPath = "data/tasks.csv"
    public static let tasksJSONPath = "data/tasks.json"
    public static let paths: Set<String> = [searchPath, tasksCSVPath, tasksJSONPath]

    /// The plan's search entries, its group of the index (`SearchIndex.planEntries`).
    public let searchEntries: [SearchIndex.Entry]
    /// The group's postings for the shards of the index (`SearchIndex.postings`).
    public let searchPostings: Data
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
        searchEntries = SearchIndex.planEntries(plan)
        searchPostings = SearchIndex.postings(searchEntries)
        var out = ByteBuffer()
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

    /// What each table file starts with (the CSV with its byte-order mark and header row).
    public static var openings: [String: Data] {
        var csv = ByteBuffer()
        csv.append(contentsOf: DataExport.Table.byteOrderMark)
        DataExport.Table.appendCSVRow(DataExport.taskColumns, to: &csv)
        return [tasksCSVPath: csv.data(), tasksJSONPath: Data(DataExport.Table.JSONLayout.opening.utf8)]
    }

    /// What goes between the parts of two plans (when neither is empty).
    public static let separators: [String: Data] = [tasksCSVPath: Data(), tasksJSONPath: Data(DataExport.Table.JSONLayout.separator)]

    /// What each table file ends with, after the last plan.
    public static let closings: [String: Data] = [tasksCSVPath: Data(), tasksJSONPath: Data(DataExport.Table.JSONLayout.closing.utf8)]
}

extension PlanListings {
    /// The plan's parts as the plan cache keeps them: its rows of the tasks CSV and JSON (in
    /// the order of `ListingFiles.paths`), then its search documents file
    /// (`SearchIndex.documents`) and its search postings.
    public func parts(planID: String) -> [Data] {
        [tasksCSV, tasksJSON, SearchIndex.documents(SearchIndex.planDocuments(planID), searchEntries), searchPostings]
    }
}
