// Card payment with server-side confirmation: Stripe.js turns the card into a
// PaymentMethod, the shop confirms the PaymentIntent, and Stripe.js handles 3-D Secure.
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form || !window.Stripe) return;
  var stripe = window.Stripe(form.dataset.publishableKey);
  var card = stripe.elements().create("card");
  card.mount("#card-element");
  var errors = document.getElementById("card-errors");
  var status = document.getElementById("card-status");
  var button = form.querySelector("[type=submit]");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function post(url, fields) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    return fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); });
  }

  function handle(result) {
    // Paid, whether by this answer or by the payment provider telling the shop first.
    if (result.redirect) {
      status.textContent = result.message || "Paid.";
      window.location = result.redirect;
      return;
    }
    if (result.requires_action) {
      return stripe.handleCardAction(result.client_secret).then(function () {
        return post(form.dataset.returnUrl, { payment: result.payment }).then(handle);
      });
    }
    errors.textContent = result.error || "The payment did not go through.";
    button.disabled = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    errors.textContent = "";
    stripe.createPaymentMethod({ type: "card", card: card }).then(function (created) {
      if (created.error) { errors.textContent = created.error.message; button.disabled = false; return; }
      return post(form.dataset.payUrl, { payment_method: created.paymentMethod.id }).then(handle);
    }).catch(function () {
      errors.textContent = "We could not hear back about your payment. " +
        "Check your order before you try again: it may already be paid.";
      button.disabled = false;
    });
  });
})();
