import DossierModel
import DossierSupport
import DossierTemplates

/// Escaping and date helpers for the XML outputs (Atom feeds, the sitemap, SVG).
enum XML {
    /// Escapes text for XML element content and attribute values; drops control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        let b = text.utf8.span
        // Most text needs nothing: return it as it is.
        if !needsEscaping(b) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&apos;".utf8
            case 0x09, 0x0A, 0x0D: out.append(c)
            case 0xEF where i + 2 < b.count && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF):
                i += 2 // U+FFFE and U+FFFF are not XML characters
            default:
                if c >= 0x20 { out.append(c) }
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `b` has a byte `escape` changes or drops: checked eight bytes at a time, since most text has none.
    private static func needsEscaping(_ b: Span<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            if i + 8 <= b.count {
                let word = ByteSpan.load(b, at: i)
                if ByteWord.hasHTMLSpecial(word) | ByteWord.hasBelow(word, 0x20) | ByteWord.has(word, 0xEF) == 0 {
                    i += 8
                    continue
                }
            }
            let end = min(i + 8, b.count)
            while i < end {
                let c = b[i]
                if c == 0x26 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 || (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0xEF {
                    return true
                }
                i += 1
            }
        }
        return false
    }
}

extension PartialDate {
    /// The date as an RFC 3339 timestamp for feeds: the start of the year, month or day it names, in UTC
    /// unless a date-time gives its own zone.
    public var rfc3339: String {
        let d = String(description.prefix(10))
        switch precision {
        case .year: return d + "-01-01T00:00:00Z"
        case .month: return d + "-01T00:00:00Z"
        case .day: return d + "T00:00:00Z"
        case .time:
            var t = time ?? "00:00"
            var zone = "Z"
            if let z = t.firstIndex(where: { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }) {
                zone = t[z...] == "z" ? "Z" : String(t[z...])
                t = String(t[..<z])
            }
            if t.count == 5 { t += ":00" }
            return d + "T" + t + zone
        }
    }

    /// The last day this date could mean (the date itself for a day; the month's or year's last day otherwise).
    public var lastDay: PartialDate {
        switch precision {
        case .year: return PartialDate(year: year, month: 12, day: 31)
        case .month: return PartialDate(year: year, month: month, day: PartialDate.daysIn(month: month!, year: year))
        case .day, .time: return PartialDate(year: year, month: month, day: day)
        }
    }

    /// The first day this date could mean.
    public var firstDay: PartialDate { PartialDate(year: year, month: month ?? 1, day: day ?? 1) }

    /// Days since 1970-01-01 of the date's first day (proleptic Gregorian), for placing dates on an axis.
    public var dayNumber: Int {
        let y0 = year, m0 = month ?? 1, d0 = day ?? 1
        let y = m0 <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m0 + 9) % 12
        let doy = (153 * mp + 2) / 5 + d0 - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date of day number `n` (see `dayNumber`).
    public static func fromDayNumber(_ n: Int) -> PartialDate {
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return PartialDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The range of days an approximate date may mean: early/mid/late thirds of a month for a day, the whole
    /// month or year otherwise.
    public var approximateRange: (PartialDate, PartialDate) {
        switch precision {
        case .year, .month: return (firstDay, lastDay)
        case .day, .time:
            let d = day!
            let last = PartialDate.daysIn(month: month!, year: year)
            let (a, b) = d <= 10 ? (1, 10) : d <= 20 ? (11, 20) : (21, last)
            return (PartialDate(year: year, month: month, day: a), PartialDate(year: year, month: month, day: b))
        }
    }
}
