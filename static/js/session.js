// A shared page (the same for every shopper without a session) asks /session/ for what
// is personal: the cart count, sign-in state, and a CSRF token for its forms. So does
// any page the browser brings back from its back-forward cache.
(function () {
  "use strict";
  var url = document.body.dataset.session || "/session/";

  // The badge shows the number; the cart link's name says it: "Cart, 2 items".
  function setCartCount(count) {
    document.querySelectorAll("[data-cart-count]").forEach(function (badge) {
      badge.textContent = count ? String(count) : "";
    });
    document.querySelectorAll("[data-cart-count-label]").forEach(function (label) {
      label.textContent = "Cart" + (count ? ", " + count + (count === 1 ? " item" : " items") : "");
    });
  }
  window.setCartCount = setCartCount;

  function fill(state) {
    setCartCount(state.cart_count);
    if (state.csrf_token) {
      document.querySelectorAll("form[method=post]").forEach(function (form) {
        var input = form.querySelector("input[name=csrfmiddlewaretoken]");
        if (!input) {
          input = document.createElement("input");
          input.type = "hidden";
          input.name = "csrfmiddlewaretoken";
          form.appendChild(input);
        }
        input.value = state.csrf_token;
      });
    }
    var signIn = document.querySelector("[data-sign-in]");
    if (state.signed_in && signIn) showSignedIn(signIn, state);
  }

  function showSignedIn(link, state) {
    var actions = link.closest("[data-sign-out]");
    link.removeAttribute("data-sign-in");
    link.href = actions.dataset.account;
    link.setAttribute("aria-label", "Your account");
    link.querySelector("span").textContent = state.name || "Account";
    var form = document.createElement("form");
    form.className = "site-header__signout";
    form.method = "post";
    form.action = actions.dataset.signOut;
    var token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = state.csrf_token || "";
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = "Sign out";
    form.appendChild(token);
    form.appendChild(button);
    link.after(form);
  }

  function refresh() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) fill(state); })
      .catch(function () {});
  }

  if (document.body.dataset.session) refresh();
  window.addEventListener("pageshow", function (event) { if (event.persisted) refresh(); });
})();
