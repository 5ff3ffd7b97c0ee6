@testable import DossierModel
import DossierSupport
import Synchronization
import Testing

/// `concurrentMap` keeps the order of its input and hands over what it made: nothing it made outlives the result.
@Suite struct ConcurrentMapTests {
    /// Counts the `Tracked` values still alive.
    final class Census: Sendable {
        let alive = Atomic<Int>(0)
    }

    /// A value that reports its life to a census.
    final class Tracked: Sendable {
        let census: Census
        let index: Int

        init(_ index: Int, _ census: Census) {
            self.index = index
            self.census = census
            census.alive.add(1, ordering: .relaxed)
        }

        deinit { census.alive.subtract(1, ordering: .relaxed) }
    }

    @Test(arguments: [0, 1, 2, 1_000])
    func resultsKeepTheInputOrderAndAreFreedWithTheArray(_ count: Int) {
        let census = Census()
        do {
            let made = Array(0..<count).concurrentMap { Tracked($0, census) }
            #expect(made.map(\.index) == Array(0..<count))
            #expect(census.alive.load(ordering: .relaxed) == count)
        }
        #expect(census.alive.load(ordering: .relaxed) == 0, "every result is freed once the array is gone")
    }

    @Test func releasedValuesAreTakenAndFreed() async throws {
        let census = Census()
        var value: [Tracked]? = (0..<100).map { Tracked($0, census) }
        release(elsewhere: &value)
        #expect(value == nil)
        var waited = 0
        while census.alive.load(ordering: .relaxed) > 0, waited < 200 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(census.alive.load(ordering: .relaxed) == 0, "the values are freed, on whichever thread")
    }
}
