// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // LIMITATION: without JavaScript nobody is warned before the idle timeout ends the
  // session; the page says so nowhere, and saved drafts are the only safety net.
  // Show the idle warning shortly before the server ends the session, and let the
  // person stay without losing their place (the keep-alive answers with no content).
  function setUpIdleWarning() {
    var body = document.body;
    var idle = parseInt(body.dataset.idleSeconds || "0", 10);
    var warning = parseInt(body.dataset.warningSeconds || "0", 10);
    var box = document.getElementById("idle-warning");
    if (!idle || !box) {
      return;
    }
    var timer = null;
    function schedule() {
      window.clearTimeout(timer);
      box.hidden = true;
      timer = window.setTimeout(function () {
        box.hidden = false;
        document.getElementById("idle-warning-stay").focus();
      }, Math.max(idle - warning, 1) * 1000);
    }
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          // Only the keep-alive's own 204 means the session lives on; a redirect
          // that fetch followed to the login page is also "ok".
          if (response.status === 204) {
            schedule();
          } else {
            window.location.reload();
          }
        });
    });
    document.body.addEventListener("htmx:afterRequest", schedule);
    schedule();
  }

  document.addEventListener("DOMContentLoaded", setUpIdleWarning);
})();
