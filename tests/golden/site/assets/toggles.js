(function () {
  "use strict";

  function toggle(id) {
    return document.getElementById(id);
  }

  function start() {
    document.querySelectorAll("[data-archive-toggle]").forEach(function (button) {
      var input = toggle(button.getAttribute("data-archive-toggle"));
      if (!input) return;
      var sync = function () {
        button.setAttribute("aria-expanded", input.checked ? "true" : "false");
      };
      button.addEventListener("click", function () {
        input.click();
        sync();
      });
      input.addEventListener("change", sync);
      sync();
    });
    document.querySelectorAll("[data-archive-close]").forEach(function (element) {
      element.addEventListener("click", function () {
        var input = toggle(element.getAttribute("data-archive-close"));
        if (input && input.checked) input.click();
      });
    });
    document.querySelectorAll("[data-archive-select]").forEach(function (element) {
      element.addEventListener("click", function () {
        var input = toggle(element.getAttribute("data-archive-select"));
        if (input) input.click();
      });
    });
    document.addEventListener("keydown", function (event) {
      var drawer = toggle("__drawer");
      if (event.key === "Escape" && drawer && drawer.checked) drawer.click();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
