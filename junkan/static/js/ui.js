/* Menus built on <details>: they work without this script; with it, a click elsewhere or Escape closes them. */
(function () {
  "use strict";
  function openMenus() { return document.querySelectorAll("details.menu[open]"); }
  document.addEventListener("click", function (event) {
    Array.prototype.forEach.call(openMenus(), function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    Array.prototype.forEach.call(openMenus(), function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary) summary.focus();
    });
  });
})();

/* Print buttons (components/print_button.html): hidden without a script, since only a script can print. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
