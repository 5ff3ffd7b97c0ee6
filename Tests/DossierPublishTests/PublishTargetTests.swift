import Foundation
import Testing
@testable import DossierPublish

@Suite struct PublishTargetTests {
    let base = URL(fileURLWithPath: "/home/me/site")

    @Test func readsS3Targets() throws {
        #expect(try PublishTarget.parse("s3://my-bucket", relativeTo: base) == .s3(bucket: "my-bucket", prefix: ""))
        #expect(try PublishTarget.parse("s3://my-bucket/", relativeTo: base) == .s3(bucket: "my-bucket", prefix: ""))
        #expect(try PublishTarget.parse("s3://my.bucket/briefing/2026/", relativeTo: base) == .s3(bucket: "my.bucket", prefix: "briefing/2026"))
        #expect(PublishTarget.s3(bucket: "b-1", prefix: "site").description == "s3://b-1/site")
    }

    @Test func readsGitTargets() throws {
        #expect(try PublishTarget.parse("git:git@github.com:me/site.git#gh-pages", relativeTo: base)
                == .git(repository: "git@github.com:me/site.git", branch: "gh-pages"))
        #expect(try PublishTarget.parse("git:https://example.org/me/site.git#pages/live", relativeTo: base)
                == .git(repository: "https://example.org/me/site.git", branch: "pages/live"))
        #expect(try PublishTarget.parse("git:../pages.git#gh-pages", relativeTo: base) == .git(repository: "/home/me/pages.git", branch: "gh-pages"))
        #expect(try PublishTarget.parse("git:/srv/repo#main", relativeTo: base) == .git(repository: "/srv/repo", branch: "main"))
    }

    @Test func readsFolders() throws {
        #expect(try PublishTarget.parse("public", relativeTo: base) == .folder(URL(fileURLWithPath: "/home/me/site/public")))
        #expect(try PublishTarget.parse("/var/www/site", relativeTo: base) == .folder(URL(fileURLWithPath: "/var/www/site")))
    }

    @Test func refusesMalformedTargetsWithClearErrors() {
        #expect(throws: PublishTarget.ParseError.empty) { try PublishTarget.parse("  ", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.missingBucket("s3://")) { try PublishTarget.parse("s3://", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.missingBucket("s3:bucket")) { try PublishTarget.parse("s3:bucket", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.invalidBucket("My_Bucket", reason: "only lowercase letters, digits, '.' and '-' are allowed")) {
            try PublishTarget.parse("s3://My_Bucket/x", relativeTo: base)
        }
        #expect(throws: PublishTarget.ParseError.invalidBucket("ab", reason: "it must be 3 to 63 characters long")) {
            try PublishTarget.parse("s3://ab", relativeTo: base)
        }
        #expect(throws: PublishTarget.ParseError.invalidPrefix("a//b")) { try PublishTarget.parse("s3://bucket/a//b", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.invalidPrefix("a/../b")) { try PublishTarget.parse("s3://bucket/a/../b", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.missingBranch("git:../site.git")) { try PublishTarget.parse("git:../site.git", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.missingBranch("git:../site.git#")) { try PublishTarget.parse("git:../site.git#", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.missingRepository("git:#gh-pages")) { try PublishTarget.parse("git:#gh-pages", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.invalidBranch("gh pages")) { try PublishTarget.parse("git:repo.git#gh pages", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.invalidBranch("a..b")) { try PublishTarget.parse("git:repo.git#a..b", relativeTo: base) }
        #expect(throws: PublishTarget.ParseError.unsupportedScheme("https")) { try PublishTarget.parse("https://example.org/site", relativeTo: base) }
        #expect(PublishTarget.ParseError.missingBranch("git:x").description.contains("#gh-pages"))
    }

    @Test func neverShowsURLCredentials() throws {
        let target = try PublishTarget.parse("git:https://me:ghp_secret123@github.com/me/site.git#gh-pages", relativeTo: base)
        #expect(!target.description.contains("ghp_secret123"))
        #expect(target.description == "git:https://***@github.com/me/site.git#gh-pages")
        #expect(Redaction.scrub("failed for key abcdEFGH and https://u:p@h/x", secrets: ["abcdEFGH"]) == "failed for key *** and https://***@h/x")
    }
}
