/// Where each page lives in Output/. Paths are relative and human-readable, so the site
/// works from file:// and from any sub-path.
public enum URLs {
    public static func plan(_ planID: String) -> String { "plans/\(planID).html" }
    public static func unit(_ planID: String, _ unitID: String) -> String { "plans/\(planID).html#\(unitID)" }
    public static func department(_ key: String) -> String { "departments/\(key).html" }
    public static func indicator(_ key: String) -> String { "indicators/\(key).html" }
    public static let departments = "departments/index.html"
    public static let indicators = "indicators/index.html"
    public static let progress = "progress.html"
    /// One plan's progress: its indicators by status and its task reports.
    public static func progress(_ planID: String) -> String { "progress/\(planID).html" }
    public static let home = "index.html"
    public static let search = "search.html"
    /// 方法说明: how statuses are computed.
    public static let method = "method.html"
    /// 网站地图: every page a reader can reach, by kind.
    public static let sitemap = "sitemap.html"
    /// The data dictionary, beside the open data files it describes.
    public static let dataDictionary = "data/index.html"
    public static let dataPackage = "data/datapackage.json"
    /// The Table Schema of every plan's task table, beside the data package.
    public static let tasksSchema = "data/tasks.schema.json"
    /// A plan's task table (`csv` or `json`).
    public static func tasks(_ planID: String, format: String) -> String { "data/tasks/\(planID).\(format)" }

    /// "../" repeated for each folder in a page path.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }
}
