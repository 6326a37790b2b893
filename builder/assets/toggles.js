/* The header's buttons for Material's hidden toggles (the drawer, the search): a press
   flips the toggle as a click on Material's label would, and aria-expanded says whether
   what it opens is open. Elements marked data-archive-close close their toggle when
   clicked, and those marked data-archive-select choose their radio button (the colour
   scheme's icons); Escape closes the drawer. The search box itself is search.js's, which
   is loaded here once the reader goes to the box, types in it, opens the search or
   follows an address that asks for one (?q=): a page downloads nothing for search
   before. A search asked for before search.js has come is made once it has. Served by
   the site. */
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
    // Opened by the header's button (a small screen, where the box is hidden until then):
    // the box takes the focus at once, so what is typed next goes into it.
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
