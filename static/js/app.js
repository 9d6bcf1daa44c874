// Tracker's own script: small, no inline code, so the CSP holds.
(function () {
  "use strict";

  // Bring an error summary into view and focus, so that screen readers read it first.
  function focusErrors(root) {
    var summary = (root || document).querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrors(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrors(event.target);
  });
})();
