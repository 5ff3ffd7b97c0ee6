import DossierModel
import DossierTemplates

extension PageValues {
    /// `object` with each field of the item's table that it does not set yet, under the field's key: text as text,
    /// lists of text as lists, dates as `{text, datetime}`, flags and numbers as themselves, so a field added to a
    /// table reaches its page's template without code here. Ids, citations and entries need links, so the page
    /// values set them by hand.
    func withFields<Item: FieldTabled>(of item: Item, _ object: TemplateObject) -> TemplateObject {
        var o = object
        for spec in Item.fields {
            let key = TemplateKey(spec.key)
            guard o[key] == nil, let access = spec.access, let value = fieldValue(item, access) else { continue }
            o[key] = value
        }
        return o
    }

    private func fieldValue<Item>(_ item: Item, _ access: FieldAccess<Item>) -> TemplateValue? {
        switch access {
        case .text(let path): .string(item[keyPath: path])
        case .optionalText(let path): opt(item[keyPath: path])
        case .texts(let path): .list(item[keyPath: path].map { .string($0) })
        case .date(let path): date(item[keyPath: path])
        case .optionalDate(let path): date(item[keyPath: path])
        case .flag(let path): .bool(item[keyPath: path])
        case .number(let path): .number(Double(item[keyPath: path]))
        case .choice(let get, _): .string(get(item))
        case .ids, .citations: nil
        }
    }
}
