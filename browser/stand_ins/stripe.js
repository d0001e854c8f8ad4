// A stand-in for Stripe.js in the browser journeys. localstripe's own script neither
// creates payment methods nor runs handleCardAction, so the two steps the shop's page
// uses call the test (window.standIn*), which asks localstripe's API; the card field
// is one plain input. Everything on the shop's side stays real.
window.Stripe = function () {
  var number;
  return {
    elements: function () {
      return {
        create: function () {
          return {
            mount: function (selector) {
              number = document.createElement("input");
              number.setAttribute("aria-label", "Card number");
              number.autocomplete = "cc-number";
              document.querySelector(selector).appendChild(number);
            },
          };
        },
      };
    },
    createPaymentMethod: function () {
      return window.standInCreatePaymentMethod(number.value).then(function (id) {
        return id ? { paymentMethod: { id: id } } : { error: { message: "Your card number is incomplete." } };
      });
    },
    handleCardAction: function (clientSecret) {
      return window.standInAuthenticate(clientSecret).then(function () {
        return { paymentIntent: {} };
      });
    },
  };
};
