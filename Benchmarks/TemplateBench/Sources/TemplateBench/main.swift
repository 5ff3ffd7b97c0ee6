// Renders the same page with the same data through DossierTemplates and swift-mustache, checks
// that both produce the same HTML, then times many renders of each (after a warm-up) and prints
// the median per-page time over several batches, and the ratio.
import DossierTemplates
import Foundation
import Mustache

// MARK: - Templates

/// The base layout: blocks for the title and content, a nav list, and a nested footer partial.
let layout = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{$title}}Dossier{{/title}}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<nav>
<ul>
{{#nav}}
<li><a href="{{url}}"{{#current}} class="current"{{/current}}>{{label}}</a></li>
{{/nav}}
</ul>
</nav>
<main>
{{$content}}<p>No content.</p>{{/content}}
</main>
{{>footer}}
</body>
</html>

"""

let footer = """
<footer><p>{{site.name}} &middot; generated {{site.generated}}</p></footer>

"""

/// The page, inheriting the layout; `BODY` is `{{body}}` (an `.html` value) for DossierTemplates and
/// `{{{body}}}` for swift-mustache.
let pageTemplate = """
{{<layout}}
{{$title}}{{name}} &mdash; {{site.name}}{{/title}}
{{$content}}
<article class="case">
<h1>{{name}}</h1>
<p class="summary">{{summary}}</p>
<div class="body">
BODY
</div>
<section class="actors">
<h2>Actors ({{actorCount}})</h2>
<ul>
{{#actors}}
<li class="actor"><a href="/actors/{{slug}}/">{{name}}</a> &mdash; {{role}}{{#country}} ({{country}}){{/country}}</li>
{{/actors}}
</ul>
</section>
<section class="events">
<h2>Timeline</h2>
{{#events}}
{{>event}}
{{/events}}
</section>
</article>
{{/content}}
{{/layout}}
"""

let eventTemplate = """
<div class="event" id="event-{{id}}">
<time datetime="{{date}}">{{date}}</time>
<p>{{summary}}</p>
<ul class="sources">
{{#sources}}
<li><a href="{{url}}">{{title}}</a></li>
{{/sources}}
</ul>
</div>

"""

// MARK: - Data (one JSON-like tree, converted for each engine)

func makeBody() -> String {
    var body = ""
    var paragraph = 0
    while body.utf8.count < 4096 {
        paragraph += 1
        body += "<p>Paragraph \(paragraph): the committee met on a <em>Tuesday</em> to review the <a href=\"/docs/\(paragraph)/\">documents</a> &amp; the minutes of the previous session, which had been delayed.</p>\n"
    }
    return body
}

let data: [String: Any] = [
    "name": "The \"Harbour\" Contracts & Their Aftermath",
    "summary": "How a port authority's contracts were awarded <quietly> and what followed.",
    "body": makeBody(),
    "actorCount": 10,
    "site": ["name": "Dossier", "generated": "2026-11-29"] as [String: Any],
    "nav": (0..<8).map { i -> [String: Any] in
        ["url": "/section-\(i)/", "label": "Section \(i)", "current": i == 2]
    },
    "actors": (0..<10).map { i -> [String: Any] in
        var actor: [String: Any] = [
            "slug": "actor-\(i)", "name": "Actor O'Neil \(i)", "role": i % 2 == 0 ? "Director" : "Contractor & supplier",
        ]
        if i % 3 != 0 { actor["country"] = "Country \(i)" } else { actor["country"] = false }
        return actor
    },
    "events": (0..<10).map { i -> [String: Any] in
        [
            "id": i,
            "date": "2024-0\(1 + i % 9)-1\(i)",
            "summary": "Event \(i): contract <\(i)> signed by \"both\" parties.",
            "sources": (0..<2).map { j -> [String: Any] in
                ["url": "https://example.org/\(i)/\(j)?a=1&b=2", "title": "Source \(j) for event \(i)"]
            },
        ]
    },
]

/// The same data as a `TemplateValue`, with the body as pre-rendered HTML.
func dossierValue(from data: [String: Any]) -> TemplateValue {
    var value = TemplateValue(json: data)
    if case .object(var object) = value {
        object["body"] = .html(data["body"] as! String)
        value = .object(object)
    }
    return value
}

// MARK: - Timing

func now() -> UInt64 {
    DispatchTime.now().uptimeNanoseconds
}

/// Median over `batches` batches of the mean time per call (in microseconds) of `iterations` calls.
func measure(batches: Int, iterations: Int, _ body: () -> Int) -> (median: Double, sink: Int) {
    var sink = 0
    var perCall: [Double] = []
    for _ in 0..<batches {
        let start = now()
        for _ in 0..<iterations { sink &+= body() }
        let elapsed = Double(now() - start) / 1000.0
        perCall.append(elapsed / Double(iterations))
    }
    perCall.sort()
    return (perCall[perCall.count / 2], sink)
}

// MARK: - Main

let dossierLibrary = try TemplateLibrary(templates: [
    "layout": layout,
    "footer": footer,
    "page": pageTemplate.replacingOccurrences(of: "BODY", with: "{{body}}"),
    "event": eventTemplate,
])
let mustacheLibrary = MustacheLibrary(templates: [
    "layout": try MustacheTemplate(string: layout),
    "footer": try MustacheTemplate(string: footer),
    "page": try MustacheTemplate(string: pageTemplate.replacingOccurrences(of: "BODY", with: "{{{body}}}")),
    "event": try MustacheTemplate(string: eventTemplate),
])
let value = dossierValue(from: data)

let dossierOutput = try dossierLibrary.render("page", with: value)
guard let mustacheOutput = mustacheLibrary.render(data, withTemplate: "page") else {
    fatalError("swift-mustache did not render the page")
}
func normalized(_ s: String) -> String {
    s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}
print("Output: DossierTemplates \(dossierOutput.utf8.count) bytes, swift-mustache \(mustacheOutput.utf8.count) bytes (body \((data["body"] as! String).utf8.count) bytes)")
if dossierOutput == mustacheOutput {
    print("Outputs are identical.")
} else if normalized(dossierOutput) == normalized(mustacheOutput) {
    print("Outputs are equal after normalizing whitespace.")
} else {
    print("--- DossierTemplates ---\n\(dossierOutput)\n--- swift-mustache ---\n\(mustacheOutput)")
    fatalError("the two engines disagree")
}

let arguments = CommandLine.arguments
if arguments.contains("--profile-dossier") {
    // Only DossierTemplates, for a profiler (valgrind --tool=callgrind).
    var total = 0
    for _ in 0..<2000 { total &+= try dossierLibrary.render("page", with: value).utf8.count }
    print("rendered \(total) bytes")
    exit(0)
}
let quick = arguments.contains("--quick")
let batches = quick ? 3 : 11

// Warm-up.
for _ in 0..<(quick ? 50 : 500) {
    _ = try dossierLibrary.render("page", with: value)
    _ = mustacheLibrary.render(data, withTemplate: "page")
}

let dossier = measure(batches: batches, iterations: quick ? 200 : 4000) {
    (try? dossierLibrary.render("page", with: value))?.utf8.count ?? 0
}
let mustache = measure(batches: batches, iterations: quick ? 50 : 600) {
    mustacheLibrary.render(data, withTemplate: "page")?.utf8.count ?? 0
}
print(String(format: "DossierTemplates: %8.2f µs/page (median of %d batches)", dossier.median, batches))
print(String(format: "swift-mustache:   %8.2f µs/page (median of %d batches)", mustache.median, batches))
print(String(format: "Ratio: DossierTemplates is %.1f× faster", mustache.median / dossier.median))
if dossier.sink == 0 || mustache.sink == 0 { print("(no output?)") }
