import DossierSupport
/// A date as precise as the author knows it: a year, a month, a day, or an instant.
///
/// Briefings often know only "February 2026"; partial dates keep that precision for display and
/// still sort (a partial date sorts before the more precise dates inside it).
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How precise a date is.
    public enum Precision: Int, Sendable, Hashable, Comparable {
        case year, month, day, time
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    public var year: Int
    public var month: Int?
    public var day: Int?
    /// `HH:MM` or `HH:MM:SS` with an optional zone (`Z`, `+01:00`), as written; only for date-times.
    public var time: String?

    /// Makes a date of the given precision; callers validate ranges through `parse`.
    public init(year: Int, month: Int? = nil, day: Int? = nil, time: String? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    public var precision: Precision {
        if time != nil { return .time }
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO 8601 date-time (`YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`);
    /// returns nil for anything else, including impossible months and days.
    public static func parse(_ text: String) -> PartialDate? {
        let s = Array(text.trimmingSpaces.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count else { return nil }
            var v = 0
            for i in range {
                guard s[i] >= 0x30, s[i] <= 0x39 else { return nil }
                v = v * 10 + Int(s[i] - 0x30)
            }
            return v
        }
        guard let year = number(0..<4) else { return nil }
        if s.count == 4 { return PartialDate(year: year) }
        guard s.count >= 7, s[4] == 0x2D, let month = number(5..<7), (1...12).contains(month) else { return nil }
        if s.count == 7 { return PartialDate(year: year, month: month) }
        guard s.count >= 10, s[7] == 0x2D, let day = number(8..<10),
              day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        if s.count == 10 { return PartialDate(year: year, month: month, day: day) }
        guard s[10] == 0x54 || s[10] == 0x74 || s[10] == 0x20 else { return nil }
        let rest = String(decoding: s[11...], as: UTF8.self)
        guard isValidTime(rest) else { return nil }
        return PartialDate(year: year, month: month, day: day, time: rest)
    }

    private static func isValidTime(_ t: String) -> Bool {
        let b = Array(t.utf8)
        func two(_ i: Int, max: Int) -> Bool {
            guard i + 1 < b.count, (0x30...0x39).contains(b[i]), (0x30...0x39).contains(b[i + 1]) else { return false }
            return Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30) <= max
        }
        guard two(0, max: 23), b.count >= 5, b[2] == 0x3A, two(3, max: 59) else { return false }
        var i = 5
        if i < b.count, b[i] == 0x3A {
            guard two(i + 1, max: 60) else { return false }
            i += 3
            if i < b.count, b[i] == 0x2E {
                i += 1
                let start = i
                while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == b.count { return true }
        if b[i] == 0x5A || b[i] == 0x7A { return i + 1 == b.count }
        guard b[i] == 0x2B || b[i] == 0x2D, b.count == i + 6, two(i + 1, max: 23), b[i + 3] == 0x3A, two(i + 4, max: 59) else {
            return false
        }
        return true
    }

    /// The number of days in `month` of `year` (Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The machine form, as written in content and in `<time datetime>`: `2026`, `2026-02`, `2026-02-27`, or with time.
    public var description: String {
        var text = TextBuilder(capacity: 11 + (time?.utf8.count ?? 0))
        text.append(year, width: 4)
        if let month { text.append("-"); text.append(month, width: 2) }
        if let day { text.append("-"); text.append(day, width: 2) }
        if let time { text.append("T"); text.append(time) }
        return text.text
    }

    /// The date in words for readers: `2026`, `February 2026`, `27 February 2026`, `27 February 2026, 14:30`.
    /// An approximate date reads `about 2026`, `about February 2026`, `about late February 2026`.
    public func formatted(approximate: Bool = false) -> String {
        let monthName = month.map { PartialDate.monthNames[$0 - 1] }
        var text = TextBuilder(capacity: 32)
        if approximate {
            text.append("about ")
            if let day, precision >= .day { text.append(day <= 10 ? "early " : day <= 20 ? "mid " : "late ") }
        } else if let day, precision >= .day {
            text.append(day)
            text.append(" ")
        }
        if let monthName {
            text.append(monthName)
            text.append(" ")
        }
        text.append(year)
        if !approximate, precision == .time, let time {
            text.append(", ")
            text.append(time.prefix(5))
        }
        return text.text
    }

    /// The month this date falls in, as a key for grouping a timeline (`2026-02`), or the year alone.
    public var monthKey: String {
        PartialDate(year: year, month: month).description
    }

    /// English month names, for dates in words.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        // As `(year, month ?? 0, day ?? 0, time ?? "")` compare, with the time copied only when the rest is equal.
        if a.year != b.year { return a.year < b.year }
        if (a.month ?? 0) != (b.month ?? 0) { return (a.month ?? 0) < (b.month ?? 0) }
        if (a.day ?? 0) != (b.day ?? 0) { return (a.day ?? 0) < (b.day ?? 0) }
        return (a.time ?? "") < (b.time ?? "")
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }

    /// Whether `trimmingSpaces` is empty, found without making it: every byte is a space, tab, line feed or
    /// carriage return, and no carriage return is followed by a line feed (that pair is one `Character`, which
    /// `trimmingSpaces` keeps).
    public var isBlank: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return false }
            if previous == 0x0D && byte == 0x0A { return false }
            previous = byte
        }
        return true
    }
}
