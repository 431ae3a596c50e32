// Running totals of the budget while typing (the server computes the real ones).
// Loaded with `defer`; no inline scripts (the CSP forbids them).
(function () {
  "use strict";

  var THOUSANDS = /^\d{1,3}(\.\d{3})+$/;

  function parseAmount(text) {
    var value = (text || "").replace(/[€\s\u00a0]/g, "");
    if (!value) {
      return 0;
    }
    if ((document.documentElement.lang || "").indexOf("en") === 0) {
      // English: 2,500.50 (the comma groups thousands).
      value = value.replace(/,/g, "");
    } else if (value.indexOf(",") !== -1) {
      value = value.replace(/\./g, "").replace(",", ".");
    } else if (THOUSANDS.test(value)) {
      value = value.replace(/\./g, "");
    }
    var number = Number(value);
    return isFinite(number) ? number : 0;
  }

  function formatAmount(number) {
    var lang = document.documentElement.lang || "nl-BE";
    if (lang.indexOf("nl") !== 0 && window.Intl) {
      // French and English: "2 500 €", "€2,500" (Belgian French after fr-BE).
      var whole = Math.round(number * 100) % 100 === 0;
      return new Intl.NumberFormat(lang === "fr" ? "fr-BE" : lang, {
        style: "currency",
        currency: "EUR",
        minimumFractionDigits: whole ? 0 : 2,
        maximumFractionDigits: 2,
      }).format(number);
    }
    var negative = number < 0;
    var rounded = Math.round(Math.abs(number) * 100) / 100;
    var whole = Math.floor(rounded);
    var cents = Math.round((rounded - whole) * 100);
    var text = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    if (cents) {
      text += "," + (cents < 10 ? "0" : "") + cents;
    }
    return (negative ? "-" : "") + "€\u00a0" + text;
  }

  function sum(container, kind) {
    var total = 0;
    container
      .querySelectorAll('[data-kind="' + kind + '"] [data-budget-amount]')
      .forEach(function (input) {
        total += parseAmount(input.value);
      });
    return total;
  }

  var budget = document.querySelector("[data-budget]");
  if (!budget) {
    return;
  }
  var requestedInput = budget.querySelector("[data-budget-requested]");

  function update() {
    var income = sum(budget, "income");
    var expense = sum(budget, "expense");
    var requested = requestedInput ? parseAmount(requestedInput.value) : 0;
    var set = function (name, value) {
      var cell = budget.querySelector('[data-total="' + name + '"]');
      if (cell) {
        cell.textContent = formatAmount(value);
      }
    };
    set("income", income);
    set("expense", expense);
    set("requested", requested);
    set("difference", income + requested - expense);
  }

  budget.addEventListener("input", update);
})();

// Autosave: while the applicant types, the draft is saved quietly (a POST with
// the header X-Autosave, which the server answers with 204 and no page).
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  // gettext and interpolate come from the page's JavaScript catalogue (jsi18n).
  if (!form || !window.fetch || !window.FormData || !window.gettext) {
    return;
  }
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;
  var DELAY = 15000;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save() {
    timer = null;
    var data = new FormData(form);
    data.set("action", "save");
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" },
    }).then(
      function (response) {
        if (response.status === 204) {
          var now = new Date();
          var minutes = String(now.getMinutes()).padStart(2, "0");
          say(
            interpolate(gettext("Automatisch bewaard om %(hours)s.%(minutes)s uur."), {
              hours: now.getHours(),
              minutes: minutes,
            }, true)
          );
        } else {
          say(gettext("Nog niet automatisch bewaard: kijk de velden na en klik op Opslaan."));
        }
      },
      function () {
        say(gettext("Automatisch bewaren lukt nu niet; klik op Opslaan."));
      }
    );
  }

  form.addEventListener("input", function () {
    if (timer) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(save, DELAY);
  });
  form.addEventListener("submit", function () {
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
  });
})();
