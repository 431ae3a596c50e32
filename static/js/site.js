// Site-wide behaviour, loaded with `defer` (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // An error summary takes the focus so that screen readers announce it at once.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  // Browsers without ::details-content cannot show a closed <details> by CSS:
  // keep the main menu open on wide screens there (the CSS does it elsewhere).
  var menu = document.querySelector(".site-menu");
  if (menu && window.CSS && !CSS.supports("selector(::details-content)")) {
    var wide = window.matchMedia("(min-width: 768px)");
    var sync = function () {
      if (wide.matches) {
        menu.open = true;
      }
    };
    sync();
    wide.addEventListener("change", sync);
  }
})();
