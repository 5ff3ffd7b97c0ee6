import Foundation
import Testing
@testable import DossierPublish

/// Signatures checked against known-good values: the AWS Signature Version 4 test suite and S3 documentation examples,
/// and vectors computed once with botocore's `S3SigV4Auth` (moto's own check refuses some of these wrongly, so they are
/// verified here instead): keys with `+`, spaces and non-ASCII characters, encoded query values, session tokens.
@Suite struct SigV4SignerTests {
    let docsCredentials = Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    let march5 = Date(timeIntervalSince1970: 1_772_705_700)  // 20260305T101500Z
    let helloHash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"

    func signature(_ headers: [String: String]) -> String? {
        headers["authorization"]?.components(separatedBy: "Signature=").last
    }

    @Test func awsTestSuiteGetVanilla() {
        let signer = SigV4Signer(credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                 region: "us-east-1", service: "service")
        let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z
        let vanilla = signer.sign(.init(method: "GET", encodedPath: "/", headers: ["Host": "example.amazonaws.com"]), date: date)
        #expect(vanilla["authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        let ordered = signer.sign(.init(method: "GET", encodedPath: "/", query: [("Param2", "value2"), ("Param1", "value1")],
                                        headers: ["Host": "example.amazonaws.com"]), date: date)
        #expect(signature(ordered) == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test func s3DocumentationGetObject() {
        let signer = SigV4Signer(credentials: docsCredentials, region: "us-east-1")
        let headers = signer.sign(.init(method: "GET", encodedPath: "/test.txt",
                                        headers: ["host": "examplebucket.s3.amazonaws.com", "range": "bytes=0-9"]),
                                  date: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(headers["x-amz-content-sha256"] == SigV4Signer.emptyPayloadHash)
        #expect(headers["x-amz-date"] == "20130524T000000Z")
        #expect(headers["authorization"] == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func keyWithPlusAndSpaceMatchesBotocore() {
        let signer = SigV4Signer(credentials: docsCredentials, region: "us-east-1")
        let path = "/site-bucket/" + SigV4Signer.uriEncode("notes/a+b c.html", encodeSlash: false)
        #expect(path == "/site-bucket/notes/a%2Bb%20c.html")
        let headers = signer.sign(.init(method: "PUT", encodedPath: path,
                                        headers: ["Host": "127.0.0.1:9000", "Content-Type": "text/html; charset=utf-8",
                                                  "Cache-Control": "public, max-age=300", "x-amz-meta-sha256": helloHash],
                                        payloadHash: helloHash), date: march5)
        #expect(signature(headers) == "bf18ee3698be1aa1cfaa75afd93249e88e3aac2fd921d53ecf5f327c034df20c")
        #expect(headers["authorization"]?.contains("SignedHeaders=cache-control;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-sha256,") == true)
    }

    @Test func nonASCIIKeyMatchesBotocore() {
        let signer = SigV4Signer(credentials: docsCredentials, region: "us-east-1")
        let path = "/site-bucket/" + SigV4Signer.uriEncode("actors/société/日本.html", encodeSlash: false)
        #expect(path == "/site-bucket/actors/soci%C3%A9t%C3%A9/%E6%97%A5%E6%9C%AC.html")
        let headers = signer.sign(.init(method: "PUT", encodedPath: path,
                                        headers: ["Host": "127.0.0.1:9000", "Content-Type": "text/html; charset=utf-8", "x-amz-meta-sha256": helloHash],
                                        payloadHash: helloHash), date: march5)
        #expect(signature(headers) == "3906e547a59da3ad0efeff5fcc2d49df7de71d4986ec30a1e5e6a46d928f43d7")
    }

    @Test func encodedQueryMatchesBotocore() {
        let signer = SigV4Signer(credentials: docsCredentials, region: "us-east-1")
        let query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", "site/a b+"), ("continuation-token", "1/abc+="), ("encoding-type", "url")]
        #expect(SigV4Signer.canonicalQuery(query) == "continuation-token=1%2Fabc%2B%3D&encoding-type=url&list-type=2&prefix=site%2Fa%20b%2B")
        let headers = signer.sign(.init(method: "GET", encodedPath: "/site-bucket", query: query, headers: ["Host": "127.0.0.1:9000"]), date: march5)
        #expect(signature(headers) == "25b887f305aa39938bcb65396428aef1d19cbabb7323dcb1bdef8cb4deb33c72")
    }

    @Test func sessionTokenAndSecretWithPlusMatchBotocore() {
        let credentials = Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "abc+def/ghi=jkl+MNO",
                                      sessionToken: "FwoGZXIvYXdzEJr//////////wEaDtoken+/=")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1")
        let headers = signer.sign(.init(method: "DELETE", encodedPath: "/site-bucket/old/index.html", headers: ["Host": "127.0.0.1:9000"]), date: march5)
        #expect(headers["x-amz-security-token"] == "FwoGZXIvYXdzEJr//////////wEaDtoken+/=")
        #expect(signature(headers) == "436ffb16d0c860d6012bb9721d294661c4fc6dc82cf4ddf6e8172b4d3a5a9637")
    }

    @Test func headerValuesAreTrimmedAndFolded() {
        #expect(SigV4Signer.trimHeaderValue("  a   b\tc  ") == "a b c")
        #expect(SigV4Signer.uriEncode("a b/c~d", encodeSlash: true) == "a%20b%2Fc~d")
        #expect(SigV4Signer.amzDate(march5) == "20260305T101500Z")
    }
}
