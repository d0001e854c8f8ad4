// Facets on phones: the Filter button opens them as a drawer that holds the focus until
// it is closed (by its × button, Escape or a click beside it). Without JavaScript the
// button's #filters anchor opens it through CSS. On a wide screen a change applies at once.
(function () {
  "use strict";
  var drawer = document.querySelector("[data-filters]");
  var opener = document.querySelector("[data-filters-open]");
  if (!drawer) return;
  var form = drawer.querySelector("[data-filters-form]");
  var closer = drawer.querySelector("[data-filters-close]");
  var wide = window.matchMedia("(min-width: 900px)");

  function open() {
    drawer.classList.add("is-open");
    drawer.setAttribute("role", "dialog");
    drawer.setAttribute("aria-modal", "true");
    document.body.classList.add("has-drawer");
    if (opener) opener.setAttribute("aria-expanded", "true");
    closer.focus();
  }

  function close() {
    drawer.classList.remove("is-open");
    drawer.removeAttribute("role");
    drawer.removeAttribute("aria-modal");
    document.body.classList.remove("has-drawer");
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    }
  }

  if (opener) {
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-expanded", "false");
    opener.addEventListener("click", function (event) { event.preventDefault(); open(); });
  }
  closer.addEventListener("click", function (event) { event.preventDefault(); close(); });
  document.addEventListener("keydown", function (event) {
    if (!drawer.classList.contains("is-open")) return;
    if (event.key === "Escape") { close(); return; }
    if (event.key !== "Tab") return;
    var focusable = drawer.querySelectorAll("a[href], button, input:not([type=hidden])");
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (drawer.classList.contains("is-open") && !drawer.contains(event.target) && event.target !== opener) close();
  });
  // The URL names only the facets chosen: shorter to share, and one cached page per choice.
  function apply() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value) params.append(name, value); });
    var query = params.toString();
    window.location.assign(window.location.pathname + (query ? "?" + query : ""));
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("change", function () { if (wide.matches) apply(); });
})();
