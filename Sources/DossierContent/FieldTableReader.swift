import DossierModel

extension FieldReader {
    /// Reads every field of `table` that is not read by hand into `item`, each by its type, reporting what is wrong
    /// (a missing required field, a wrong type) as the typed readers do; an absent field leaves `item`'s value.
    func read<Item>(_ table: [FieldSpec<Item>], from fields: Fields, into item: inout Item, what: String) {
        for spec in table where !spec.uses.contains(.readByHand) {
            guard let access = spec.access else { continue }
            read(spec, access, from: fields, into: &item, what: what)
        }
    }

    private func read<Item>(_ spec: FieldSpec<Item>, _ access: FieldAccess<Item>, from f: Fields, into item: inout Item,
                            what: String) {
        let key = spec.key, required = spec.required
        switch access {
        case .text(let path):
            if let v = string(f, key, required: required, what: what) { item[keyPath: path] = v }
        case .optionalText(let path):
            if let v = string(f, key, required: required, what: what) { item[keyPath: path] = v }
        case .texts(let path):
            item[keyPath: path] = spec.type == .addresses ? addresses(f, key) : strings(f, key).map(\.value)
        case .ids(let path):
            item[keyPath: path] = strings(f, key)
        case .date(let path):
            if let v = date(f, key, required: required, what: what) { item[keyPath: path] = v }
        case .optionalDate(let path):
            if let v = date(f, key, required: required, what: what) { item[keyPath: path] = v }
        case .flag(let path):
            if let v = bool(f, key) { item[keyPath: path] = v }
        case .number(let path):
            guard case .number(let range) = spec.type else { return }
            if let v = int(f, key, in: range) { item[keyPath: path] = v }
        case .citations(let path):
            item[keyPath: path] = citations(f, key)
        case .choice(_, let set):
            guard case .choice(let allowed) = spec.type else { return }
            let word = choice(f, key, allowed: allowed, required: required, what: what) { allowed.contains($0) ? $0 : nil }
            if let word { _ = set(&item, word) }
        }
    }
}
