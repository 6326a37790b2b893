(function () {
  "use strict";
  var PLACEHOLDER = "[date accessed]";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoDate(day) {
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }

  function longDate(day) {
    return day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function enhance(section) {
    var today = new Date();
    var status = section.querySelector("[data-citation-status]");
    section.querySelectorAll("pre[data-citation-form]").forEach(function (block) {
      var code = block.querySelector("code") || block;
      var form = block.getAttribute("data-citation-form");
      var date = form === "text" ? longDate(today) : isoDate(today);
      code.textContent = code.textContent.split(PLACEHOLDER).join(date);

      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button citation-copy";
      button.textContent = block.getAttribute("data-copy-label") || "Copy";
      button.addEventListener("click", function () {
        copyText(code.textContent).then(
          function () {
            status.textContent = "Copied: " + button.textContent.replace(/^Copy /, "") + ".";
          },
          function () {
            status.textContent = "Could not copy: select the text and copy it yourself.";
          }
        );
      });
      block.insertAdjacentElement("afterend", button);
    });
    var note = section.querySelector("[data-citation-note]");
    if (note) {
      note.textContent =
        "The access date is today's (" + longDate(today) + "); change it if you read the page on another day.";
    }
  }

  function start() {
    document.querySelectorAll("[data-citation]").forEach(enhance);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
