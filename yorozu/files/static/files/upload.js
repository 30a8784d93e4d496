// Upload progress for forms that carry files (data-upload), without inline handlers (CSP).
// An htmx form reports its progress through htmx's own xhr events; a plain form is sent with
// XMLHttpRequest so its progress can be shown, and the answer replaces the page (a redirect is
// followed; a refused form comes back with the draft and the reason).
(function () {
  "use strict";

  function show(form, loaded, total) {
    var bar = form.querySelector("[data-upload-progress]");
    if (!bar || !total) return;
    bar.hidden = false;
    bar.value = Math.round((loaded / total) * 100);
  }

  function hasFiles(form) {
    var inputs = form.querySelectorAll("[data-upload-input]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].files && inputs[i].files.length) return true;
    }
    return false;
  }

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target && event.target.closest && event.target.closest("form[data-upload]");
    if (form && event.detail && event.detail.lengthComputable) {
      show(form, event.detail.loaded, event.detail.total);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload]") || form.hasAttribute("hx-post")) return;
    if (event.defaultPrevented || !hasFiles(form) || !window.XMLHttpRequest) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) show(form, e.loaded, e.total);
    });
    xhr.addEventListener("load", function () {
      // The answer is the page to show (after a redirect, the page it led to, with its flash
      // message): it replaces this one, at its own address.
      if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.replaceState(null, "", xhr.responseURL);
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      if (button) button.disabled = false;
      form.submit();
    });
    xhr.send(new FormData(form));
  }, false);
})();
