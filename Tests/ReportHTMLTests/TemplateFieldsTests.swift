@testable import ReportHTML
import Testing

/// The page's views answer template lookups from tables of their properties
/// (`TemplateFields`) instead of by reflection. A table that missed a property, or pointed a
/// name at the wrong one, would render a blank or a wrong value silently; this walks a page
/// where every section is populated and checks each table against `Mirror`.
@Suite("Template field tables agree with the views")
struct TemplateFieldsTests {
    @Test func everyTableNamesEveryStoredPropertyAndItsValue() throws {
        let s = try SyntheticFleet.populated()
        let page = HTMLRenderer(options: HTMLOptions(topN: 1)).viewModels(
            s, hostNights: SyntheticFleet.hostNights(for: s)
        ).page
        var checked = Set<String>()
        var problems: [String] = []
        walk(page, path: "page", checked: &checked, problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
        // Every struct of the page tree was reached and has a table (42 view types, 3 of them the
        // waivers section's, 3 the changes section's).
        #expect(checked.count == 42, "\(checked.sorted())")
        #expect(checked.isSuperset(of: ["WaiversView", "WaiverHitRow", "WaiverRow"]), "\(checked.sorted())")
        #expect(checked.isSuperset(of: ["ChangesView", "ChangeRow", "CommitRegressionRow"]), "\(checked.sorted())")
    }

    private func walk(_ value: Any, path: String, checked: inout Set<String>, problems: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection:
            for (i, child) in mirror.children.enumerated() where i < 3 {
                walk(child.value, path: "\(path)[\(i)]", checked: &checked, problems: &problems)
            }
        case .struct:
            guard let view = value as? any TemplateFields else {
                problems.append("\(path): \(type(of: value)) has no field table")
                return
            }
            checked.insert("\(type(of: value))")
            let labels = mirror.children.compactMap(\.label)
            let names = fieldNames(view)
            if Set(labels) != names {
                problems.append("\(path): table \(names.sorted()) but properties \(labels.sorted())")
            }
            for child in mirror.children {
                guard let label = child.label else { continue }
                let viaTable = view.child(named: label).map { String(describing: $0) }
                if viaTable != String(describing: child.value) {
                    problems.append("\(path).\(label): the table gives another value")
                }
                walk(child.value, path: "\(path).\(label)", checked: &checked, problems: &problems)
            }
        default:
            break
        }
    }

    private func fieldNames<V: TemplateFields>(_ view: V) -> Set<String> { Set(V.fields.keys) }
}
