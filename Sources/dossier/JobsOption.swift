import ArgumentParser
import DossierSupport
import Foundation

/// The `--jobs` option of `build`, `check`, `watch`, `serve`, `publish` and `import`: how many threads the command
/// may use. Its default is `DOSSIER_JOBS` from the environment when set (for scripts and benchmarks), else every
/// usable core; the libraries never read the environment themselves.
struct JobsOption: ParsableArguments {
    @Option(help: ArgumentHelp("Threads to use, 1 or more (default: DOSSIER_JOBS, else every usable core); the output is the same for any number.",
                               valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, not \(jobs)") }
        if jobs == nil, let text = JobsOption.environmentValue, Int(text).flatMap(Jobs.init) == nil {
            throw ValidationError("DOSSIER_JOBS must be a whole number of 1 or more, not '\(text)'")
        }
    }

    /// The threads to use: `--jobs`, else `DOSSIER_JOBS`, else every usable core.
    var value: Jobs {
        if let jobs, let value = Jobs(jobs) { return value }
        if let text = JobsOption.environmentValue, let count = Int(text), let value = Jobs(count) { return value }
        return .usableCores
    }

    /// `DOSSIER_JOBS` as set in the environment, nil when unset or empty.
    private static var environmentValue: String? {
        ProcessInfo.processInfo.environment["DOSSIER_JOBS"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
