// Suggestions under the header's search box: debounced, keyboard navigable. Without
// JavaScript the box is a plain search form. Also: sort menus that apply at once.
(function () {
  "use strict";
  // Sort menus apply the chosen order at once (their form has a button without JavaScript).
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  var form = document.querySelector("form[data-autocomplete]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var timer = null;
  var active = -1;
  var latest = 0;

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function option(url, className) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.id = "suggestion-" + list.querySelectorAll("[role=option]").length;
    link.href = url;
    link.className = className;
    link.setAttribute("role", "option");
    item.appendChild(link);
    list.appendChild(item);
    return link;
  }

  function text(parent, value, className) {
    var span = document.createElement("span");
    span.className = className || "";
    span.textContent = value;
    parent.appendChild(span);
  }

  // Products (picture, title, price) in the results page's order, then the matching
  // categories, then a row that opens the results page.
  function show(data) {
    list.innerHTML = "";
    data.results.forEach(function (result) {
      var link = option(result.url, "suggestion");
      var picture = document.createElement(result.image ? "img" : "span");
      picture.className = "suggestion__image";
      if (result.image) {
        picture.src = result.image;
        picture.alt = "";
        picture.width = 40;
        picture.height = 40;
      }
      link.appendChild(picture);
      text(link, result.title, "suggestion__title");
      text(link, result.price, "suggestion__price");
    });
    data.categories.forEach(function (category, index) {
      var divided = index === 0 && data.results.length ? " suggestion--divided" : "";
      var link = option(category.url, "suggestion suggestion--category" + divided);
      text(link, "Category", "suggestion__kind");
      text(link, category.title, "suggestion__title");
    });
    if (data.all_results && (data.results.length || data.categories.length)) {
      text(option(data.all_results.url, "suggestion suggestion--all suggestion--divided"), data.all_results.label);
    }
    var any = list.children.length > 0;
    list.hidden = !any;
    input.setAttribute("aria-expanded", String(any));
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) { option.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch(form.dataset.autocomplete + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (ticket === latest) show(data); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location = list.querySelectorAll("[role=option]")[active].href;
    }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
})();
