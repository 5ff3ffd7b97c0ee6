/* Dossier search: finds briefs, actors, events, topics and sources as the reader types.
   No framework, no server: the index is loaded by the search page's own <script> tags
   (search/index-N.js), which push their shards onto window.dossierSearch. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = form.getAttribute("data-root") || "../";
  var FOLDERS = { actor: "actors", topic: "topics", brief: "briefs", event: "events", source: "sources" };
  var LABELS = { actor: "Actor", topic: "Topic", brief: "Brief", event: "Event", source: "Source" };
  var BOOST = { actor: 3, topic: 2, brief: 1, event: 0, source: 0 };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var LIMIT = 50;
  var entries = null;

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Entries from every shard, with their folded words, built once.
  function load() {
    if (entries) return entries;
    entries = [];
    var shards = window.dossierSearch || [];
    shards.sort(function (a, b) { return a.first - b.first; });
    shards.forEach(function (shard) {
      shard.entries.forEach(function (e) {
        var kind = shard.kinds[e[0]];
        var extra = e[6] ? e[6].split(" ") : [];
        entries.push({
          kind: kind, title: e[1], date: e[2], id: e[3], actors: e[4], excerpt: e[5],
          titleWords: words(e[1]).concat(extra), textWords: words(e[5]), extraWords: extra, actorWords: null
        });
      });
    });
    entries.forEach(function (e) {
      var names = [];
      e.actors.forEach(function (i) { if (entries[i]) names = names.concat(entries[i].titleWords); });
      e.actorWords = names;
    });
    return entries;
  }

  function best(token, list, exact, prefix) {
    var score = 0;
    for (var i = 0; i < list.length; i++) {
      var w = list[i];
      if (w === token) return exact;
      if (score < prefix && w.lastIndexOf(token, 0) === 0) score = prefix;
    }
    return score;
  }

  function search(query) {
    var tokens = words(query);
    if (!tokens.length) return [];
    var results = [];
    load().forEach(function (e) {
      var total = 0;
      for (var t = 0; t < tokens.length; t++) {
        var token = tokens[t];
        var s = Math.max(best(token, e.titleWords, 10, 6), best(token, e.textWords, 4, 2), best(token, e.actorWords, 2, 1));
        if (!s) return;
        total += s;
      }
      results.push({ entry: e, score: total + BOOST[e.kind] });
    });
    results.sort(function (a, b) {
      if (b.score !== a.score) return b.score - a.score;
      if (a.entry.date !== b.entry.date) return a.entry.date < b.entry.date ? 1 : -1;
      return a.entry.title.localeCompare(b.entry.title);
    });
    return results;
  }

  function formatDate(d) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d || "");
    if (!m) return "";
    if (!m[2]) return m[1];
    var month = MONTHS[parseInt(m[2], 10) - 1];
    return m[3] ? parseInt(m[3], 10) + " " + month + " " + m[1] : month + " " + m[1];
  }

  // Text with the words that match the query marked, built as DOM nodes (never as HTML).
  function highlighted(text, tokens) {
    var span = document.createElement("span");
    var re = /[\p{L}\p{N}]+/gu, last = 0, m;
    while ((m = re.exec(text))) {
      var w = fold(m[0]);
      var hit = tokens.some(function (t) { return w.lastIndexOf(t, 0) === 0; });
      if (!hit) continue;
      span.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      span.appendChild(mark);
      last = m.index + m[0].length;
    }
    span.appendChild(document.createTextNode(text.slice(last)));
    return span;
  }

  function render(query) {
    var results = search(query);
    var tokens = words(query);
    list.textContent = "";
    results.slice(0, LIMIT).forEach(function (r, i) {
      var e = r.entry;
      var li = document.createElement("li");
      li.className = "result result-" + e.kind;
      var a = document.createElement("a");
      a.href = root + FOLDERS[e.kind] + "/" + e.id + "/";
      a.className = "result-link";
      a.id = "result-" + i;
      a.appendChild(highlighted(e.title, tokens));
      var h = document.createElement("h2");
      h.className = "result-title";
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "result-meta";
      var kind = document.createElement("span");
      kind.className = "result-kind kind-" + e.kind;
      kind.textContent = LABELS[e.kind];
      meta.appendChild(kind);
      if (e.date) {
        var time = document.createElement("time");
        time.setAttribute("datetime", e.date);
        time.textContent = formatDate(e.date);
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(time);
      }
      var names = e.actors.slice(0, 4).map(function (k) { return entries[k] ? entries[k].title : ""; }).filter(Boolean);
      if (names.length) meta.appendChild(document.createTextNode(" · " + names.join(", ")));
      li.appendChild(h);
      li.appendChild(meta);
      if (e.excerpt) {
        var p = document.createElement("p");
        p.className = "result-excerpt";
        p.appendChild(highlighted(e.excerpt, tokens));
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    if (!tokens.length) {
      status.textContent = "";
    } else if (!results.length) {
      status.textContent = "No results for “" + query.trim() + "”. Try fewer or shorter words.";
    } else {
      status.textContent = results.length + (results.length === 1 ? " result" : " results") + " for “" + query.trim() + "”" +
        (results.length > LIMIT ? ", showing the first " + LIMIT : "") + ".";
    }
  }

  var timer = null;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      render(input.value);
      var url = new URL(window.location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      try { window.history.replaceState(null, "", url.toString()); } catch (err) { /* file: URLs */ }
    }, 60);
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.result-link")); }

  input.addEventListener("input", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    render(input.value);
    var first = links()[0];
    if (first) first.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = links()[0];
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape") {
      input.value = "";
      render("");
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (event.key === "ArrowDown" && i + 1 < all.length) { event.preventDefault(); all[i + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); if (i > 0) all[i - 1].focus(); else input.focus(); }
    else if (event.key === "Escape") { event.preventDefault(); input.focus(); input.select(); }
    else if (event.key === "Home") { event.preventDefault(); all[0].focus(); }
    else if (event.key === "End") { event.preventDefault(); all[all.length - 1].focus(); }
  });

  form.classList.add("is-ready");
  var q = new URL(window.location.href).searchParams.get("q");
  if (q) { input.value = q; render(q); }
})();
