// The product page: choosing a variant with a picture of its own shows that picture, and
// the price it costs; on phones, once the buy form is scrolled past, a bar keeps its
// price and "Add to cart" in reach.
(function () {
  "use strict";
  var form = document.getElementById("buy");
  if (!form) return;
  var track = document.querySelector("[data-gallery]");
  var bar = document.querySelector("[data-buy-bar]");
  var barPrice = document.querySelector("[data-buy-bar-price]");

  function showPicture(imageId, smooth) {
    if (!track || !imageId) return;
    var slide = track.querySelector('[data-image="' + imageId + '"]');
    if (!slide) return;
    var left = track.scrollLeft + slide.getBoundingClientRect().left - track.getBoundingClientRect().left;
    track.scrollTo({ left: left, behavior: smooth ? "smooth" : "auto" });
  }

  function chosen(radio, smooth) {
    showPicture(radio.dataset.image, smooth);
    if (barPrice && radio.dataset.price) barPrice.textContent = radio.dataset.price;
  }

  form.querySelectorAll("input[name=variant]").forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) chosen(radio, true); });
    if (radio.checked) chosen(radio, false);
  });

  var button = form.querySelector("[data-buy-button]");
  if (!bar || !button || !("IntersectionObserver" in window)) return;
  // The sticky header hides what scrolls under it, so the button counts as gone once
  // it is behind the header.
  var header = document.querySelector(".site-header");
  var covered = header && getComputedStyle(header).position === "sticky" ? header.offsetHeight : 0;
  // The watched area runs from under the header to far below the screen, so the button
  // leaves it only by going off the top, however fast the page jumps.
  new IntersectionObserver(function (entries) {
    bar.hidden = entries[0].isIntersecting;
  }, { rootMargin: "-" + covered + "px 0px 100000px 0px" }).observe(button);
})();
