// Checkout details: choosing "A new address" opens its fields at once; a voucher's Apply
// button and a change of shipping method update the order summary in place. Without
// JavaScript, Apply sends the form and the next page shows the discount.
(function () {
  "use strict";
  document.querySelectorAll("[data-new-address]").forEach(function (details) {
    var name = details.dataset.newAddress;
    document.querySelectorAll("input[name=" + name + "]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        details.open = radio.checked && radio.value === "new";
        if (details.open) {
          var first = details.querySelector("input, select");
          if (first) first.focus();
        }
      });
    });
  });

  var form = document.querySelector("form[data-summary-url]");
  if (!form) return;
  var result = form.querySelector("[data-voucher-result]");
  var voucher = form.querySelector("input[name=voucher_code]");

  function showVoucher(outcome) {
    var field = voucher.closest(".field");
    field.classList.toggle("field--error", Boolean(outcome.error));
    voucher.setAttribute("aria-invalid", outcome.error ? "true" : "false");
    result.textContent = outcome.error || outcome.message;
    result.classList.toggle("voucher__result--error", Boolean(outcome.error));
  }

  function refresh(withVoucher) {
    var data = new FormData(form);
    if (!withVoucher) data.delete("voucher_code");
    return fetch(form.dataset.summaryUrl, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.error) { showVoucher({ error: answer.error }); return; }
        document.querySelectorAll("[data-summary-body]").forEach(function (body) { body.innerHTML = answer.html; });
        document.querySelectorAll("[data-summary-total]").forEach(function (total) { total.textContent = answer.total; });
        if (withVoucher) showVoucher(answer.voucher);
      });
  }

  form.querySelector("[data-apply-voucher]").addEventListener("click", function (event) {
    event.preventDefault();
    refresh(true);
  });
  voucher.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); refresh(true); }
  });
  form.querySelectorAll("input[name=shipping_method]").forEach(function (radio) {
    radio.addEventListener("change", function () { refresh(Boolean(voucher.value.trim())); });
  });
})();
