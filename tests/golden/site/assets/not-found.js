/* The page not found: finds the same page in the latest edition. The path asked for is
   read against the site's editions (mike's versions.json, beside them): its edition, if it
   names one, is replaced by the latest's. The link is shown only if that page exists.
   Without JavaScript the page offers the latest edition's home page and the search. */
(function () {
  "use strict";
  var item = document.querySelector("[data-same-page-in-latest]");
  if (!item || !window.fetch) {
    return;
  }
  var latest = new URL(item.getAttribute("data-latest-root"), location.href);
  var root = new URL("../", latest);
  if (location.pathname.indexOf(root.pathname) !== 0) {
    return;
  }
  var rest = location.pathname.slice(root.pathname.length);

  function show(target) {
    var link = item.querySelector("a");
    link.href = target.href;
    item.hidden = false;
  }

  fetch(new URL("versions.json", root).href)
    .then(function (response) {
      return response.ok ? response.json() : [];
    })
    .then(function (versions) {
      var names = {};
      versions.forEach(function (version) {
        names[version.version] = true;
        (version.aliases || []).forEach(function (alias) {
          names[alias] = true;
        });
      });
      var parts = rest.split("/");
      if (names[parts[0]]) {
        parts.shift();
      }
      var target = new URL(parts.join("/") + location.search + location.hash, latest);
      if (target.pathname === location.pathname) {
        return null;
      }
      return fetch(target.href, { method: "HEAD" }).then(function (response) {
        if (response.ok) {
          show(target);
        }
      });
    })
    .catch(function () {});
})();
