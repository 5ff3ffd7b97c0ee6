/* Dossier search: finds the words of briefs, actors, events, topics and sources as the reader types.
   No framework, no server, no fetch(): the page loads the manifest (search/index.js) with a <script> tag, and
   this script adds <script> tags for the few term shards a query needs (search/terms/N.js) and for the documents
   it shows (search/doc/N.js), so search works from any static host and from a folder opened from disk. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var root = form.getAttribute("data-root") || "../";
  var index = window.dossierSearchIndex || { kinds: [], docs: 0, shards: [] };
  var FOLDERS = { actor: "actors", topic: "topics", brief: "briefs", event: "events", source: "sources" };
  var LABELS = { actor: "Actor", topic: "Topic", brief: "Brief", event: "Event", source: "Source" };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var PAGE = 10;            // results shown at a time
  var PHRASE_BUDGET = 60;   // most documents read to check a phrase, per page of results
  var PREFIX_SHARDS = 3;    // the last word also finds longer words when their terms span at most this many shards
  var CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff";
  var WORD = new RegExp("[" + CJK + "]|(?:(?![" + CJK + "])[\\p{L}\\p{N}])+", "gu");
  var DIGITS = {};
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGITS[c] = -1 - i; });
  "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-".split("").forEach(function (c, i) { DIGITS[c] = i; });

  var terms = {}, docs = {}, loading = {};
  window.dossierSearch = {
    terms: function (n, data) { terms[n] = data; },
    doc: function (n, data) { docs[n] = data; }
  };

  // Loads search/<path>.js once, by a script tag (which works from file: URLs, unlike fetch()).
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "search/" + path + ".js";
        s.onload = resolve;
        s.onerror = function () { delete loading[path]; reject(new Error("could not load " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }
  function words(s) {
    return fold(s).match(WORD) || [];
  }

  // The query: every word must be found; "words in quotes" must be found side by side.
  function parse(query) {
    var phrases = [], tokens = [], re = /["“”„]([^"“”„]*)["“”„]?|([^\s"“”„]+)/g, m;
    while ((m = re.exec(query))) {
      var w = words(m[1] !== undefined ? m[1] : m[2]);
      if (m[1] !== undefined && w.length > 1) phrases.push(w);
      w.forEach(function (t) { if (tokens.indexOf(t) < 0) tokens.push(t); });
    }
    var last = /[^\s"“”„]$/.test(query) && !phrases.length ? tokens[tokens.length - 1] : null;
    return { tokens: tokens, phrases: phrases, prefix: last && last.length > 1 ? last : null };
  }

  // The shard whose first term is the last not after `term`.
  function shardOf(term) {
    var lo = 0, hi = index.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (index.shards[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function shardsFor(token, prefix) {
    var a = shardOf(token), b = prefix ? shardOf(token + "\uffff") : a;
    var out = [];
    for (var i = a; i <= (b - a < PREFIX_SHARDS ? b : a); i++) out.push(i);
    return out;
  }

  // Adds the postings `s` to `into` (document → weight), each weight times `factor`.
  function decode(s, into, factor) {
    var i = 0, doc = 0;
    function next() {
      var n = 0;
      for (;;) {
        var d = DIGITS[s.charAt(i++)];
        if (d < 0) return n * 32 + (-1 - d);
        n = n * 32 + d;
      }
    }
    while (i < s.length) {
      doc += next();
      var w = next() * factor;
      if (!(into[doc] >= w)) into[doc] = w;
    }
  }

  // Documents with every word, best first: [document number, score].
  function rank(q) {
    var maps = q.tokens.map(function (token) {
      var found = {};
      shardsFor(token, token === q.prefix).forEach(function (n) {
        var shard = terms[n] || {};
        if (Object.prototype.hasOwnProperty.call(shard, token)) decode(shard[token], found, 1);
        if (token !== q.prefix) return;
        Object.keys(shard).forEach(function (t) {
          if (t !== token && t.lastIndexOf(token, 0) === 0) decode(shard[t], found, 0.75);
        });
      });
      return found;
    });
    if (!maps.length) return [];
    var hits = [];
    Object.keys(maps[0]).forEach(function (key) {
      var score = 0;
      for (var t = 0; t < maps.length; t++) {
        if (!(key in maps[t])) return;
        score += maps[t][key];
      }
      hits.push([+key, score]);
    });
    return hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  // Whether the document's title or text holds each phrase, word after word.
  function hasPhrases(d, phrases) {
    var w = words(d[2]).concat([""], words(d[5]));
    return phrases.every(function (p) {
      for (var i = 0; i + p.length <= w.length; i++) {
        var k = 0;
        while (k < p.length && w[i + k] === p[k]) k++;
        if (k === p.length) return true;
      }
      return false;
    });
  }

  function matches(word, q) {
    var w = fold(word);
    return q.tokens.indexOf(w) >= 0 || (q.prefix !== null && w.lastIndexOf(q.prefix, 0) === 0);
  }

  // Text with the words of the query marked, as DOM nodes (never as HTML).
  function highlighted(text, q) {
    var span = document.createElement("span"), last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!matches(m[0], q)) continue;
      span.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      span.appendChild(mark);
      last = m.index + m[0].length;
    }
    span.appendChild(document.createTextNode(text.slice(last)));
    return span;
  }

  // About 200 characters of `text` around its first match (its start when nothing matches), cut at spaces.
  function snippet(text, q) {
    var at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) { if (matches(m[0], q)) { at = m.index; break; } }
    var start = at > 70 ? text.indexOf(" ", at - 70) + 1 : 0;
    if (start <= 0 || start > at) start = at > 70 ? at : 0;
    var end = Math.min(text.length, start + 200);
    if (end < text.length) { var space = text.lastIndexOf(" ", end); if (space > at) end = space; }
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function formatDate(d) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d || "");
    if (!m) return "";
    if (!m[2]) return m[1];
    var month = MONTHS[parseInt(m[2], 10) - 1];
    return m[3] ? parseInt(m[3], 10) + " " + month + " " + m[1] : month + " " + m[1];
  }

  function item(d, q, i) {
    var kind = index.kinds[d[0]];
    var li = document.createElement("li");
    li.className = "result result-" + kind;
    var a = document.createElement("a");
    a.href = root + FOLDERS[kind] + "/" + d[1] + "/";
    a.className = "result-link";
    a.id = "result-" + i;
    a.appendChild(highlighted(d[2], q));
    var h = document.createElement("h2");
    h.className = "result-title";
    h.appendChild(a);
    var meta = document.createElement("p");
    meta.className = "result-meta";
    var label = document.createElement("span");
    label.className = "result-kind kind-" + kind;
    label.textContent = LABELS[kind];
    meta.appendChild(label);
    if (d[3]) {
      var time = document.createElement("time");
      time.setAttribute("datetime", d[3]);
      time.textContent = formatDate(d[3]);
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(time);
    }
    if (d[4].length) meta.appendChild(document.createTextNode(" · " + d[4].slice(0, 4).join(", ")));
    li.appendChild(h);
    li.appendChild(meta);
    if (d[5]) {
      var p = document.createElement("p");
      p.className = "result-excerpt";
      p.appendChild(highlighted(snippet(d[5], q), q));
      li.appendChild(p);
    }
    return li;
  }

  // The state of the query on screen: its ranked candidates, how far they were read, what was shown.
  var current = null, serial = 0;

  // Reads candidates until `want` more results are found (for a phrase, reading at most PHRASE_BUDGET documents).
  function fill(state, want) {
    var batch = state.hits.slice(state.read, state.read + (state.q.phrases.length ? PAGE : want));
    if (!batch.length) return Promise.resolve(state);
    return Promise.all(batch.map(function (h) { return load("doc/" + h[0]); })).then(function () {
      if (state !== current) return state;
      state.read += batch.length;
      batch.forEach(function (h) {
        var d = docs[h[0]];
        if (!state.q.phrases.length || hasPhrases(d, state.q.phrases)) state.found.push(d);
      });
      var enough = state.found.length >= state.shown + want || state.read >= state.hits.length ||
        (state.q.phrases.length && state.read - state.budgetFrom >= PHRASE_BUDGET);
      return enough ? state : fill(state, want);
    });
  }

  function show(state) {
    if (state !== current) return;
    state.found.slice(state.shown, state.shown + PAGE).forEach(function (d) {
      list.appendChild(item(d, state.q, list.children.length));
    });
    state.shown = list.children.length;
    var phrase = state.q.phrases.length > 0, rest = state.read < state.hits.length;
    var count = phrase ? state.found.length : state.hits.length, query = "“" + state.query + "”";
    if (!count && !rest) status.textContent = "No results for " + query + ". Try fewer or shorter words.";
    else if (!count) status.textContent = "No results yet for " + query + " among the first " + state.read + " pages with these words.";
    else status.textContent = (phrase && rest ? "At least " : "") + count + (count === 1 ? " result" : " results") + " for " + query +
      (state.shown < count || rest ? ", showing " + state.shown : "") + ".";
    more.hidden = !(state.shown < state.found.length || rest);
  }

  function render(query) {
    var q = parse(query), mine = ++serial;
    list.textContent = "";
    more.hidden = true;
    current = null;
    if (!q.tokens.length) { status.textContent = ""; return Promise.resolve(); }
    var needed = {};
    q.tokens.forEach(function (t) { shardsFor(t, t === q.prefix).forEach(function (n) { needed[n] = true; }); });
    return Promise.all(Object.keys(needed).map(function (n) { return load("terms/" + n); })).then(function () {
      if (mine !== serial) return;
      current = { query: query.trim(), q: q, hits: rank(q), read: 0, budgetFrom: 0, found: [], shown: 0 };
      return fill(current, PAGE).then(show);
    }).catch(function () {
      if (mine === serial) status.textContent = "Search could not load its index. Reload the page to try again.";
    });
  }

  more.addEventListener("click", function () {
    var state = current;
    if (!state) return;
    var first = state.shown;
    state.budgetFrom = state.read;
    fill(state, PAGE).then(show).then(function () {
      var next = links()[first];
      if (next) next.focus();
    });
  });

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
    render(input.value).then(function () {
      var first = links()[0];
      if (first) first.focus();
    });
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
