// Sortable tables as progressive enhancement: without JavaScript the tables are complete
// and readable; with it, each column header becomes a button that sorts the rows.
(function () {
  "use strict";
  function key(cell) {
    var text = (cell ? cell.textContent : "").trim();
    var number = parseFloat(text.replace(/[^0-9.\-]/g, ""));
    return /^[≥≤<>≦≧]?\s*-?\d/.test(text) && !isNaN(number) ? { n: number, t: text } : { n: null, t: text };
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) return a.n - b.n;
    if (a.n !== null) return -1;
    if (b.n !== null) return 1;
    return a.t.localeCompare(b.t, "zh-CN");
  }
  document.querySelectorAll("table").forEach(function (table) {
    var head = table.tHead, body = table.tBodies[0];
    if (!head || !body || body.rows.length < 2) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var r = compare(key(a.cells[column]), key(b.cells[column]));
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
// Printing: closed <details> (editorial notes, text commitments) are opened so that the
// printed page holds what the screen can show, and closed again afterwards.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
