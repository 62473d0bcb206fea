import Foundation
import Testing
import Linking
import PlanModel
import Progress
@testable import Pipeline
@testable import SiteRender

/// What the render tests start from: a renderer with the repository's Templates/, for a
/// linked site or for the bundled Content/.
enum RenderFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A renderer of `site` with the bundled templates, evaluated as of the site's own date.
    static func renderer(_ site: LinkedSite, bodies: (@Sendable (Plan) throws -> Plan)? = nil) throws -> SiteRenderer {
        let (templates, labels) = try SiteRenderer.loadTemplates(root.appendingPathComponent("Templates").path).get()
        let evaluations = SiteEvaluations(site: site, evaluator: ProgressEvaluator(asOf: site.content.config.dataAsOf))
        return SiteRenderer(site: site, evaluations: evaluations, templates: templates, labels: labels, bodies: bodies)
    }

    /// The bundled Content/, read and linked with its text, and its renderer.
    static func bundled() throws -> SiteRenderer {
        let content = root.appendingPathComponent("Content").path
        return try renderer(try #require(ContentCheck.run(contentDirectory: content).site))
    }
}
