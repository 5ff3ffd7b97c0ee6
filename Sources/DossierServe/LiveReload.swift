import DossierModel
import Foundation

/// The live-reload protocol between the dev server and open pages: the script tag injected into served HTML, the
/// script itself (server-sent events, reload, an accessible error overlay), and the event and status payloads.
public enum LiveReload {
    /// The server-sent-events stream: `reload` after a good build, `error` with the diagnostics after a failed one.
    public static let eventsPath = "/__dossier/events"
    /// The current build state as JSON, fetched by a page when it loads or reconnects.
    public static let statusPath = "/__dossier/status"
    /// The live-reload script.
    public static let scriptPath = "/__dossier/live-reload.js"
    /// Every path the dev server answers itself, never from `Output/`.
    public static let reservedPrefix = "/__dossier/"

    /// The tag injected into served pages; `build` is the last good build the page was served from.
    public static func scriptTag(build: Int) -> String {
        "<script src=\"\(scriptPath)\" data-dossier-build=\"\(build)\" defer></script>"
    }

    /// `html` with `tag` inserted before its last `</body>` (any case), or appended when it has none.
    public static func inject(_ tag: String, into html: [UInt8]) -> [UInt8] {
        let needle = Array("</body".utf8)
        var index = html.count - needle.count
        while index >= 0 {
            var matches = true
            for (offset, byte) in needle.enumerated() where lowercased(html[index + offset]) != byte {
                matches = false
                break
            }
            if matches { return Array(html[..<index]) + Array(tag.utf8) + Array(html[index...]) }
            index -= 1
        }
        return html + Array(tag.utf8)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }

    /// One diagnostic as the page receives it.
    public struct DiagnosticPayload: Codable, Sendable, Equatable {
        /// The whole line as the command line prints it: `file:line:column: error: message`.
        public var text: String
        public var file: String
        public var line: Int
        public var column: Int
        public var severity: String
        public var message: String

        /// The payload of `diagnostic`.
        public init(_ diagnostic: Diagnostic) {
            text = diagnostic.description
            file = diagnostic.location.path
            line = diagnostic.location.line
            column = diagnostic.location.column
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
        }
    }

    /// The state of the last build, as the status endpoint and events carry it.
    public struct Status: Codable, Sendable, Equatable {
        /// Whether the last build succeeded (or no build has finished yet).
        public var ok: Bool
        /// The sequence number of the last finished build (0 before the first).
        public var build: Int
        /// The sequence number of the last good build, the one `Output/` holds.
        public var lastGood: Int
        /// The last build's diagnostics (empty when it succeeded without warnings).
        public var diagnostics: [DiagnosticPayload]

        /// The status after `outcome` (or before any build when nil).
        public init(_ outcome: BuildOutcome?) {
            ok = outcome?.succeeded ?? true
            build = outcome?.sequence ?? 0
            lastGood = outcome?.lastGoodSequence ?? 0
            diagnostics = (outcome?.diagnostics ?? []).map(DiagnosticPayload.init)
        }
    }

    /// The status as JSON.
    public static func statusJSON(_ outcome: BuildOutcome?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Status(outcome))) ?? Data("{\"ok\":true}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The server-sent event for a finished build: `reload` when it succeeded, `error` with the diagnostics when not.
    public static func event(for outcome: BuildOutcome) -> String {
        "event: \(outcome.succeeded ? "reload" : "error")\ndata: \(statusJSON(outcome))\n\n"
    }

    /// The server-sent event for pages a running build wrote ahead of the rest: `preview` with their URL paths
    /// (`/briefs/a/`) and the sequence number the build will have; a page showing one of them reloads at once.
    public static func event(for preview: Rebuilder.Preview) -> String {
        let paths = preview.paths.map { "/" + ($0.hasSuffix("index.html") ? String($0.dropLast("index.html".count)) : $0) }
        struct Payload: Encodable { var build: Int; var paths: [String] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Payload(build: preview.sequence, paths: paths))) ?? Data("{}".utf8)
        return "event: preview\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }

    /// What the events stream sends first: the reconnection delay, and a comment that makes browsers see it open.
    public static let streamPreamble = "retry: 1000\n: dossier live reload\n\n"

    /// A comment line sent now and then so a closed connection is noticed.
    public static let keepAlive = ": keep-alive\n\n"

    /// The live-reload script: listens for events, reloads the page after a good build, and shows an accessible
    /// overlay listing the diagnostics (as text, never as HTML) while the build is broken.
    public static let script = #"""
    (function () {
      "use strict";
      var me = document.currentScript;
      var pageBuild = me ? Number(me.getAttribute("data-dossier-build")) : NaN;
      var OVERLAY = "dossier-build-error";
      var STATUS = "\#(statusPath)";
      var EVENTS = "\#(eventsPath)";
      var SANS = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif";

      function hide() {
        var old = document.getElementById(OVERLAY);
        if (old) old.parentNode.removeChild(old);
      }

      function show(diagnostics) {
        hide();
        var box = document.createElement("section");
        box.id = OVERLAY;
        box.setAttribute("role", "alert");
        box.setAttribute("aria-live", "assertive");
        box.setAttribute("aria-labelledby", OVERLAY + "-title");
        box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:70vh;overflow:auto;" +
          "margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-bottom:6px solid #a4001d;" +
          "box-shadow:0 4px 24px rgba(0,0,0,.35);font:16px/1.5 " + SANS + ";text-align:left;text-transform:none;letter-spacing:normal;";
        var title = document.createElement("h2");
        title.id = OVERLAY + "-title";
        title.textContent = "The build failed";
        title.style.cssText = "margin:0 0 .25rem;padding:0;font:700 1.25rem/1.3 " + SANS + ";color:#8a0018;border:0;";
        var hint = document.createElement("p");
        hint.textContent = "This page shows the last good build. Fix the problems below and save: the page reloads by itself.";
        hint.style.cssText = "margin:0 0 .75rem;padding:0;font:16px/1.5 " + SANS + ";color:#1a1a1a;";
        var list = document.createElement("ul");
        list.style.cssText = "margin:0;padding:0;list-style:none;";
        (diagnostics || []).forEach(function (d) {
          var item = document.createElement("li");
          item.style.cssText = "margin:0;padding:0;";
          var code = document.createElement("code");
          code.textContent = d.text || (d.file + ":" + d.line + ":" + d.column + ": " + d.message);
          code.style.cssText = "display:block;white-space:pre-wrap;word-break:break-word;padding:.4rem .6rem;margin:.25rem 0;" +
            "background:#f6f0f0;color:#1a1a1a;border-left:4px solid " + (d.severity === "warning" ? "#8a5a00" : "#a4001d") + ";" +
            "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
          item.appendChild(code);
          list.appendChild(item);
        });
        var close = document.createElement("button");
        close.type = "button";
        close.textContent = "Hide";
        close.setAttribute("aria-label", "Hide the build errors");
        close.style.cssText = "position:absolute;top:.75rem;right:1rem;font:inherit;padding:.2rem .8rem;color:#fff;" +
          "background:#8a0018;border:0;border-radius:4px;cursor:pointer;";
        close.addEventListener("click", hide);
        box.appendChild(title);
        box.appendChild(hint);
        box.appendChild(list);
        box.appendChild(close);
        (document.body || document.documentElement).appendChild(box);
      }

      function apply(status) {
        if (!status.ok) { show(status.diagnostics); return; }
        hide();
        if (!isNaN(pageBuild) && status.lastGood !== pageBuild) location.reload();
      }

      function check() {
        fetch(STATUS, { cache: "no-store" }).then(function (r) { return r.json(); }).then(apply).catch(function () {});
      }

      check();
      if (!window.EventSource) return;
      var source = new EventSource(EVENTS);
      source.addEventListener("open", check);
      source.addEventListener("reload", function (event) {
        try { apply(JSON.parse(event.data)); } catch (e) { location.reload(); }
      });
      source.addEventListener("preview", function (event) {
        try {
          var data = JSON.parse(event.data), here = location.pathname.replace(/index\.html$/, "");
          if (data.paths.indexOf(here) >= 0 && data.build !== pageBuild) location.reload();
        } catch (e) {}
      });
      source.addEventListener("error", function (event) {
        if (typeof event.data !== "string" || !event.data) return;   // a lost connection, not a failed build
        try { apply(JSON.parse(event.data)); } catch (e) {}
      });
    })();
    """#
}
