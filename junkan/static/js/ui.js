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
