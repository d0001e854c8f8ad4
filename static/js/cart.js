// Add to cart without leaving the page. Without JavaScript the form posts as usual.
(function () {
  "use strict";
  var status = document.querySelector("[data-cart-status]");

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.className = "message" + (isError ? " message--error" : "");
    status.hidden = false;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-cart-form]")) return;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        window.setCartCount(result.data.count);
        say(result.ok ? result.data.message : result.data.error, !result.ok);
      })
      .catch(function () { form.submit(); })
      .finally(function () { if (button) button.disabled = false; });
  });
})();
