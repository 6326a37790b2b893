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
    searchOnceUsed();
  }

  function searchOnceUsed() {
    var box = document.querySelector("[data-archive-search-box]");
    var opened = toggle("__search");
    if (!box || !opened) return;
    var input = box.querySelector("input[name=q]");
    var form = box.querySelector("form");
    var asked = false;
    var load = function () {
      if (asked) return;
      asked = true;
      var script = document.createElement("script");
      script.src = new URL(box.getAttribute("data-archive-search-box"), document.baseURI).href;
      document.head.appendChild(script);
    };
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
    opened.addEventListener("change", function () {
      load();
      if (opened.checked && document.activeElement !== input) input.focus();
    });
    form.addEventListener("submit", function (event) {
      if (box.hasAttribute("data-archive-search-ready")) return;
      event.preventDefault();
      box.setAttribute("data-archive-search-submitted", "");
      load();
    });
    if (new URLSearchParams(location.search).get("q")) load();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
