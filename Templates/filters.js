// Filters for the list of every indicator, as progressive enhancement: without JavaScript
// the form stays hidden and the whole list is shown; with it, the form appears and hides
// the rows that do not match the chosen status, region and plan.
(function () {
  "use strict";
  var form = document.getElementById("indicator-filters");
  var table = document.getElementById("indicator-list");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById("indicator-filter-count");
  function apply() {
    var status = form.elements.status.value, region = form.elements.region.value, plan = form.elements.plan.value;
    var shown = 0;
    rows.forEach(function (row) {
      var match = (!status || row.getAttribute("data-status") === status) &&
        (!region || row.getAttribute("data-region") === region) &&
        (!plan || row.getAttribute("data-plan") === plan);
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (count) {
      count.textContent = (count.getAttribute("data-template") || "")
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  apply();
})();
