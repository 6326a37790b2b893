(function () {
  "use strict";
  var CUE = "archive-scroll-cue";

  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heading = wrap.closest(".md-typeset") && previousHeading(wrap);
    return heading ? heading.textContent.trim() : "Table";
  }

  function previousHeading(element) {
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3");
    var found = null;
    headings.forEach(function (heading) {
      if (heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading;
    });
    return found;
  }

  function mark(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var cue = wrap.previousElementSibling;
    var hasCue = cue && cue.classList.contains(CUE);
    if (wide) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", tableName(wrap) + " (scrolls sideways)");
      if (!hasCue) {
        cue = document.createElement("p");
        cue.className = CUE;
        cue.textContent = "This table is wider than the screen: scroll it sideways to see every column.";
        wrap.insertAdjacentElement("beforebegin", cue);
      }
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      if (hasCue) cue.remove();
    }
  }

  function start() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    wraps.forEach(mark);
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        document.querySelectorAll(".md-typeset__scrollwrap").forEach(mark);
      }, 200);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
