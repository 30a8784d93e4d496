// Keyboard use of the review console: j/k move through a queue, Enter opens the item,
// c claims, a approves, r rejects (focuses the reason first when it is empty), ? shows help.
// Every action is also an ordinary button or link; this file only adds shortcuts.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-console-item]"));
  }
  var current = -1;
  function select(index) {
    var rows = items();
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("selected", i === current); });
    rows[current].focus();
    rows[current].scrollIntoView({ block: "nearest" });
  }
  function press(key) {
    var button = document.querySelector('[data-key="' + key + '"]');
    if (button) { button.click(); return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    if (key === "j") { select(current + 1); event.preventDefault(); }
    else if (key === "k") { select(current - 1); event.preventDefault(); }
    else if (key === "Enter" && current >= 0) {
      var link = items()[current].querySelector("a");
      if (link) { link.click(); event.preventDefault(); }
    }
    else if (key === "c") { if (press("c")) event.preventDefault(); }
    else if (key === "a") { if (press("a")) event.preventDefault(); }
    else if (key === "r") {
      var reason = document.querySelector("[data-decision-form] textarea");
      if (reason && !reason.value.trim()) { reason.focus(); event.preventDefault(); return; }
      if (press("r")) event.preventDefault();
    }
    else if (key === "?") {
      var help = document.querySelector(".console-nav .small");
      if (help) help.classList.toggle("highlight");
    }
  });
})();
