// Search forms update their results with htmx. When a search is run with its button (not a
// filter changed in passing), and the results start below the screen — on a phone the filters
// fill it — the results are brought into view: the "12件に絞り込む" button then shows the 12.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    if (!trigger || trigger.type !== "submit") return;
    var results = document.querySelector("[data-results]");
    if (results && results.getBoundingClientRect().top > window.innerHeight * 0.6) {
      results.scrollIntoView({ block: "start" });
    }
  });
})();
