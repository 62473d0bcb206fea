import Foundation
import PlanModel

extension ViewBuilder {
    /// data/index.html: every column of every open data file, the licence, the date and the
    /// sources of the data.
    func dataDictionary() -> DataDictionaryView {
        DataDictionaryView(page: page(path: URLs.dataDictionary, title: labels["data-dictionary"]), labels: labels.values,
                           licence: config.dataLicence, dataAsOf: config.dataAsOf.description,
                           sources: dataSources.map { "\($0.issuer)《\($0.title)》" },
                           tables: OpenDataSchema(labels: labels).views(plans: site.content.plans.map { ($0.id, shortTitle($0)) }))
    }

    /// data/datapackage.json (`OpenDataSchema.dataPackage`) and the task tables' schema.
    func dataPackage() -> [(String, Data)] {
        let schema = OpenDataSchema(labels: labels)
        return [(URLs.dataPackage, schema.dataPackage(config: config, sources: dataSources, planIDs: site.content.plans.map(\.id))),
                (URLs.tasksSchema, schema.tasksSchema)]
    }

    /// The plans in site order, each with its issuer: where the data come from.
    var dataSources: [(title: String, issuer: String)] {
        site.content.plans.map { ($0.title, $0.issuer) }
    }
}
