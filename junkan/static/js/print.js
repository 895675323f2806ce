/* Buttons marked data-print print the page (no inline onclick: the Content-Security-Policy forbids it). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) window.print();
  });
})();
