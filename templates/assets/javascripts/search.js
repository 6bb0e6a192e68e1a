/*
 * The search field in the header (overrides/partials/search.html), over the index `briefing build` makes
 * from the finished pages (generator/site/search.py: Pagefind, one index per language). Nothing is fetched
 * until the reader types; a search then fetches Pagefind's script, the index chunks of the words typed and
 * the excerpts of the results shown, never the whole index. A result's link carries the words it matched
 * (?highlight=…), and the page it opens marks them and scrolls to the first.
 *
 * Everything shown comes from the pages' text, so it is set as text: an excerpt keeps only its <mark>s.
 * Opened from disk (file:), a browser lets no page fetch the index: the field says how to search instead.
 */
(function () {
  "use strict";
  var SHOWN = 10;          // results shown: each costs its excerpt's fetch
  var PARAM = "highlight";

  function textOf(html) {
    // Pagefind's excerpts and titles are HTML (text escaped, matches in <mark>): read as a document, never run
    return new DOMParser().parseFromString(html, "text/html").body;
  }

  function excerpt(html, into) {
    var marked = [];
    textOf(html).childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
        marked.push(node.textContent);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
    return marked;
  }

  function bare(word) {
    return word.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, "");
  }

  function highlight() {
    var wanted = new URLSearchParams(location.search).get(PARAM);
    var article = document.querySelector("article.md-content__inner");
    if (!wanted || !article) {
      return;
    }
    var words = wanted.split(/\s+/).map(bare).filter(Boolean);
    if (!words.length) {
      return;
    }
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    // the whole word a hit stands in: "ambush" marks "ambushed", كمين marks الكمين
    var pattern = new RegExp("[\\p{L}\\p{M}\\p{N}]*(?:" + escaped.join("|") + ")[\\p{L}\\p{M}\\p{N}]*", "giu");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var found = [];
    while (walker.nextNode()) {
      if (walker.currentNode.parentNode.closest("script, style, mark")) {
        continue;
      }
      pattern.lastIndex = 0;
      if (pattern.test(walker.currentNode.nodeValue)) {
        found.push(walker.currentNode);
      }
    }
    var first = null;
    found.forEach(function (node) {
      var text = node.nodeValue, last = 0, parts = document.createDocumentFragment(), match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        parts.appendChild(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.className = "briefing-search__hit";
        mark.textContent = match[0];
        parts.appendChild(mark);
        first = first || mark;
        last = match.index + match[0].length;
      }
      parts.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(parts, node);
    });
    if (first && !location.hash) {
      first.scrollIntoView({ block: "center" });
    }
  }

  highlight();

  var form = document.querySelector("form.briefing-search");
  if (!form) {
    return;
  }
  var input = form.querySelector(".briefing-search__input");
  var output = form.querySelector(".briefing-search__results");
  var words = JSON.parse(form.querySelector(".briefing-search__words").textContent);
  var engine = null;
  var latest = 0;

  function show(content) {
    output.replaceChildren(content);
    output.hidden = false;
  }

  function hide() {
    output.hidden = true;
  }

  function note(text) {
    var p = document.createElement("p");
    p.className = "briefing-search__note";
    p.textContent = text;
    show(p);
  }

  function load() {
    if (engine === null) {
      var bundle = new URL(form.dataset.bundle, location.href);
      var root = new URL(form.dataset.root, location.href);
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return pagefind.options({ basePath: bundle.pathname, baseUrl: root.pathname })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function result(data) {
    var item = document.createElement("li");
    item.className = "briefing-search__result";
    var link = document.createElement("a");
    var title = document.createElement("span");
    title.className = "briefing-search__title";
    title.textContent = textOf(data.meta.title || data.url).textContent;
    var text = document.createElement("span");
    text.className = "briefing-search__excerpt";
    var marked = excerpt(data.excerpt, text);
    var target = new URL(data.url, location.href);
    var hits = Array.from(new Set(marked.map(bare).filter(Boolean)));
    if (hits.length) {
      target.searchParams.set(PARAM, hits.join(" "));
    }
    link.href = target.href;
    link.appendChild(title);
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      hide();
      return;
    }
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      if (mine !== latest) {
        return null;
      }
      return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    }).then(function (data) {
      if (data === null || mine !== latest) {
        return;
      }
      if (!data.length) {
        note(words.none);
        return;
      }
      var list = document.createElement("ol");
      list.className = "briefing-search__list";
      data.forEach(function (d) { list.appendChild(result(d)); });
      show(list);
    }).catch(function () {
      engine = null;
      if (mine === latest) {
        note(words.failed);
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = output.querySelector("a");
    if (first && !output.hidden) {
      location.href = first.href;
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
      input.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) {
      hide();
    }
  });
  if (location.protocol === "file:") {
    input.addEventListener("focus", function () { note(words.served); });
    input.addEventListener("input", function () { note(words.served); });
    return;
  }
  input.addEventListener("input", run);
  input.addEventListener("focus", function () {
    if (output.childNodes.length && input.value.trim()) {
      output.hidden = false;
    }
  });
})();
