// partnersite search. It downloads the index the build wrote
// (search.json, from this site only) and lists the pages whose title,
// summary, headings or text hold every word searched for, titles first.
// Without JavaScript the page lists everything A to Z.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var out = document.getElementById("search-results");
  // The status says only how many pages match, which is all a screen
  // reader announces; the list itself is read when the reader moves to it.
  var status = document.getElementById("search-status");
  if (!input || !out || !status || !window.fetch) {
    return;
  }
  // The words come from the page, in its language: a JSON block the
  // build writes from the catalogue (script-words.html). A count comes as
  // its plural forms, "{n}" and "{q}" left to fill, and is picked by the
  // plural rules of the page's lang, so Welsh gets its zero to many.
  var said = {};
  try {
    said = JSON.parse(document.getElementById("script-words").textContent);
  } catch (e) { /* a key shows as [key], as in the site's Go */ }
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function say(key, parts) {
    var s = said[key];
    if (s && typeof s === "object") {
      s = s[rules ? rules.select(parts.n) : parts.n === 1 ? "one" : "other"] || s.other;
    }
    if (typeof s !== "string") {
      return "[" + key + "]";
    }
    return s.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(parts, name) ? String(parts[name]) : m;
    });
  }
  if (location.protocol === "file:") {
    // Opened from the files (a memory stick): a browser will not read the
    // index from there, so the list A to Z stands in for search.
    status.textContent = say("search.from-files", {});
    return;
  }
  var index = null;
  var MAX = 50; // results listed at most
  var base = input.getAttribute("data-index").replace(/search\.json$/, "");

  // A word is letters and digits, the Latin letters with accents among
  // them (U+00C0 to U+024F and U+1E00 to U+1EFF), so that Welsh "ffôn",
  // "dŵr" and "ŷd" are searched for whole, never as "ff" and "n".
  function words(s) {
    return s.toLowerCase().split(/[^a-z0-9£%\u00c0-\u024f\u1e00-\u1eff]+/).filter(function (w) { return w.length > 0; });
  }

  function score(e, terms) {
    var title = e.t.toLowerCase();
    var rest = [e.s || "", (e.h || []).join(" "), e.x || "", e.k].join(" ").toLowerCase();
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      if (title.indexOf(terms[i]) >= 0) { s += 3; }
      else if (rest.indexOf(terms[i]) >= 0) { s += 1; }
      else { return 0; }
    }
    return s;
  }

  function show(q) {
    var terms = words(q);
    out.textContent = "";
    if (terms.length === 0 || !index) {
      status.textContent = "";
      return;
    }
    var hits = index.map(function (e, i) { return { e: e, s: score(e, terms), i: i }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s || a.i - b.i; })
      .slice(0, MAX);
    var n = hits.length;
    status.textContent = say(n === 0 ? "search.none" : n === MAX ? "search.first" : "search.count", { n: n, q: q });
    if (hits.length === 0) { return; }
    var ul = document.createElement("ul");
    ul.className = "search-hits";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + h.e.u;
      a.textContent = h.e.t;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " " + h.e.k;
      li.appendChild(a);
      li.appendChild(kind);
      if (h.e.s || h.e.x) {
        var d = document.createElement("p");
        d.textContent = h.e.s || h.e.x;
        li.appendChild(d);
      }
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 150);
  });
  input.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    show(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });

  fetch(input.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    index = data;
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      show(q);
    }
  }).catch(function () { /* the list A to Z still stands */ });
})();
