import Foundation

/// How many threads a piece of work may use at once: the `--jobs` option of the command line, passed down to every
/// `concurrentMap` and `concurrently` of a build, a publish or an import.
///
/// One job runs everything on the calling thread, in order: the single-threaded build that tests compare the
/// parallel one with. The output never depends on the count (see `concurrentMap`), only the time it takes does.
public struct Jobs: Sendable, Hashable, CustomStringConvertible {
    /// The number of threads, at least 1.
    public let count: Int

    /// At most `count` threads at once; nil when `count` is under 1.
    public init?(_ count: Int) {
        guard count >= 1 else { return nil }
        self.count = count
    }

    /// Everything on the calling thread, one piece after the other.
    public static let one = Jobs(1)!

    /// As many threads as this process has cores to run on (see `usableCoreCount()`): the default of `--jobs`.
    /// Worked out once per process: it is every option type's default, and the affinity does not change.
    public static let usableCores = Jobs(usableCoreCount())!

    /// Whether everything runs on the calling thread.
    public var isSerial: Bool { count == 1 }

    /// `--jobs 1`, `--jobs 4`: as the command line says it.
    public var description: String { "--jobs \(count)" }

    /// The cores this process may run on: its CPU affinity (`taskset`, a container's cpuset), which Foundation's
    /// `activeProcessorCount` does not consult. More threads than cores would only take turns on them.
    public static func usableCoreCount() -> Int {
        let all = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // Linux states the affinity in /proc/self/status as a list of ranges ("Cpus_allowed_list:\t0-1,3").
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return all }
        var count = 0
        for range in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let ends = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let first = ends.first else { return all }
            count += (ends.last ?? first) - first + 1
        }
        return count > 0 ? min(count, all) : all
    }
}
