// plansite offline search: the index is a script file (search-index.js) because browsers
// block fetch() of local files under file://. Matching uses character bigrams, so 污水处理
// finds 城镇污水处理率. Results are inserted as text, never as HTML.
(function () {
  "use strict";
  function grams(text) {
    var chars = Array.from(text.toLowerCase().replace(/\s+/g, ""));
    if (chars.length < 2) return chars;
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }
  function search(query, index) {
    var q = grams(query);
    if (q.length === 0) return [];
    var results = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i], hay = (e[1] + " " + e[3]).toLowerCase(), title = e[1].toLowerCase();
      var hits = 0, titleHits = 0;
      for (var j = 0; j < q.length; j++) {
        if (hay.indexOf(q[j]) >= 0) hits++;
        if (title.indexOf(q[j]) >= 0) titleHits++;
      }
      if (hits === q.length) results.push({ e: e, score: titleHits * 2 + (hay.indexOf(query.toLowerCase()) >= 0 ? 5 : 0) });
    }
    results.sort(function (a, b) { return b.score - a.score || (a.e[1] < b.e[1] ? -1 : 1); });
    return results;
  }
  window.plansiteSearch = search;
  var out = document.getElementById("search-results");
  if (!out || !window.PLANSITE_SEARCH) return;
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  var input = document.getElementById("search-page-q");
  if (input) input.value = query;
  var status = document.getElementById("search-status");
  if (!query) return;
  var started = performance.now();
  var all = search(query, window.PLANSITE_SEARCH);
  var found = all.slice(0, 100);
  var kinds = JSON.parse(document.getElementById("search-kinds").textContent);
  found.forEach(function (r) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = kinds[r.e[0]] || r.e[0];
    var a = document.createElement("a");
    a.href = r.e[2];
    a.textContent = r.e[1];
    li.appendChild(kind);
    li.appendChild(a);
    if (r.e[3]) {
      var p = document.createElement("div");
      p.textContent = r.e[3].length > 120 ? r.e[3].slice(0, 120) + "…" : r.e[3];
      li.appendChild(p);
    }
    out.appendChild(li);
  });
  status.textContent = status.getAttribute("data-template")
    .replace("{count}", String(all.length)).replace("{shown}", String(found.length)).replace("{query}", query)
    .replace("{ms}", String(Math.round(performance.now() - started)));
})();
