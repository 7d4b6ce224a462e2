/* The theme's scripts. Their texts come from the page (data-strings, in the site's language). */
(function () {
  "use strict";

  /* A text from el's data-strings, with {name} filled in; a text with plural forms picks
     one by the page language's rules (Intl.PluralRules), as the build does. Each element's
     table is read once (a workbook labels a thousand fields at a time). journal.js and keep.js
     use it too, as window.sitegenSay: site.js runs first, being first in the page. */
  var tables = new WeakMap();
  function say(el, key, values) {
    values = values || {};
    var table = tables.get(el);
    if (!table) {
      try { table = JSON.parse(el.getAttribute("data-strings") || "{}"); } catch (e) { table = {}; }
      tables.set(el, table);
    }
    var entry = table[key];
    if (entry && typeof entry === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(document.documentElement.lang || "en").select(values.count); } catch (e) { form = "other"; }
      entry = entry[form] || entry.other;
    }
    return String(entry || "").replace(/\{\{|\}\}|\{(\w+)\}/g, function (match, name) {
      if (match === "{{") return "{";
      if (match === "}}") return "}";
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }
  window.sitegenSay = say;

  /* Journey progress, kept only in this browser (localStorage). No request leaves the page. */
  (function () {
    "use strict";
    var journeyEl = document.querySelector("[data-journey]");
    if (!journeyEl) return;
    var key = "sitegen-progress:" + journeyEl.getAttribute("data-journey");

    function load() {
      try {
        var raw = window.localStorage.getItem(key);
        var list = raw ? JSON.parse(raw) : [];
        return Array.isArray(list) ? list.filter(function (n) { return typeof n === "number"; }) : [];
      } catch (e) { return []; }
    }
    function save(list) {
      try {
        if (list.length) window.localStorage.setItem(key, JSON.stringify(list));
        else window.localStorage.removeItem(key);
      } catch (e) { /* storage may be disabled; progress simply is not kept */ }
    }

    var total = Number(journeyEl.getAttribute("data-total")) || 0;

    function render() {
      /* Only days the journey has: storage may still hold later ones after it was shortened. */
      var done = load().filter(function (n) { return !total || (n >= 1 && n <= total); });
      var items = document.querySelectorAll(".day-item[data-day]");
      var nextUrl = null, nextNumber = null;
      items.forEach(function (item) {
        var n = Number(item.getAttribute("data-day"));
        var isDone = done.indexOf(n) !== -1;
        item.classList.toggle("is-done", isDone);
        var badge = item.querySelector(".day-done");
        if (badge) badge.hidden = !isDone;
        if (!isDone && nextUrl === null && item.getAttribute("data-url")) {
          nextUrl = item.getAttribute("data-url");
          nextNumber = n;
        }
      });
      var cont = document.querySelector(".continue-link");
      var start = document.querySelector(".start-link");
      if (cont && start) {
        var show = done.length > 0 && nextUrl !== null;
        cont.hidden = !show;
        start.hidden = show;
        if (show) { cont.href = nextUrl; cont.textContent = say(journeyEl, "continue_with_day", { number: nextNumber }); }
      }
      var summary = document.querySelector(".progress-summary");
      if (summary) {
        summary.textContent = done.length
          ? say(journeyEl, "progress_summary", { count: done.length, total: journeyEl.getAttribute("data-total") })
          : say(journeyEl, "progress_none");
      }
      var mark = document.querySelector(".mark-done");
      if (mark) {
        var day = Number(journeyEl.getAttribute("data-day"));
        var on = done.indexOf(day) !== -1;
        mark.setAttribute("aria-pressed", on ? "true" : "false");  /* a toggle keeps its label; the state is "pressed" */
      }
    }

    document.querySelectorAll(".progress-controls").forEach(function (el) { el.hidden = false; });
    var mark = document.querySelector(".mark-done");
    if (mark) {
      mark.addEventListener("click", function () {
        var day = Number(journeyEl.getAttribute("data-day"));
        var done = load();
        var at = done.indexOf(day);
        if (at === -1) done.push(day); else done.splice(at, 1);
        done.sort(function (a, b) { return a - b; });
        save(done);
        render();
      });
    }
    var clear = document.querySelector(".clear-progress");
    if (clear) {
      clear.addEventListener("click", function () { save([]); render(); });
    }
    document.addEventListener("sitegen:journey-restored", render);  /* keep.js wrote progress from a file */
    render();
  })();

  /* A printed page carries each recording's words: the player does not print, and a closed
     transcript would leave only its summary on paper. Open for printing, closed again after. */
  (function () {
    "use strict";
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.transcript:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  })();

  /* Site search, served from this site's own Pagefind index. */
  (function () {
    "use strict";
    var box = document.querySelector("search[data-bundle]");
    if (!box) return;
    var form = box.querySelector("form");
    var input = box.querySelector("input[type=search]");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var engine = null;
    var fallback = document.querySelector(".search-needs-js");
    if (fallback) fallback.hidden = true;

    function load() {
      if (!engine) {
        /* A large site's index comes in parts; the first one merges the others, all at once
           (one after another, each part's two round trips add up: seconds on a slow line). */
        var parts = (box.getAttribute("data-parts") || "").split(" ").filter(Boolean);
        engine = import(box.getAttribute("data-bundle")).then(function (pagefind) {
          return Promise.all(parts.map(function (url) { return pagefind.mergeIndex(url); }))
            .then(function () { return pagefind; });
        });
      }
      return engine;
    }

    /* The index starts loading when the reader comes to the box, so it is there by the time
       they have typed a query. */
    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });

    function show(results, query) {
      list.textContent = "";
      results.forEach(function (data) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = data.url;
        link.textContent = (data.meta && data.meta.title) || data.url;
        var heading = document.createElement("h2");
        heading.className = "h3";
        heading.appendChild(link);
        var excerpt = document.createElement("p");
        excerpt.innerHTML = data.excerpt; /* Pagefind's excerpt: our own sanitised text with <mark> */
        item.appendChild(heading);
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      status.textContent = results.length
        ? say(box, "search_results", { count: results.length, query: query })
        : say(box, "search_nothing", { query: query });
    }

    function run(query) {
      query = query.trim();
      if (!query) { list.textContent = ""; status.textContent = ""; return; }
      status.textContent = say(box, "searching");
      load().then(function (pagefind) {
        return pagefind.search(query);
      }).then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      }).then(function (results) {
        show(results, query);
      }).catch(function () {
        status.textContent = say(box, "search_unavailable");
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      run(input.value);
    });
    var initial = new URL(window.location.href).searchParams.get("q");
    if (initial) { input.value = initial; run(initial); }
  })();
})();
