// Checkout details: choosing "A new address" opens its fields at once.
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
})();
