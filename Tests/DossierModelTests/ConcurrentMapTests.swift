@testable import DossierModel
@testable import DossierSupport
import Foundation
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

    @Test(arguments: [0, 1, 2, 1_000], [1, 2, 3, 64])
    func resultsKeepTheInputOrderAndAreFreedWithTheArray(_ count: Int, _ jobs: Int) throws {
        let census = Census()
        do {
            let made = Array(0..<count).concurrentMap(jobs: try #require(Jobs(jobs))) { Tracked($0, census) }
            #expect(made.map(\.index) == Array(0..<count))
            #expect(census.alive.load(ordering: .relaxed) == count)
        }
        #expect(census.alive.load(ordering: .relaxed) == 0, "every result is freed once the array is gone")
    }

    /// Fewer jobs than cores hand the elements out in turn: each is still made once, in its place, and freed.
    @Test(arguments: [2, 3, 5])
    func fewerJobsThanCoresMakeEveryElementOnce(_ jobs: Int) throws {
        let census = Census()
        do {
            let made = Array(0..<101).concurrentMap(jobs: try #require(Jobs(jobs)), cores: 8) { Tracked($0, census) }
            #expect(made.map(\.index) == Array(0..<101))
            #expect(census.alive.load(ordering: .relaxed) == 101)
        }
        #expect(census.alive.load(ordering: .relaxed) == 0)
    }

    /// With one job, nothing runs on another thread: the transform runs on the calling thread, in order.
    @Test func oneJobMapsInOrderOnTheCallingThread() {
        let order = Mutex<[Int]>([])
        let caller = Thread.current.description
        let threads = Array(0..<50).concurrentMap(jobs: .one) { i in
            order.withLock { $0.append(i) }
            return Thread.current.description
        }
        #expect(order.withLock { $0 } == Array(0..<50))
        #expect(Set(threads) == [caller])
    }

    /// A count under 1 is no number of jobs.
    @Test func jobsAreAtLeastOne() {
        #expect(Jobs(0) == nil)
        #expect(Jobs(-3) == nil)
        #expect(Jobs(1)?.isSerial == true)
        #expect(Jobs.usableCores.count >= 1)
        #expect(Jobs(4)?.description == "--jobs 4")
    }

    @Test(arguments: [1, 2])
    func releasedValuesAreTakenAndFreed(_ jobs: Int) async throws {
        let census = Census()
        var value: [Tracked]? = (0..<100).map { Tracked($0, census) }
        release(elsewhere: &value, jobs: try #require(Jobs(jobs)))
        #expect(value == nil)
        var waited = 0
        while census.alive.load(ordering: .relaxed) > 0, waited < 200 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(census.alive.load(ordering: .relaxed) == 0, "the values are freed, on whichever thread")
    }
}
