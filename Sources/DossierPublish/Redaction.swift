import Foundation

/// Keeps secrets out of anything Dossier shows: URL credentials and known secret values are replaced by `***`.
public enum Redaction {
    /// `text` with the user-info part of every URL in it (`https://user:token@host`) replaced by `***`.
    public static func redactURLs(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            result += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "\n" || $0 == "'" || $0 == "\"" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                result += "***"
                rest = rest[at...]
            }
        }
        return result + rest
    }

    /// `text` with every occurrence of each non-empty secret replaced by `***`, and URL credentials redacted.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        var out = redactURLs(in: text)
        for secret in secrets where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return out
    }
}
