import DossierModel

/// The ticks of a time axis: a unit (days, weeks, months or years) chosen from the span, the smallest step
/// whose labels fit side by side, and the year written on the first tick and wherever it changes.
enum TimeAxis {
    /// A tick: the day it marks and its label.
    struct Tick: Equatable {
        var day: Int
        var label: String
    }

    /// The unit ticks count in.
    enum Unit: Equatable { case day, week, month, year }

    /// The unit for an axis of `span` days.
    static func unit(span: Int) -> Unit {
        span <= 21 ? .day : span <= 120 ? .week : span <= 4 * 366 ? .month : .year
    }

    /// The ticks for days `first…last`, at the smallest step whose labels are no closer than `fits` allows.
    static func ticks(first: Int, last: Int, fits: ([Tick]) -> Bool) -> [Tick] {
        let unit = unit(span: last - first)
        let steps: [Int] = switch unit {
        case .day: [1, 2, 3, 7]
        case .week: [1, 2, 4]
        case .month: [1, 2, 3, 6, 12]
        case .year: [1, 2, 5, 10, 20, 50, 100]
        }
        var chosen: [Tick] = []
        for step in steps {
            chosen = ticks(first: first, last: last, unit: unit, step: step)
            if fits(chosen) { break }
        }
        return chosen
    }

    /// The ticks of `unit` every `step` units in `first…last`, labelled.
    static func ticks(first: Int, last: Int, unit: Unit, step: Int) -> [Tick] {
        var days: [Int] = []
        switch unit {
        case .day:
            days = Array(stride(from: first, through: last, by: step))
        case .week:
            // Mondays (1970-01-01, day 0, was a Thursday).
            var d = first
            while ((d % 7) + 7) % 7 != 4 { d += 1 }
            days = Array(stride(from: d, through: last, by: 7 * step))
        case .month:
            let start = PartialDate.fromDayNumber(first)
            var y = start.year, m = start.month ?? 1
            while true {
                let d = PartialDate(year: y, month: m, day: 1).dayNumber
                if d > last { break }
                if d >= first && (m - 1) % step == 0 { days.append(d) }
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        case .year:
            var y = PartialDate.fromDayNumber(first).year
            while PartialDate(year: y, month: 1, day: 1).dayNumber <= last {
                let d = PartialDate(year: y, month: 1, day: 1).dayNumber
                if d >= first && y % step == 0 { days.append(d) }
                y += 1
            }
        }
        return labelled(days, unit: unit)
    }

    /// Labels for tick days: `9 Mar` or `Mar` (or the year), with the year added on the first and when it changes.
    static func labelled(_ days: [Int], unit: Unit) -> [Tick] {
        var previousYear: Int?
        return days.map { d in
            let p = PartialDate.fromDayNumber(d)
            let month = String(PartialDate.monthNames[(p.month ?? 1) - 1].prefix(3))
            let newYear = p.year != previousYear
            previousYear = p.year
            let label: String = switch unit {
            case .year: String(p.year)
            case .month: newYear ? "\(month) \(p.year)" : month
            case .day, .week: newYear ? "\(p.day ?? 1) \(month) \(p.year)" : "\(p.day ?? 1) \(month)"
            }
            return Tick(day: d, label: label)
        }
    }
}
