/// One template of a library after parsing: its node tree and the names its partial and parent tags use.
final class ParsedTemplate: Sendable {
    /// The template's name in the library.
    let name: String
    /// The parsed tree.
    let nodes: TemplateNode.List
    /// Names used in `{{>x}}` and `{{<x}}` tags anywhere in the template.
    let references: Set<String>
    /// The memory of the tree's text, variable and section nodes.
    let store: NodeStore

    init(name: String, nodes: TemplateNode.List, references: Set<String>, store: NodeStore) {
        self.name = name
        self.nodes = nodes
        self.references = references
        self.store = store
    }
}
