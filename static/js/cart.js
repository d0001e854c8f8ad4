// Add to cart without leaving the page: a panel shows the line, the cart's subtotal and
// the ways on (View cart, Check out). Without JavaScript the form posts as usual and
// the page it came from says the same in a message.
(function () {
  "use strict";
  var status = document.querySelector("[data-cart-status]");
  var panel = null;
  var returnFocus = null;

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.className = "message" + (isError ? " message--error" : "");
    status.hidden = false;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildPanel() {
    var root = element("div", "cart-panel");
    root.setAttribute("role", "dialog");
    root.setAttribute("aria-labelledby", "cart-panel-title");
    root.hidden = true;
    root.innerHTML =
      '<div class="cart-panel__head"><h2 class="cart-panel__title" id="cart-panel-title" tabindex="-1">Added to your cart</h2>' +
      '<button class="cart-panel__close" type="button" aria-label="Close">×</button></div>' +
      '<div class="cart-panel__line"><img class="cart-panel__image" alt="" width="64" height="64">' +
      '<div class="cart-panel__what"><p class="cart-panel__name"></p><p class="cart-panel__options"></p></div>' +
      '<p class="cart-panel__price"></p></div>' +
      '<p class="cart-panel__subtotal"><span></span> <strong></strong></p>' +
      '<div class="cart-panel__actions"><a class="button button--quiet" data-view-cart>View cart</a>' +
      '<a class="button button--primary" data-check-out>Check out</a></div>';
    root.querySelector(".cart-panel__close").addEventListener("click", closePanel);
    document.body.appendChild(root);
    return root;
  }

  function showPanel(data) {
    panel = panel || buildPanel();
    var added = data.added;
    var image = panel.querySelector(".cart-panel__image");
    image.hidden = !added.image;
    if (added.image) image.src = added.image;
    panel.querySelector(".cart-panel__name").textContent = added.title;
    panel.querySelector(".cart-panel__options").textContent =
      (added.options ? added.options + " · " : "") + "Quantity " + added.quantity;
    panel.querySelector(".cart-panel__price").textContent = added.price;
    panel.querySelector(".cart-panel__subtotal span").textContent =
      "Subtotal (" + data.item_count + (data.item_count === 1 ? " item)" : " items)");
    panel.querySelector(".cart-panel__subtotal strong").textContent = data.subtotal;
    panel.querySelector("[data-view-cart]").href = data.cart_url;
    panel.querySelector("[data-check-out]").href = data.checkout_url;
    returnFocus = document.activeElement;
    panel.hidden = false;
    panel.querySelector(".cart-panel__title").focus();
  }

  function closePanel() {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  }

  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closePanel(); });
  document.addEventListener("click", function (event) {
    if (panel && !panel.hidden && !panel.contains(event.target)) closePanel();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-cart-form]")) return;
    event.preventDefault();
    var buttons = document.querySelectorAll("[type=submit][form='" + form.id + "'], form[data-cart-form] [type=submit]");
    buttons.forEach(function (button) { button.disabled = true; });
    if (status) status.hidden = true;
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
        if (result.ok) showPanel(result.data);
        else say(result.data.error, true);
      })
      .catch(function () { form.submit(); })
      .finally(function () { buttons.forEach(function (button) { button.disabled = false; }); });
  });
})();
