import CCmarkGFM

/// The references and stray citations one parse found, run by run, with each run's rewrite; numbered in source order
/// once every run is scanned. Footnote definitions are moved to the end of cmark-gfm's tree, but references are
/// numbered in source order.
struct FoundReferences {
    /// A reference as found: where it was written, and the rewrite that holds its slot.
    struct Found {
        let located: LocatedReference
        let rewrite: Int
    }

    private(set) var found: [Found] = []
    /// One per run that holds a reference, in the order the runs were scanned.
    private(set) var rewrites: [RunRewrite] = []
    /// Every `[@` that begins no citation, in the order the runs were scanned.
    private(set) var strays: [StrayCitation] = []
    /// Atoms inside a reference: a reference found inside one was swallowed by it (`[@s "a *[[b]]*"]`) and is dropped.
    private var swallowed = Set<OpaquePointer>()
    /// Columns are counted on along each line, one mark for references and one for strays.
    private var mark: SourceText.ColumnMark?
    private var strayMark: SourceText.ColumnMark?

    /// Scans one run's characters: notes its references, strays and swallowed atoms, and plans its rewrite.
    mutating func scan(_ run: InlineRun, _ characters: RunCharacters, source: SourceText) {
        let (matches, strayStarts) = ReferenceScanner.scan(characters.elements, atomText: characters.atomText)
        for k in strayStarts {
            let place = characters.places[k]
            strays.append(StrayCitation(
                text: ReferenceScanner.strayText(characters.elements, at: k, characters.atomText), line: place.line,
                column: source.column(ofByte: place.offset, line: place.line, from: &strayMark)))
        }
        guard !matches.isEmpty else { return }
        for match in matches {
            for k in match.range { if let atom = characters.atomNode(k) { swallowed.insert(atom) } }
            let place = characters.places[match.range.lowerBound]
            let located = LocatedReference(
                reference: match.reference, line: place.line,
                column: source.column(ofByte: place.offset, line: place.line, from: &mark), locator: match.locator)
            found.append(Found(located: located, rewrite: rewrites.count))
        }
        rewrites.append(RunRewrite(run: run, characters: characters, matches: matches, firstFound: found.count - matches.count))
    }

    /// The references in source order (by line, then column) without the swallowed ones, and the number of each
    /// found reference (-1 for a swallowed one).
    func numbered() -> (references: [LocatedReference], numbers: [Int]) {
        let dropped = swallowedRewrites()
        var order = found.indices.filter { !dropped.contains(found[$0].rewrite) }
        order.sort { a, b in
            (found[a].located.line, found[a].located.column, a) < (found[b].located.line, found[b].located.column, b)
        }
        var numbers = [Int](repeating: -1, count: found.count)
        for (number, f) in order.enumerated() { numbers[f] = number }
        return (order.map { found[$0].located }, numbers)
    }

    /// The rewrites whose run lies inside a swallowed atom.
    private func swallowedRewrites() -> Set<Int> {
        guard !swallowed.isEmpty else { return [] }
        var dropped = Set<Int>()
        for (i, rewrite) in rewrites.enumerated() {
            var node: OpaquePointer? = rewrite.parent
            while let current = node {
                if swallowed.contains(current) {
                    dropped.insert(i)
                    break
                }
                node = cmark_node_parent(current)
            }
        }
        return dropped
    }
}
