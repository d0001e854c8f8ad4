// Every password field gets a Show/Hide button, so a shopper can check what they typed.
// Under a new password, the rules it can tell as it is typed (its length, not only
// numbers) are ticked off or marked failing.
(function () {
  "use strict";
  function checkRules(input, rules) {
    var value = input.value;
    rules.querySelectorAll("[data-min-length]").forEach(function (rule) {
      mark(rule, value.length >= Number(rule.dataset.minLength), value);
    });
    rules.querySelectorAll("[data-not-numeric]").forEach(function (rule) {
      mark(rule, !/^\d+$/.test(value), value);
    });
  }

  function mark(rule, met, value) {
    rule.classList.toggle("password-rule--met", Boolean(value) && met);
    rule.classList.toggle("password-rule--failing", Boolean(value) && !met);
    var said = rule.querySelector(".visually-hidden");  // the server's "(not met)"
    if (said && met) said.remove();
  }

  document.querySelectorAll("input[type=password]").forEach(function (input) {
    var field = input.closest(".field");
    var rules = field && field.querySelector(".password-rules");
    if (rules) input.addEventListener("input", function () { checkRules(input, rules); });
  });

  document.querySelectorAll("input[type=password]").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "password-toggle";
    button.textContent = "Show";
    button.setAttribute("aria-controls", input.id);
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-label", "Show password");
    button.addEventListener("click", function () {
      var shown = input.type === "password";
      input.type = shown ? "text" : "password";
      button.textContent = shown ? "Hide" : "Show";
      button.setAttribute("aria-pressed", String(shown));
      button.setAttribute("aria-label", shown ? "Hide password" : "Show password");
    });
    var wrapper = document.createElement("span");
    wrapper.className = "password-field";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(button);
  });
})();
