import Foundation
import DossierContent
import DossierModel

/// `data/events.ics` (RFC 5545): one VEVENT per timeline entry — all-day for dates, timed for date-times —
/// with a UID made from the event id, so calendars update entries instead of duplicating them.
public enum ICalendar {
    /// The file's text, with CRLF line ends and long lines folded at 75 octets.
    public static func text(site: SiteModel, urls: SiteURLs) -> String {
        let host = hostName(urls)
        let title = Excerpt.titles(site)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Dossier//Dossier briefing site//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(site.config.title)]
        if let d = site.config.description { lines.append("X-WR-CALDESC:" + escape(d)) }
        for e in site.events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(e.id)@\(host)")
            // DTSTAMP must not be the build time: the event's own date stands in.
            lines.append("DTSTAMP:" + stamp(e.date))
            if e.date.precision == .time, let start = utc(e.date) {
                lines.append("DTSTART:" + start)
                if let end = e.end, end.precision == .time, let u = utc(end) { lines.append("DTEND:" + u) }
            } else {
                let (first, last) = e.approximate ? e.date.approximateRange : (e.date.firstDay, e.date.lastDay)
                var endDay = last.dayNumber
                if let end = e.end { endDay = max(endDay, (e.approximate ? end.approximateRange.1 : end.lastDay).dayNumber) }
                let start = first.dayNumber
                lines.append("DTSTART;VALUE=DATE:" + compact(PartialDate.fromDayNumber(start)))
                lines.append("DTEND;VALUE=DATE:" + compact(PartialDate.fromDayNumber(max(endDay, start) + 1)))
            }
            var summary = e.title
            if e.approximate { summary += " (date approximate: \(e.date.formatted(approximate: true)))" }
            lines.append("SUMMARY:" + escape(summary))
            let names = e.actors.compactMap { site.title(of: ItemRef(.actor, $0.value)) }
            var description = ""
            if let first = firstParagraph(e.body.markdown) {
                description = Excerpt.plain(String(first), limit: 600, title: title)
            }
            if !names.isEmpty { description += (description.isEmpty ? "" : "\n\n") + "Actors: " + names.joined(separator: ", ") }
            if !description.isEmpty { lines.append("DESCRIPTION:" + escape(description)) }
            let topics = e.topics.compactMap { site.title(of: ItemRef(.topic, $0.value)) }
            if !topics.isEmpty { lines.append("CATEGORIES:" + topics.map(escape).joined(separator: ",")) }
            if urls.isAbsolute { lines.append("URL:" + urls.url(ItemRef(.event, e.id))) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The host of an absolute base URL, or `dossier.invalid` for UIDs when there is none.
    static func hostName(_ urls: SiteURLs) -> String {
        guard urls.isAbsolute else { return "dossier.invalid" }
        let rest = urls.base.split(separator: "/", omittingEmptySubsequences: true)
        return rest.count > 1 ? String(rest[1]) : "dossier.invalid"
    }

    /// `YYYYMMDD`.
    static func compact(_ d: PartialDate) -> String {
        String(decoding: d.firstDay.description.utf8.filter { $0 != UInt8(ascii: "-") }, as: UTF8.self)
    }

    /// The first non-empty stretch of `markdown` between blank-line separators (`\n\n`), as
    /// `split(separator: "\n\n").first` gives it, found on UTF-8 bytes without splitting the rest.
    static func firstParagraph(_ markdown: String) -> Substring? {
        var copy = markdown
        let range: Range<Int>? = copy.withUTF8 { b in
            var start = 0
            var i = 0
            while i < b.count {
                if b[i] == 0x0A, i + 1 < b.count, b[i + 1] == 0x0A {
                    if i != start { return start..<i }
                    start = i + 2
                    i = start
                } else {
                    i += 1
                }
            }
            return start >= b.count ? nil : start..<b.count
        }
        guard let range else { return nil }
        let utf8 = markdown.utf8
        return markdown[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
    }

    /// A DTSTAMP from a content date, in UTC.
    static func stamp(_ d: PartialDate) -> String { utc(d) ?? compact(d) + "T000000Z" }

    /// A date-time as `YYYYMMDDTHHMMSSZ` in UTC, or nil for a date without time.
    static func utc(_ d: PartialDate) -> String? {
        guard d.precision == .time else { return nil }
        let stamp = d.rfc3339 // YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)
        let chars = Array(stamp)
        guard chars.count >= 20, let h = Int(String(chars[11...12])), let m = Int(String(chars[14...15])),
              let s = Int(String(chars[17...18])) else { return nil }
        var offset = 0
        if let sign = stamp.lastIndex(where: { $0 == "+" || $0 == "-" }), stamp.distance(from: stamp.startIndex, to: sign) > 18 {
            let z = stamp[stamp.index(after: sign)...].split(separator: ":")
            if z.count == 2, let zh = Int(z[0]), let zm = Int(z[1]) { offset = (zh * 60 + zm) * (stamp[sign] == "+" ? 1 : -1) }
        }
        var minutes = h * 60 + m - offset
        var day = d.dayNumber
        while minutes < 0 { minutes += 1440; day -= 1 }
        while minutes >= 1440 { minutes -= 1440; day += 1 }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return compact(PartialDate.fromDayNumber(day)) + "T" + two(minutes / 60) + two(minutes % 60) + two(min(s, 59)) + "Z"
    }

    /// Escapes a TEXT value: backslash, semicolon, comma and newlines.
    static func escape(_ s: String) -> String {
        // Every character escaped is ASCII, and UTF-8 never uses ASCII bytes inside another character.
        var s = s
        let escaped: [UInt8]? = s.withUTF8 { b in
            guard b.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 16)
            for byte in b {
                switch byte {
                case 0x5C, 0x3B, 0x2C: out.append(0x5C); out.append(byte)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: continue
                default: out.append(byte)
                }
            }
            return out
        }
        guard let escaped else { return s }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Folds a content line into lines of at most 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        let b = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 70 * 3)
        var start = 0, limit = 75
        while b.count - start > limit {
            var cut = start + limit
            while cut > start, b[cut] & 0xC0 == 0x80 { cut -= 1 }
            out += b[start..<cut]
            out += [0x0D, 0x0A, 0x20]
            start = cut
            limit = 74
        }
        out += b[start...]
        return String(decoding: out, as: UTF8.self)
    }
}
