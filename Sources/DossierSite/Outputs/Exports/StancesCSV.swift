import Foundation
import DossierContent
import DossierModel

/// `data/stances.csv`: one row per stance (actor, topic, position, as_of, summary, sources), every stance of
/// every history, with RFC 4180 quoting and CRLF line ends.
public enum StancesCSV {
    /// The file's text.
    public static func text(site: SiteModel) -> String {
        var rows = [["actor", "topic", "position", "as_of", "summary", "sources"]]
        for t in site.topics {
            for s in t.stances {
                let sources = s.sources.map { c in c.quote.map { "\(c.source): “\($0)”" } ?? c.source }.joined(separator: "; ")
                rows.append([site.title(of: ItemRef(.actor, s.actor.value)) ?? s.actor.value, t.title, s.position.rawValue,
                             s.asOf?.description ?? "", s.summary ?? "", sources])
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote, a line break or leading/trailing space; quotes doubled.
    static func field(_ s: String) -> String {
        // Each of those characters is one of these bytes, so a field without them (most) is looked at only as bytes.
        var copy = s
        let mayNeedQuotes = copy.withUTF8 { b in
            b.first == 0x20 || b.last == 0x20 || b.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        }
        guard mayNeedQuotes else { return s }
        let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
