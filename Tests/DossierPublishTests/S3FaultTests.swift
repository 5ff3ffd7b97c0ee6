import Foundation
import Testing
@testable import DossierPublish

/// Publishing through a loopback proxy that drops connections, answers 500 and 503, loses answers and hangs for a
/// while; and publishes interrupted midway, then run again.
@Suite struct S3FaultTests {
    /// A site of `count` pages plus the sample files.
    func largeOutput(_ count: Int, version: String = "v1") throws -> TemporaryFolder {
        let output = try TemporaryFolder("output")
        try output.write(sampleOutput)
        for i in 0..<count { try output.write("sources/s\(i)/index.html", Data("<p>source \(i) \(version)</p>".utf8)) }
        return output
    }

    @Test func completesThroughDroppedConnectionsAndServerErrors() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let direct = try s3Client(moto.endpoint, bucket: "faulty")
        defer { Task { await direct.shutdown() } }
        try await direct.createBucket()
        let proxy = try FaultProxy(upstreamPort: moto.port, faults: 60, hangSeconds: 2)
        defer { proxy.stop() }
        let output = try largeOutput(40)
        defer { output.remove() }
        let retry = RetryPolicy(maxAttempts: 10, baseDelay: 0.02, maxDelay: 0.2, requestTimeout: 1)
        let report = try await publishS3(output.url, endpoint: proxy.endpoint, bucket: "faulty", prefix: "site", options: PublishOptions(retry: retry))
        let stats = proxy.stop()
        #expect(report.uploaded == 51)
        #expect(report.retries >= 20, "faults were met and retried: \(stats)")
        #expect(try await remoteContents(direct, prefix: "site") == publishable(output))
        let again = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "faulty", prefix: "site")
        #expect(again.uploaded == 0 && again.deleted == 0 && again.unchanged == 51)
    }

    @Test func givesUpWithAClearErrorWhenTheStoreKeepsFailing() async throws {
        let port = try freeLoopbackPort()  // nothing listens there
        let output = try TemporaryFolder("output")
        defer { output.remove() }
        try output.write(sampleOutput)
        let retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02, requestTimeout: 1)
        await #expect {
            try await publishS3(output.url, endpoint: URL(string: "http://127.0.0.1:\(port)")!, bucket: "down", options: PublishOptions(retry: retry))
        } throws: { error in
            guard case .s3(.transport("list", nil, _, 3))? = error as? PublishError else { return false }
            return true
        }
    }

    @Test func anInterruptedUpdateConvergesWhenRunAgain() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let direct = try s3Client(moto.endpoint, bucket: "interrupted")
        defer { Task { await direct.shutdown() } }
        try await direct.createBucket()
        let output = try largeOutput(150)
        defer { output.remove() }
        _ = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "interrupted")

        // Version 2 changes 150 pages and drops 20; its publish is cut off after some uploads.
        for i in 0..<150 { try output.write("sources/s\(i)/index.html", Data("<p>source \(i) v2</p>".utf8)) }
        for i in 150..<170 { try output.write("gone/g\(i).html", Data("x".utf8)) }
        _ = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "interrupted")
        for i in 150..<170 { try output.delete("gone/g\(i).html") }
        for i in 0..<150 { try output.write("sources/s\(i)/index.html", Data("<p>source \(i) v3</p>".utf8)) }

        // The proxy relays the listing, the manifest and 40 uploads, then goes silent: the publish is cancelled there.
        let proxy = try FaultProxy(upstreamPort: moto.port, faults: 0, stopAfter: 42)
        defer { proxy.stop() }
        let endpoint = proxy.endpoint, folder = output.url
        let task = Task { try await publishS3(folder, endpoint: endpoint, bucket: "interrupted") }
        #expect(await proxy.waitUntilStopped())
        task.cancel()
        let outcome = await task.result
        #expect(throws: PublishError.cancelled) { try outcome.get() }
        let partial = try await remoteContents(direct)
        #expect(partial != publishable(output), "the interrupted publish left a mixed state")

        let rerun = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "interrupted")
        #expect(try await remoteContents(direct) == publishable(output))
        #expect(rerun.uploaded == 110, "only the 110 pages the first run had not sent are sent")
        #expect(rerun.deleted == 20)
        #expect(rerun.verified == 40, "the 40 objects the stale manifest could not vouch for were checked with HEAD")
        let settled = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "interrupted")
        #expect(settled.uploaded == 0 && settled.deleted == 0 && settled.verified == 0)
    }
}
