import Foundation
import Synchronization

/// Runs `git` commands, never prompting, with credentials in URLs redacted from any error.
struct Git: Sendable {
    var gitDirectory: String?
    var environment: [String: String]
    var workingDirectory: String?

    /// Runs git with `arguments`; returns standard output, or throws with the redacted standard error.
    @discardableResult
    func run(_ arguments: [String], label: String, input: Data? = nil, extra: [String: String] = [:]) throws(PublishError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + (gitDirectory.map { ["--git-dir=\($0)"] } ?? []) + arguments
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_ASKPASS"] = env["GIT_ASKPASS"] ?? "true"
        env["LC_ALL"] = "C"
        for (k, v) in environment { env[k] = v }
        for (k, v) in extra { env[k] = v }
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        do {
            try process.run()
        } catch {
            throw .git(command: label, status: -1, message: "cannot run git: \(error.localizedDescription)")
        }
        let writer = stdin.fileHandleForWriting
        let errReader = stderr.fileHandleForReading
        let group = DispatchGroup()
        let errorBox = DataBox()
        DispatchQueue.global().async(group: group) {
            if let input, !input.isEmpty { try? writer.write(contentsOf: input) }
            try? writer.close()
        }
        DispatchQueue.global().async(group: group) {
            errorBox.data = errReader.readDataToEndOfFile()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .git(command: label, status: process.terminationStatus,
                       message: Redaction.redactURLs(in: String(decoding: errorBox.data, as: UTF8.self)))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A place for a background reader to leave its bytes.
final class DataBox: Sendable {
    private let state = Mutex(Data())
    var data: Data {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
