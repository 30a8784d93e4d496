// Forms that ask before they submit: <form data-confirm="Pay ¥30,000 into escrow now?">.
// No inline handlers anywhere (the Content-Security-Policy forbids them): this one listener
// asks, and a "Cancel" stops the submission. Without JavaScript the form simply submits.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
