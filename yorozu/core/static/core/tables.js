// On a phone, a table.data becomes one card per row (yorozu.css) and its header row is hidden;
// each cell then says which column it was through data-label. Templates may set the label; any
// cell without one is given its column's heading here, so no table forgets them. Without
// JavaScript the cards simply have no labels.
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll("table.data").forEach(function (table) {
      var heads = table.querySelectorAll("thead tr:last-child th");
      if (!heads.length) return;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var head = heads[column];
          var name = head ? head.textContent.trim() : "";
          if (name && name !== "#" && cell.tagName === "TD" && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", name);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("htmx:afterSettle", function () { label(document); });
})();
