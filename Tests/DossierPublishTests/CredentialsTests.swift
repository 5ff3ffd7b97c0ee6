import Foundation
import Testing
@testable import DossierPublish

@Suite struct CredentialsTests {
    @Test func environmentComesFirst() throws {
        let credentials = try Credentials.resolve(environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "token-1", "HOME": "/nonexistent",
        ])
        #expect(credentials.accessKeyID == "AKIAENV")
        #expect(credentials.secretAccessKey == "env-secret")
        #expect(credentials.sessionToken == "token-1")
        #expect(credentials.source == "environment")
        #expect(throws: Credentials.LookupError.incompleteEnvironment(missing: "AWS_SECRET_ACCESS_KEY")) {
            try Credentials.resolve(environment: ["AWS_ACCESS_KEY_ID": "AKIA", "HOME": "/nonexistent"])
        }
    }

    @Test func readsDefaultAndNamedProfiles() throws {
        let home = try TemporaryFolder("home")
        defer { home.remove() }
        try home.write([".aws/credentials": """
            # comment
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = default+secret/with=chars

            [publisher]
            AWS_ACCESS_KEY_ID=AKIAPUB   ; trailing comment
            aws_secret_access_key=pub-secret
            aws_session_token = pub-token
            [broken]
            aws_access_key_id = AKIAHALF
            """])
        let environment = ["HOME": home.url.path]
        let byDefault = try Credentials.resolve(environment: environment)
        #expect(byDefault.accessKeyID == "AKIADEFAULT")
        #expect(byDefault.secretAccessKey == "default+secret/with=chars")
        #expect(byDefault.source == "profile 'default' in ~/.aws/credentials")
        let named = try Credentials.resolve(environment: environment.merging(["AWS_PROFILE": "publisher"]) { $1 })
        #expect(named.accessKeyID == "AKIAPUB")
        #expect(named.sessionToken == "pub-token")
        #expect(throws: Credentials.LookupError.profileNotFound(profile: "nope", file: "~/.aws/credentials")) {
            try Credentials.resolve(environment: environment.merging(["AWS_PROFILE": "nope"]) { $1 })
        }
        #expect(throws: Credentials.LookupError.incompleteProfile(profile: "broken", file: "~/.aws/credentials", missing: "aws_secret_access_key")) {
            try Credentials.resolve(environment: environment.merging(["AWS_PROFILE": "broken"]) { $1 })
        }
        let custom = home.url.appendingPathComponent(".aws/credentials").path
        #expect(try Credentials.resolve(environment: ["HOME": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": custom]).accessKeyID == "AKIADEFAULT")
    }

    @Test func missingEverywhereSaysWhatToDo() {
        #expect(throws: Credentials.LookupError.notFound(file: "~/.aws/credentials")) {
            try Credentials.resolve(environment: ["HOME": "/nonexistent"])
        }
        #expect(throws: Credentials.LookupError.notFound(file: "/elsewhere/credentials")) {
            try Credentials.resolve(environment: ["HOME": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/elsewhere/credentials"])
        }
        #expect(Credentials.LookupError.notFound(file: "~/.aws/credentials").description.contains("AWS_ACCESS_KEY_ID"))
    }

    @Test func printingNeverShowsTheSecret() {
        let credentials = Credentials(accessKeyID: "AKIAEXAMPLEKEY", secretAccessKey: "very-secret-value", sessionToken: "session-secret", source: "environment")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("very-secret-value"))
            #expect(!text.contains("session-secret"))
            #expect(!text.contains("AKIAEXAMPLEKEY"))
        }
    }
}
