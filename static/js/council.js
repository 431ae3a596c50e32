// The GROSH pages (loaded with `defer`; the CSP forbids inline scripts).
(function () {
  "use strict";

  // "Afdrukken" opens the browser's print dialog; the print CSS hides the chrome.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
