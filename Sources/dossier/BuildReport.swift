import Synchronization
import DossierServe
import DossierModel
import DossierSupport
import DossierSite
import Foundation

/// The lines `dossier watch` and `dossier serve` print for each build, written at once (even into a pipe).
enum BuildReport {
    /// Prints a finished build: one line on standard output, and the diagnostics on standard error.
    static func print(_ outcome: BuildOutcome, timings: Bool = false, jobs: Jobs) {
        DiagnosticPrinter.print(outcome.diagnostics)
        var line = self.line(outcome)
        if timings { line += " (" + stages(outcome.result, jobs: jobs) + ")" }
        if outcome.succeeded {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// `Content/briefs/a.md changed: 3 pages written in 120 ms`, or the failure with its error count.
    static func line(_ outcome: BuildOutcome) -> String {
        let r = outcome.result
        let cause = outcome.changes.isEmpty ? "built \(r.pageCount) pages" : outcome.changes.summary
        guard outcome.succeeded else {
            return "\(cause): build failed (\(DiagnosticPrinter.summary(outcome.diagnostics))) in \(outcome.milliseconds) ms; Output/ keeps the last good build"
        }
        var parts = ["\(r.written) written"]
        if let first = r.timings.first, first.stage == "preview" {
            let pages = r.previewed.count == 1 ? "its page" : "their \(r.previewed.count) pages"
            parts.insert("\(pages) first in \(Int((first.seconds * 1000).rounded())) ms", at: 0)
        }
        if r.removed > 0 { parts.append("\(r.removed) removed") }
        if outcome.changes.isEmpty { parts.append("\(r.unchanged) unchanged") }
        return "\(cause): \(parts.joined(separator: ", ")) in \(outcome.milliseconds) ms"
    }

    /// The time each stage of a build took: `list 12 ms, parse 40 ms, …`, and `; single-threaded` when
    /// `--jobs 1` made the build run on one thread.
    static func stages(_ result: SiteBuilder.Result, jobs: Jobs) -> String {
        result.timings.map { "\($0.stage) \(Int(($0.seconds * 1000).rounded())) ms" }.joined(separator: ", ")
            + (jobs.isSerial ? "; single-threaded (\(jobs))" : "")
    }

    /// What a finished `dossier build` did: `built 43 pages: 3 written, 41 unchanged, 0 removed, 2 warnings in 120 ms`.
    static func built(_ result: SiteBuilder.Result, warnings: Int? = nil) -> String {
        let counted = warnings.map { ", \($0) warning\($0 == 1 ? "" : "s")" } ?? ""
        return "built \(result.pageCount) pages: \(result.written) written, \(result.unchanged) unchanged, \(result.removed) removed"
            + "\(counted) in \(Int((result.duration * 1000).rounded())) ms"
    }

    /// Prints a line on standard output at once.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Runs `operation` until it ends or the user presses Ctrl-C (SIGINT) or sends SIGTERM, which cancel it; a second
/// Ctrl-C quits at once.
func runUntilInterrupted(_ operation: @escaping @Sendable () async throws -> Void) async throws {
    let task = Task { try await operation() }
    let interrupted = InterruptCount()
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            if interrupted.increment() > 1 { exit(130) }
            task.cancel()
        }
        source.resume()
        sources.append(source)
    }
    defer { sources.forEach { $0.cancel() } }
    try await task.value
}

/// Counts interrupts, so that a second Ctrl-C can quit without waiting.
final class InterruptCount: Sendable {
    private let count = Mutex(0)

    /// Adds one and returns the new count.
    func increment() -> Int { count.withLock { $0 += 1; return $0 } }
}
