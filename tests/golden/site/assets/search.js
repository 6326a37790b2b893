(function () {
  "use strict";
  var SHOWN = 10;
  var SECTIONS = 3;
  var WAIT = 200;

  var box = document.querySelector("[data-archive-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var form = box.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var clear = form.querySelector("button[type=reset]");
  var status = box.querySelector("[role=status]");
  var list = box.querySelector(".md-search-result__list");
  var opener = document.querySelector("[data-archive-toggle=__search]");
  var script = new URL(box.getAttribute("data-archive-search"), document.baseURI);
  var root = new URL(box.getAttribute("data-archive-root"), document.baseURI);

  var pagefind = null;
  var asked = 0;
  var timer = 0;
  var found = { query: "", results: [], shown: 0 };
  var openFirst = false;
  var closing = false;
  var prompt = status.textContent;

  function index() {
    if (!pagefind) {
      pagefind = import(script.href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  function normalised(text) {
    return text.trim().replace(/\s+/g, " ");
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click();
  }

  function named(data, query) {
    var wanted = query.toLowerCase();
    return Object.keys(data.meta).some(function (key) {
      return /^name\d+$/.test(key) && normalised(data.meta[key]).toLowerCase() === wanted;
    });
  }

  function ordered(pages, query) {
    return pages
      .filter(function (data) {
        return named(data, query);
      })
      .concat(
        pages.filter(function (data) {
          return !named(data, query);
        })
      );
  }

  function search(query) {
    var ask = ++asked;
    if (!query) {
      show(query, []);
      return;
    }
    index()
      .then(function (module) {
        return module.search(query);
      })
      .then(function (search) {
        if (ask !== asked) return;
        show(query, search.results);
      })
      .catch(function () {
        if (ask !== asked) return;
        status.textContent = "The search could not be loaded. Browse the indexes in the menu instead.";
      });
  }

  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "archive-search-excerpt";
    html.split(/(<\/?mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        var text = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(text);
          paragraph.appendChild(mark);
        } else {
          paragraph.appendChild(text);
        }
      }
      return marked;
    }, false);
    return paragraph;
  }

  function link(url, title, text, section) {
    var a = document.createElement("a");
    a.className = "md-search-result__link" + (section ? " archive-search-section" : "");
    a.href = url;
    var name = document.createElement("span");
    name.className = "archive-search-title";
    name.textContent = title;
    a.appendChild(name);
    if (text) a.appendChild(excerpt(text));
    return a;
  }

  function sections(data) {
    var anchored = data.sub_results.filter(function (sub) {
      return sub.anchor && !/^h1$/i.test(sub.anchor.element);
    });
    var best = anchored
      .slice()
      .sort(function (a, b) {
        return b.locations.length - a.locations.length;
      })
      .slice(0, SECTIONS);
    return anchored.filter(function (sub) {
      return best.indexOf(sub) !== -1;
    });
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.appendChild(link(data.url, data.meta.title || data.url, data.excerpt, false));
    var parts = sections(data);
    if (parts.length) {
      var inner = document.createElement("ul");
      inner.className = "archive-search-sections";
      parts.forEach(function (sub) {
        var part = document.createElement("li");
        part.appendChild(link(sub.url, sub.title, sub.excerpt, true));
        inner.appendChild(part);
      });
      li.appendChild(inner);
    }
    return li;
  }

  function announce() {
    var query = found.query;
    var count = found.results.length;
    if (!query) {
      status.textContent = prompt;
      return;
    }
    var words = count === 0 ? "No results" : count === 1 ? "1 result" : count + " results";
    var more = found.shown < count ? ", the first " + found.shown + " shown" : "";
    status.textContent = words + " for \u2018" + query + "\u2019" + more;
  }

  function more() {
    var button = box.querySelector(".archive-search-more");
    if (found.shown >= found.results.length) {
      if (button) button.remove();
      return button;
    }
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "archive-search-more";
      button.addEventListener("click", function () {
        var first = list.children.length;
        showNext().then(function () {
          var added = list.children[first];
          if (added) added.querySelector("a").focus();
        });
      });
      list.parentNode.appendChild(button);
    }
    var next = Math.min(SHOWN, found.results.length - found.shown);
    button.textContent = "Show " + next + " more results";
    return button;
  }

  function showNext() {
    var query = found.query;
    var slice = found.results.slice(found.shown, found.shown + SHOWN);
    return Promise.all(
      slice.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (query !== found.query) return;
      if (!found.shown) pages = ordered(pages, query);
      pages.forEach(function (data) {
        list.appendChild(item(data));
      });
      found.shown += slice.length;
      announce();
      more();
    });
  }

  function show(query, results) {
    found = { query: query, results: results, shown: 0 };
    list.textContent = "";
    more();
    showNext().then(function () {
      if (openFirst && query === found.query) {
        openFirst = false;
        go();
      }
    });
  }

  function stops() {
    return Array.prototype.slice.call(box.querySelectorAll(".md-search-result__link, .archive-search-more"));
  }

  function go() {
    var first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  }

  function close() {
    var back = opener && opener.offsetParent !== null ? opener : input;
    setOpen(false);
    closing = true;
    back.focus();
    closing = false;
  }

  function start() {
    input.addEventListener("focus", function () {
      index();
      if (!closing) setOpen(true);
    });
    input.addEventListener("input", function () {
      clear.hidden = !input.value;
      setOpen(true);
      clearTimeout(timer);
      var query = normalised(input.value);
      timer = setTimeout(function () {
        if (query !== found.query) search(query);
      }, WAIT);
    });
    form.addEventListener("reset", function () {
      clear.hidden = true;
      clearTimeout(timer);
      search("");
      input.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = normalised(input.value);
      if (query && query === found.query && found.shown) {
        go();
      } else if (query) {
        openFirst = true;
        clearTimeout(timer);
        search(query);
      }
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
        return;
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var all = stops();
      var at = all.indexOf(document.activeElement);
      if (!all.length || (at === -1 && document.activeElement !== input)) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) {
        input.focus();
      } else if (next < all.length) {
        all[next].focus();
      }
    });
    box.addEventListener("focusout", function (event) {
      if (toggle.checked && event.relatedTarget && !box.contains(event.relatedTarget)) setOpen(false);
    });
    box.setAttribute("data-archive-search-ready", "");
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      input.value = query;
      clear.hidden = false;
      setOpen(true);
      input.focus();
      search(normalised(query));
      return;
    }
    if (document.activeElement === input) {
      index();
      setOpen(true);
    }
    if (normalised(input.value)) {
      clear.hidden = false;
      setOpen(true);
      openFirst = box.hasAttribute("data-archive-search-submitted");
      box.removeAttribute("data-archive-search-submitted");
      search(normalised(input.value));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
