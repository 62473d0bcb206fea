// plansite offline search (docs/search.md). The index is made of scripts, because browsers
// refuse fetch() of local files under file://: shards (assets/search/g/N.js) list, for every
// character bigram, the groups (a plan with its units and indicators, or a region's
// departments) that contain it; documents files (assets/search/p/PLAN.js,
// assets/search/r/REGION.js) hold the whole text of one group's entries. A query loads the
// shards of its bigrams, then the documents of the groups that have them all, a few at a time,
// and keeps the entries that hold every word. Results are inserted as text nodes, never as HTML.
(function () {
  "use strict";
  var BUCKETS = 1024, GROUPS = 5, TRIES = 20;
  var shardData = {}, documentData = {};
  // The data files call these when they load.
  window.plansiteSearch = {
    shard: function (n, blocks) { shardData[n] = blocks; },
    documents: function (name, entries) { documentData[name] = entries; }
  };

  // Case and width folding, one UTF-16 unit for one (as SearchIndex.fold in Swift).
  var FOLD = /[\uFF01-\uFF5E\u2080-\u2089\u2070\u2074-\u2079\u00B2\u00B3\u00B9A-Z]/g;
  function foldChar(c) {
    var v = c.charCodeAt(0);
    if (v >= 0xFF01 && v <= 0xFF5E) v -= 0xFEE0;
    else if (v >= 0x2080 && v <= 0x2089) v -= 0x2050;
    else if (v === 0x2070 || (v >= 0x2074 && v <= 0x2079)) v -= 0x2040;
    else if (v === 0xB2 || v === 0xB3) v -= 0x80;
    else if (v === 0xB9) v = 0x31;
    if (v >= 65 && v <= 90) v += 32;
    return String.fromCharCode(v);
  }
  function fold(s) { return s.replace(FOLD, foldChar); }

  var WORD = /[\p{L}\p{N}]/u;
  // Distinct bigrams of neighbouring letters or digits.
  function bigrams(text) {
    var out = [], seen = {}, prev = null;
    for (var ch of fold(text)) {
      if (!WORD.test(ch)) { prev = null; continue; }
      if (prev !== null && !seen[prev + ch]) { seen[prev + ch] = true; out.push(prev + ch); }
      prev = ch;
    }
    return out;
  }
  // FNV-1a of the two code points, modulo the bucket count (SearchIndex.bucket in Swift).
  function bucket(gram) {
    var h = 2166136261;
    for (var cp of gram) h = Math.imul(h ^ cp.codePointAt(0), 16777619) >>> 0;
    return h & (BUCKETS - 1);
  }
  // For the tests, which check them against SearchIndex in Swift.
  window.plansiteSearch.bigrams = bigrams;
  window.plansiteSearch.bucket = bucket;
  window.plansiteSearch.decodeGroups = decodeGroups;

  // Query words (split at spaces), each with its synonyms, folded.
  function parse(query, synonyms) {
    return query.split(/\s+/).filter(Boolean).map(function (word) {
      var alts = [fold(word)], used = [];
      synonyms.forEach(function (group) {
        var folded = group.map(fold);
        if (folded.indexOf(fold(word)) < 0) return;
        group.forEach(function (term, i) {
          if (alts.indexOf(folded[i]) < 0) { alts.push(folded[i]); used.push(term); }
        });
      });
      return { word: word, alts: alts, synonyms: used, grams: alts.map(bigrams) };
    });
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  // Sorted lists of group numbers.
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function union(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      var x = i < a.length ? a[i] : Infinity, y = j < b.length ? b[j] : Infinity;
      out.push(Math.min(x, y));
      if (x <= y) i++;
      if (y <= x) j++;
    }
    return out;
  }
  function intersectAll(lists) {
    if (lists.length === 0) return [];
    lists.sort(function (a, b) { return a.length - b.length; });
    return lists.reduce(intersect);
  }
  // The groups that contain a bigram, ascending. The shard lists them as a bitmap string
  // (six groups a character, group 6k + i as bit i of character k) or as a list of each
  // group's difference from the one before (SearchIndex.appendGroups in Swift).
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function groupsWith(gram, shards) {
    var shard = shardData[bucket(gram) & (shards - 1)];
    if (!shard || !Object.prototype.hasOwnProperty.call(shard, gram)) return [];
    return decodeGroups(shard[gram]);
  }
  function decodeGroups(value) {
    var out = [], g = 0, i;
    if (typeof value === "string") {
      for (var k = 0; k < value.length; k++) {
        var bits = DIGITS.indexOf(value.charAt(k));
        for (i = 0; i < 6; i++) if (bits & (1 << i)) out.push(k * 6 + i);
      }
      return out;
    }
    for (i = 0; i < value.length; i++) { g += value[i]; out.push(g); }
    return out;
  }

  // Candidate groups, ascending: those with every bigram of some alternative of every word
  // that has bigrams.
  function candidates(words, shards) {
    return intersectAll(words.filter(function (w) { return w.grams.some(function (g) { return g.length > 0; }); }).map(function (w) {
      return w.grams.filter(function (g) { return g.length > 0; }).map(function (grams) {
        return intersectAll(grams.map(function (gram) { return groupsWith(gram, shards); }));
      }).reduce(union);
    }));
  }

  function count(hay, needle) {
    var n = 0, at = hay.indexOf(needle);
    while (at >= 0 && n < 5) { n++; at = hay.indexOf(needle, at + needle.length); }
    return n;
  }

  // An entry's score when every word (one of its alternatives) is in its title or text; 0 otherwise.
  function score(entry, words, phrase) {
    var title = fold(entry[1]), text = fold(entry[3]), total = 1;
    for (var i = 0; i < words.length; i++) {
      var best = 0;
      words[i].alts.forEach(function (alt) {
        var s = (title.indexOf(alt) >= 0 ? 10 : 0) + count(text, alt);
        if (s > best) best = s;
      });
      if (best === 0) return 0;
      total += best;
    }
    if (words.length > 1 && (title + " " + text).indexOf(phrase) >= 0) total += 10;
    return total;
  }

  // Text with every alternative of every word marked, as nodes.
  function highlighted(text, words) {
    var hay = fold(text), marks = [];
    words.forEach(function (w) {
      w.alts.forEach(function (alt) {
        for (var at = hay.indexOf(alt); alt && at >= 0; at = hay.indexOf(alt, at + alt.length)) marks.push([at, at + alt.length]);
      });
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var frag = document.createDocumentFragment(), pos = 0;
    marks.forEach(function (m) {
      if (m[1] <= pos) return;
      var start = Math.max(m[0], pos);
      if (start > pos) frag.appendChild(document.createTextNode(text.slice(pos, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, m[1]);
      frag.appendChild(mark);
      pos = m[1];
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  // The passage: the text around the first match of each word (one stretch when they are
  // close), or the text's opening when only the title matched.
  function passage(text, words) {
    var hay = fold(text), firsts = [];
    words.forEach(function (w) {
      var first = -1;
      w.alts.forEach(function (alt) {
        var at = alt ? hay.indexOf(alt) : -1;
        if (at >= 0 && (first < 0 || at < first)) first = at;
      });
      if (first >= 0) firsts.push(first);
    });
    if (firsts.length === 0) firsts.push(0);
    firsts.sort(function (a, b) { return a - b; });
    var stretches = [];
    firsts.forEach(function (at) {
      var last = stretches[stretches.length - 1];
      if (last && at < last[1] - 10) return;
      if (last && at - 30 <= last[1]) { last[1] = Math.min(text.length, at + 80); return; }
      stretches.push([Math.max(0, at - 30), Math.min(text.length, at + (stretches.length ? 80 : 120))]);
    });
    var parts = stretches.map(function (s) { return text.slice(s[0], s[1]); });
    return (stretches[0][0] > 0 ? "…" : "") + parts.join("…") + (stretches[stretches.length - 1][1] < text.length ? "…" : "");
  }

  var out = document.getElementById("search-results");
  var config = document.getElementById("search-index");
  if (!out || !config) return;
  var index = JSON.parse(config.textContent);
  var kinds = JSON.parse(document.getElementById("search-kinds").textContent);
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var input = document.getElementById("search-page-q");
  if (input) input.value = query;
  if (!query) return;
  var started = performance.now();
  var words = parse(query, index.synonyms);
  var phrase = fold(query.replace(/\s+/g, ""));
  var shards = {};
  words.forEach(function (w) { w.grams.forEach(function (gs) { gs.forEach(function (g) { shards[bucket(g) & (index.shards - 1)] = true; }); }); });
  var shardList = Object.keys(shards);
  if (shardList.length === 0) { status.textContent = status.getAttribute("data-short"); return; }

  var found = 0, groupsShown = 0, pendingGroups = [];
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function report() {
    var parts = [fill(status.getAttribute("data-template"),
      { query: query, count: found, groups: groupsShown, ms: Math.round(performance.now() - started) })];
    var used = [].concat.apply([], words.map(function (w) { return w.synonyms; }));
    if (used.length) parts.push(fill(status.getAttribute("data-synonyms"), { terms: used.join("、") }));
    if (pendingGroups.length) parts.push(fill(status.getAttribute("data-pending"), { pending: pendingGroups.length }));
    status.textContent = parts.join(" ");
    more.hidden = pendingGroups.length === 0;
  }
  function render(g, results) {
    var section = document.createElement("section");
    section.className = "search-group";
    var h2 = document.createElement("h2");
    var name = index.groups[g][0], label = index.groups[g][1];
    if (name.charAt(0) === "p") {
      var link = document.createElement("a");
      link.href = documentData[name][0][2];
      link.textContent = label;
      h2.appendChild(link);
    } else {
      h2.textContent = fill(status.getAttribute("data-departments"), { name: label });
    }
    section.appendChild(h2);
    var ol = document.createElement("ol");
    results.forEach(function (r) {
      var li = document.createElement("li"), kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = kinds[r.e[0]] || r.e[0];
      var a = document.createElement("a");
      a.href = r.e[2];
      a.appendChild(highlighted(r.e[1], words));
      li.appendChild(kind);
      li.appendChild(a);
      if (r.e[3]) {
        var p = document.createElement("p");
        p.className = "passage";
        p.appendChild(highlighted(passage(r.e[3], words), words));
        li.appendChild(p);
      }
      ol.appendChild(li);
    });
    section.appendChild(ol);
    out.appendChild(section);
  }
  // The results of a group whose documents are loaded: the entries that hold every word,
  // best first.
  function groupResults(g) {
    var entries = documentData[index.groups[g][0]], list = [];
    entries.forEach(function (entry, e) {
      var s = score(entry, words, phrase);
      if (s > 0) list.push({ e: entry, score: s, n: e });
    });
    list.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    return { g: g, results: list, best: list.length ? list[0].score : 0 };
  }
  // Loads the documents of the next candidate groups, as many at once as groups are still
  // wanted, and shows those with results (best group first), until GROUPS groups are shown or
  // TRIES groups were loaded.
  function showMore() {
    var shown = 0, tried = 0;
    function next() {
      var take = Math.min(GROUPS - shown, TRIES - tried, pendingGroups.length);
      if (take <= 0) { report(); return Promise.resolve(); }
      var batch = pendingGroups.splice(0, take);
      tried += take;
      return Promise.all(batch.map(function (g) { return load("assets/search/" + index.groups[g][0] + ".js"); })).then(function () {
        var withResults = batch.map(groupResults).filter(function (c) { return c.results.length; });
        withResults.sort(function (a, b) { return b.best - a.best || a.g - b.g; });
        withResults.forEach(function (c) { render(c.g, c.results); found += c.results.length; groupsShown++; });
        shown += withResults.length;
        return next();
      });
    }
    return next();
  }
  // Groups whose name holds a query word (or a synonym) first, then in group order.
  function ranked(groups) {
    var alts = [].concat.apply([], words.map(function (w) { return w.alts; })).filter(Boolean);
    var named = [], rest = [];
    groups.forEach(function (g) {
      var name = fold(index.groups[g][1]);
      (alts.some(function (alt) { return name.indexOf(alt) >= 0; }) ? named : rest).push(g);
    });
    return named.concat(rest);
  }
  Promise.all(shardList.map(function (n) { return load("assets/search/g/" + n + ".js"); })).then(function () {
    pendingGroups = ranked(candidates(words, index.shards));
    return showMore();
  }).then(function () {
    window.plansiteSearchDone = { ms: performance.now() - started, count: found, groups: groupsShown };
    status.setAttribute("data-done", "");
  }, failed);
  function failed() { status.textContent = status.getAttribute("data-failed"); }
  more.addEventListener("click", function () {
    more.disabled = true;
    started = performance.now();
    showMore().then(function () { more.disabled = false; }, failed);
  });
})();
