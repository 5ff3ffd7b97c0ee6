import DossierContent
import DossierModel

/// `data/timeline.json` in TimelineJS3's JSON format: a title slide and one event per timeline entry, with
/// `start_date`, `end_date`, `text`, `display_date` and `group` (the event's first actor, so actors are groups).
///
/// TimelineJS puts `headline`, `text`, `display_date` and `group` into the page as HTML, so every value from
/// content is HTML-escaped here: a title with `<img onerror=…>` must show as text in every site that loads
/// this export, not run.
public enum TimelineJSON {
    /// The file's text.
    public static func text(site: SiteModel, urls: SiteURLs) -> String {
        let title = Excerpt.titles(site)
        let events = site.events.map { e -> JSONValue in
            var o: [(String, JSONValue)] = [("start_date", date(e.date))]
            if let end = e.end { o.append(("end_date", date(end))) }
            let link = "<p><a href=\"\(HTML.escape(urls.url(ItemRef(.event, e.id))))\">Read more</a></p>"
            let summary = ICalendar.firstParagraph(e.body.markdown).map { String($0).trimmingSpaces }
            var text = ""
            if let summary, !summary.isEmpty { text = "<p>" + HTML.escape(Excerpt.plain(summary, limit: 400, title: title)) + "</p>" }
            o.append(("text", .object([("headline", .string(HTML.escape(e.title))), ("text", .string(text + link))])))
            o.append(("display_date", .string(HTML.escape(e.date.formatted(approximate: e.approximate)
                + (e.end.map { " – " + $0.formatted(approximate: e.approximate) } ?? "")))))
            if let first = e.actors.first, let name = site.title(of: ItemRef(.actor, first.value)) { o.append(("group", .string(HTML.escape(name)))) }
            o.append(("unique_id", .string(e.id)))
            return .object(o)
        }
        let root: JSONValue = .object([
            ("title", .object([("text", .object([("headline", .string(HTML.escape(site.config.title))),
                                                 ("text", .string(site.config.description.map { "<p>" + HTML.escape($0) + "</p>" } ?? ""))]))])),
            ("events", .array(events)),
        ])
        return root.serialized(pretty: true)
    }

    /// A TimelineJS date object: year, and month, day, hour, minute when known.
    static func date(_ d: PartialDate) -> JSONValue {
        var o: [(String, JSONValue)] = [("year", .int(d.year))]
        if let m = d.month { o.append(("month", .int(m))) }
        if let day = d.day { o.append(("day", .int(day))) }
        if let t = d.time {
            let parts = t.prefix(5).split(separator: ":")
            if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) { o += [("hour", .int(h)), ("minute", .int(m))] }
        }
        return .object(o)
    }
}
