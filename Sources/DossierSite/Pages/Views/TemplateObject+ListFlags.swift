import DossierTemplates

extension TemplateObject {
    /// This object with `has_<name>` added for every list in it, so templates can leave out a section whose list
    /// is empty (a flag the view sets itself stays).
    func withListFlags() -> TemplateObject {
        var o = self
        for (key, value) in pairs {
            guard case .list(let items) = value else { continue }
            let flag = TemplateKey("has_" + key.name)
            if o[flag] == nil { o[flag] = .bool(!items.isEmpty) }
        }
        return o
    }
}
