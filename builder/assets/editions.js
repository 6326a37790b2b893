/* The edition selector (Material's version selector, added to the header by its script):
   its button is named by the edition it shows, then what it does, so the name read out
   contains the words on it (WCAG 2.5.3). Served by the site; nothing external. */
(function () {
  "use strict";
  var topic = document.querySelector(".md-header__topic");
  if (!topic || !window.MutationObserver) {
    return;
  }
  function name() {
    var button = topic.querySelector(".md-version__current");
    if (button && !button.hasAttribute("data-named")) {
      button.setAttribute("data-named", "");
      button.setAttribute("aria-label", button.textContent.trim() + ": choose another edition");
    }
  }
  new MutationObserver(name).observe(topic, { childList: true, subtree: true });
  name();
})();
