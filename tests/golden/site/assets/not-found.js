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

  function exists(target) {
    return fetch(target.href, { method: "HEAD" }).then(function (response) {
      return response.ok;
    });
  }

  function firstFound(candidates) {
    if (!candidates.length) {
      return null;
    }
    var target = candidates[0];
    return exists(target).then(function (found) {
      return found ? show(target) : firstFound(candidates.slice(1));
    });
  }

  fetch(new URL("versions.json", root).href)
    .then(function (response) {
      return response.ok ? response.json() : [];
    })
    .catch(function () {
      return [];
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
      var paths = [parts.slice(1).join("/")];
      if (!names[parts[0]]) {
        paths.push(rest);
      }
      var candidates = paths
        .map(function (path) {
          return new URL(path + location.search + location.hash, latest);
        })
        .filter(function (target) {
          return target.pathname !== location.pathname && target.pathname !== latest.pathname;
        });
      return firstFound(candidates);
    })
    .catch(function () {});
})();
