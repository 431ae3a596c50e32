// Site-wide behaviour, loaded with `defer` (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // An error summary takes the focus so that screen readers announce it at once.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
