import Foundation
import Testing
@testable import DossierPublish

/// Signatures checked for real: moto started with `INITIAL_NO_AUTH_ACTION_COUNT=4` checks SigV4 (and IAM policies)
/// from its fifth request on. The first four create an IAM user, an allow-all policy, its attachment and an access key.
@Suite struct S3SignatureTests {
    @Test func wrongSecretIsRefusedAndTheRightOneAccepted() async throws {
        let moto = try MotoServer(noAuthCount: 4)
        defer { moto.stop() }
        let setup = Credentials(accessKeyID: "AKIDSETUP000000000000", secretAccessKey: "setup-secret-unchecked")
        _ = try await iamCall(moto.endpoint, [("Action", "CreateUser"), ("UserName", "publisher")], credentials: setup)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let created = try await iamCall(moto.endpoint, [("Action", "CreatePolicy"), ("PolicyName", "allow-all"), ("PolicyDocument", policy)],
                                        credentials: setup)
        let policyARN = try #require(XMLScan.text(of: "Arn", in: created[...]))
        _ = try await iamCall(moto.endpoint, [("Action", "AttachUserPolicy"), ("UserName", "publisher"), ("PolicyArn", policyARN)], credentials: setup)
        let key = try await iamCall(moto.endpoint, [("Action", "CreateAccessKey"), ("UserName", "publisher")], credentials: setup)
        let right = Credentials(accessKeyID: try #require(XMLScan.text(of: "AccessKeyId", in: key[...])),
                                secretAccessKey: try #require(XMLScan.text(of: "SecretAccessKey", in: key[...])), source: "test")
        let wrong = Credentials(accessKeyID: right.accessKeyID, secretAccessKey: "wrong-" + right.secretAccessKey.dropFirst(6), source: "test")
        let unknown = Credentials(accessKeyID: "AKIDUNKNOWN000000000", secretAccessKey: right.secretAccessKey, source: "test")

        let output = try TemporaryFolder("output")
        defer { output.remove() }
        try output.write(sampleOutput)

        // From here on every request is checked.
        let client = try s3Client(moto.endpoint, bucket: "signed-site", credentials: right)
        defer { Task { await client.shutdown() } }
        try await client.createBucket()

        for (credentials, code) in [(wrong, "SignatureDoesNotMatch"), (unknown, "InvalidAccessKeyId")] {
            do {
                _ = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "signed-site", credentials: credentials)
                Issue.record("publishing with bad credentials (\(code)) succeeded")
            } catch {
                guard case .s3(.http(_, _, 403, let got, _)) = error else { Issue.record("unexpected error \(error)"); continue }
                #expect(got == code)
                #expect(!error.description.contains(right.secretAccessKey))
                #expect(!error.description.contains(wrong.secretAccessKey))
            }
        }
        #expect(try await client.listObjects(prefix: "").objects.isEmpty, "nothing was written with bad credentials")

        let report = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "signed-site", credentials: right)
        #expect(report.uploaded == 11)
        #expect(try await remoteContents(client) == publishable(output))
        #expect(!report.summary.contains(right.secretAccessKey))
        let again = try await publishS3(output.url, endpoint: moto.endpoint, bucket: "signed-site", credentials: right)
        #expect(again.uploaded == 0 && again.unchanged == 11)
    }
}
