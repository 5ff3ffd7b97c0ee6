import DossierModel
import DossierTemplates

/// The fields of an item's table (`Actor.fields`, …) that its page view does not name itself, merged into the view's
/// value under each field's key: text as text, lists of text as lists, dates as `{text, datetime}`, flags and numbers
/// as themselves. A field added to a table so reaches its page's template without code here; ids, citations and
/// entries need links, so the views set them by hand.
struct TableFields<Item: FieldTabled & Sendable>: Sendable {
    /// The item whose fields these are.
    let item: Item

    /// `object` with each field it does not set yet (here or in the object it extends).
    func merged(into object: TemplateObject) -> TemplateObject {
        var o = object
        for spec in Item.fields {
            let key = TemplateKey(spec.key)
            guard o[key] == nil, let access = spec.access, let value = value(access) else { continue }
            o[key] = value
        }
        return o
    }

    private func value(_ access: FieldAccess<Item>) -> TemplateValue? {
        switch access {
        case .text(let path): .string(item[keyPath: path])
        case .optionalText(let path): item[keyPath: path].templateValue
        case .texts(let path): item[keyPath: path].templateValue
        case .date(let path): DateView(item[keyPath: path]).templateValue
        case .optionalDate(let path): DateView(item[keyPath: path]).templateValue
        case .flag(let path): .bool(item[keyPath: path])
        case .number(let path): .number(Double(item[keyPath: path]))
        case .choice(let get, _): .string(get(item))
        case .ids, .citations: nil
        }
    }
}
