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
    if (value.indexOf(",") !== -1) {
      value = value.replace(/\./g, "").replace(",", ".");
    } else if (THOUSANDS.test(value)) {
      value = value.replace(/\./g, "");
    }
    var number = Number(value);
    return isFinite(number) ? number : 0;
  }

  function formatAmount(number) {
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
