// Search as you type, over the index that search-index.js sets. Runs on the index page of
// each language; the search box of every other page sends its words there (?q=...).
(function () {
  "use strict";
  var entries = window.SMTP_CODES_INDEX || [];
  var box = document.getElementById("q");
  var results = document.getElementById("results");
  var list = document.getElementById("result-list");
  // Only the index page has a result list; elsewhere the form goes to it.
  if (!box || !results || !list) {
    return;
  }

  // "5.7.26" names the entry "X.7.26".
  function idOf(word) {
    var m = /^[245x]\.(\d{1,3})\.(\d{1,3})$/.exec(word);
    return m ? "x." + m[1] + "." + m[2] : word;
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    if (!words.length) {
      return [];
    }
    var hits = [];
    entries.forEach(function (e, order) {
      var id = e.id.toLowerCase();
      var name = e.n.toLowerCase();
      var rank = 0;
      var all = words.every(function (word) {
        if (id === idOf(word)) { rank += 4; return true; }
        if (name.indexOf(word) >= 0) { rank += 2; return true; }
        return e.t.indexOf(word) >= 0 || id.indexOf(word) >= 0;
      });
      if (all) {
        hits.push({ e: e, rank: rank, order: order });
      }
    });
    hits.sort(function (a, b) { return b.rank - a.rank || a.order - b.order; });
    return hits.slice(0, 50).map(function (h) { return h.e; });
  }

  function show(query) {
    var hits = search(query);
    list.textContent = "";
    results.hidden = !query.trim();
    hits.forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e.u;
      link.textContent = e.id;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" " + e.n + (e.s ? " \u2014 " + e.s : "")));
      item.className = e.k;
      list.appendChild(item);
    });
    results.setAttribute("data-count", String(hits.length));
  }

  box.addEventListener("input", function () { show(box.value); });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    box.value = asked;
    show(asked);
  }
})();
