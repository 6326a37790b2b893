/* The site's search box (builder/theme/partials/search.html), loaded by toggles.js once the
   box is used. The search index is Pagefind's, built with the site (builder/search.py) and
   served by it: its script is imported only when the reader focuses or types in the box,
   so a page downloads nothing for search before.
   A query downloads the index's chunks for its words and the excerpts of the results shown.

   Results are a list of links (a page, then up to three of its sections that match), with a
   status line announcing how many were found. The arrow keys move from the box through the
   results and back, as Tab does; Escape closes the search; Enter or the search button opens
   the first result. A page whose exact name (an indicator's code or title) is the query comes
   first, before pages whose names begin with it ("LAC1" before LAC16). A "q" in the page's
   address (the form of the page for an address not found) is searched at once.
   What is typed is searched from two characters on: one character begins words all over
   the index, and searching for it would download chunks the next key makes useless (at 4x
   the base, a third more than the query of an indicator's code downloads alone). Enter
   searches for one character all the same. */
(function () {
  "use strict";
  // Results shown at a time (a button shows more), sections shown under a page at most,
  // and milliseconds after the last key before searching.
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
  var partsList = new URL(box.getAttribute("data-archive-search-parts"), document.baseURI);
  var root = new URL(box.getAttribute("data-archive-root"), document.baseURI);

  // The index's module, once asked for; the latest search asked for (an earlier one that
  // ends later is dropped); whether Enter was pressed before the results came; whether the
  // focus is going back to the box as the search closes.
  var pagefind = null;
  var asked = 0;
  var timer = 0;
  var found = { query: "", results: [], shown: 0 };
  var openFirst = false;
  var closing = false;
  var prompt = status.textContent;

  /* The index's module with every part of the index merged (a large archive's index is
     made in parts, listed beside the script: builder/search.py). Results are addressed
     from the site's root, wherever the site is served. */
  function index() {
    if (!pagefind) {
      var options = { baseUrl: root.pathname };
      var listed = fetch(partsList.href).then(function (response) {
        if (!response.ok) throw new Error("The search index's parts are not listed.");
        return response.json();
      });
      pagefind = Promise.all([import(script.href), listed])
        .then(function (loaded) {
          var module = loaded[0];
          return module.options(options).then(function () {
            return Promise.all(
              loaded[1].parts.map(function (part) {
                return module.mergeIndex(new URL(part, partsList).href, options);
              })
            ).then(function () {
              return module;
            });
          });
        })
        .catch(function (error) {
          pagefind = null;
          throw error;
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

  /* A page whose exact name (name1, name2, ... kept with it by the theme) is the query. */
  function named(data, query) {
    var wanted = query.toLowerCase();
    return Object.keys(data.meta).some(function (key) {
      return /^name\d+$/.test(key) && normalised(data.meta[key]).toLowerCase() === wanted;
    });
  }

  /* The pages named exactly by the query first, then the others in Pagefind's order. */
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

  /* What the reader has typed, searched if it is long enough to be worth it (above). */
  function typed(query) {
    if (query.length === 1) {
      tooShort(query);
    } else if (query !== found.query || !query) {
      search(query);
    }
  }

  function tooShort(query) {
    asked++;
    found = { query: "", results: [], shown: 0 };
    list.textContent = "";
    more();
    status.textContent =
      "Type at least two characters to search, or press Enter to search for \u2018" + query + "\u2019";
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

  /* An excerpt's text with Pagefind's <mark> around the words found, as nodes (the text
     itself is never read as HTML). */
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

  /* Up to SECTIONS sections of the page that match best, in the page's order (not its
     title, which the page's own link shows). */
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

  /* Closed, the search gives the focus back to the box, or on a small screen, where the box
     is hidden, to the button that opens it. */
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
      if (query.length === 1) {
        tooShort(query);
        return;
      }
      timer = setTimeout(function () {
        typed(query);
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
    // The button in the header opens the search (on a small screen): toggles.js gives the
    // box the focus.
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
    // The search closes once the focus has left it.
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
    // What the reader did before this script came (toggles.js loads it as the box is used).
    if (document.activeElement === input) {
      index();
      setOpen(true);
    }
    if (normalised(input.value)) {
      clear.hidden = false;
      setOpen(true);
      openFirst = box.hasAttribute("data-archive-search-submitted");
      box.removeAttribute("data-archive-search-submitted");
      if (openFirst) {
        search(normalised(input.value));
      } else {
        typed(normalised(input.value));
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
