/// Runs independent transfers with a bounded number in flight.
enum TransferQueue {
    /// Calls `body` on every item, at most `limit` at a time, and returns the results in the items' order.
    /// The first error cancels the transfers still running and is rethrown.
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async throws -> Output
    ) async throws -> [Output] {
        guard !items.isEmpty else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: items.count)
            var next = 0
            func addNext() {
                let index = next
                let item = items[index]
                group.addTask { (index, try await body(item)) }
                next += 1
            }
            while next < min(limit, items.count) { addNext() }
            while let (index, output) = try await group.next() {
                results[index] = output
                if next < items.count {
                    try Task.checkCancellation()
                    addNext()
                }
            }
            return results.map { $0! }
        }
    }
}
