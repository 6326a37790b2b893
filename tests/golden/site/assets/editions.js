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
