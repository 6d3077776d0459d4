/* Search page enhancement: Pagefind search with filters, an announced result count and
   "show more". Without JavaScript the page is a list of links, so nothing here is required.
   Every text shown comes from the page (data-* on #sok, in the page's language); texts with
   %(name)s placeholders are filled in by say().

   Focus: after a search the user sent (Enter, the search button, or arriving with ?q= from
   the header search) focus moves to the result count, so the next Tab reaches the first
   result. Searching as you type and changing a filter leave focus where it is. "Show more"
   moves focus to the first newly shown result. */
(function () {
  "use strict";
  var PAGE_SIZE = 20;
  var app = document.getElementById("sok");
  if (!app) return;

  function data(name, fallback) {
    try {
      return JSON.parse(app.getAttribute("data-" + name)) || fallback;
    } catch (error) {
      return fallback;
    }
  }

  var base = app.getAttribute("data-base-url") || "/";
  var filterList = data("filters", []); // [[key, label, "all" option text], ...] in display order
  var order = data("filter-order", {}); // key -> values in a meaningful order
  var shownWith = data("filter-shown-with", {}); // key -> [other key, value it must have]
  var metaLabels = data("meta-labels", []); // [[meta key, label], ...] in display order
  var asWritten = data("as-written", []); // keys whose values are bokmål as submitters wrote them
  var lang = document.documentElement.lang || "nb";
  var form = app.querySelector(".search-form");
  var input = app.querySelector("#sok-ord");
  var fieldset = app.querySelector(".search-filters");
  var grid = app.querySelector(".filter-grid");
  var status = app.querySelector(".search-status");
  var list = app.querySelector(".search-results");
  var more = app.querySelector(".search-more");
  var moreButton = more.querySelector("button");
  var pagefind = null;
  var selects = {};
  var wraps = {};
  var timer = null;
  var generation = 0; // the newest search; answers to older ones are dropped
  var current = null; // {results, shown, query} of the newest search
  var loadingMore = false;

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || ""; // at once, while Pagefind loads
  form.hidden = false; // the form only works with this script

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (value) el.textContent = value;
    return el;
  }

  function markAsWritten(el, key) {
    if (lang !== "nb" && asWritten.indexOf(key) >= 0) el.lang = "nb";
  }

  // The page's text for `key` (data-text-<key>), with its %(name)s placeholders filled in.
  function say(key, values) {
    return (app.getAttribute("data-text-" + key) || "").replace(/%\((\w+)\)s/g, function (match, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function currentFilters() {
    var filters = {};
    Object.keys(selects).forEach(function (name) {
      if (selects[name].value) filters[name] = selects[name].value;
    });
    return filters;
  }

  function updateUrl(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    filterList.forEach(function (filter) {
      if (filters[filter[0]]) params.set(filter[0], filters[filter[0]]);
    });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  // A filter that belongs to one type (grant targets) is shown only while that type is
  // chosen; hidden, it is cleared so it never narrows a search the user cannot see.
  function showDependentFilters() {
    Object.keys(shownWith).forEach(function (name) {
      var other = selects[shownWith[name][0]];
      if (!selects[name]) return;
      var visible = !!other && other.value === shownWith[name][1];
      wraps[name].hidden = !visible;
      if (!visible) selects[name].value = "";
    });
  }

  function buildFilters(available, params) {
    filterList.forEach(function (filter) {
      var name = filter[0];
      var values = available[name];
      if (!values || !Object.keys(values).length) return;
      var id = "filter-" + name;
      var wrap = text("div", "filter");
      var label = text("label", "", filter[1]);
      label.htmlFor = id;
      var select = document.createElement("select");
      select.id = id;
      select.appendChild(new Option(filter[2], ""));
      var known = order[name] || [];
      Object.keys(values).sort(function (a, b) {
        var ia = known.indexOf(a), ib = known.indexOf(b);
        if (ia !== ib && ia >= 0 && ib >= 0) return ia - ib;
        if (ia >= 0 && ib < 0) return -1;
        if (ib >= 0 && ia < 0) return 1;
        return a.localeCompare(b, lang);
      }).forEach(function (value) {
        var option = new Option(value + " (" + values[value] + ")", value);
        markAsWritten(option, name);
        select.appendChild(option);
      });
      if (params.get(name)) select.value = params.get(name);
      select.addEventListener("change", function () { run(false); });
      selects[name] = select;
      wraps[name] = wrap;
      wrap.appendChild(label);
      wrap.appendChild(select);
      grid.appendChild(wrap);
    });
    // A shared link with only a grant target chosen: choose the grant type too, so it shows.
    Object.keys(shownWith).forEach(function (name) {
      var other = selects[shownWith[name][0]];
      if (selects[name] && selects[name].value && other && !other.value) other.value = shownWith[name][1];
    });
    showDependentFilters();
    fieldset.hidden = filterList.every(function (filter) { return !selects[filter[0]]; });
  }

  function resultItem(result) {
    var meta = result.meta || {};
    var item = text("li", "search-result");
    var type = (result.filters && result.filters.type && result.filters.type[0]) || "";
    if (type) item.appendChild(text("p", "result-type", type));
    var heading = text("h2", "");
    var link = text("a", "", (meta.status ? meta.status + ": " : "") + (meta.title || result.url));
    link.href = result.url;
    heading.appendChild(link);
    item.appendChild(heading);
    // Date, place, deadline and giver as labelled lines ("Hvor: Vestre Toten bibliotek").
    metaLabels.forEach(function (pair) {
      if (!meta[pair[0]]) return;
      var line = text("p", "result-meta");
      line.appendChild(text("span", "result-label", pair[1] + ":"));
      line.appendChild(document.createTextNode(" "));
      var value = text("span", "", meta[pair[0]]);
      markAsWritten(value, pair[0]);
      line.appendChild(value);
      item.appendChild(line);
    });
    if (result.excerpt) {
      var excerpt = text("p", "result-excerpt");
      excerpt.dir = "auto"; // mostly bokmål text, also on the Arabic page
      excerpt.innerHTML = result.excerpt; // Pagefind escapes page text and only adds <mark>
      item.appendChild(excerpt);
    }
    return item;
  }

  function announce() {
    var total = current.results.length;
    // The query is isolated (FSI … PDI) so that a word in another script direction cannot
    // reorder the sentence around it ("«Raufoss»" inside Arabic, Arabic inside Norwegian).
    var values = { n: total, query: "\u2068" + current.query + "\u2069", shown: current.shown };
    var key = total === 0 ? "no-results" : "results";
    if (current.query) key += "-for";
    if (total > current.shown) key += "-first";
    status.textContent = say(key, values);
  }

  // Show the next PAGE_SIZE results of the newest search; resolves to the first new item.
  function showNext(mine) {
    var batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (loaded) {
      if (mine !== generation) return null;
      var first = null;
      loaded.forEach(function (result) {
        var item = resultItem(result);
        list.appendChild(item);
        if (!first) first = item;
      });
      current.shown += loaded.length;
      more.hidden = current.shown >= current.results.length;
      announce();
      return first;
    });
  }

  function run(moveFocus) {
    clearTimeout(timer);
    showDependentFilters();
    var query = input.value.trim();
    var filters = currentFilters();
    updateUrl(query, filters);
    var mine = ++generation;
    if (!query && !Object.keys(filters).length) {
      current = null;
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = say("searching");
    more.hidden = true; // the shown results are about to be replaced
    pagefind.search(query || null, { filters: filters }).then(function (search) {
      if (mine !== generation) return null;
      current = { results: search.results, shown: 0, query: query };
      list.textContent = "";
      return showNext(mine);
    }).then(function () {
      // Not if the user has gone on elsewhere while the search ran.
      var active = document.activeElement;
      var stillHere = !active || active === document.body || form.contains(active);
      if (moveFocus && mine === generation && stillHere) status.focus();
    }).catch(function () {
      if (mine === generation) status.textContent = say("unavailable");
    });
  }

  moreButton.addEventListener("click", function () {
    if (!current || loadingMore) return;
    loadingMore = true;
    var mine = generation;
    showNext(mine).then(function (first) {
      loadingMore = false;
      var link = first && first.querySelector("h2 a");
      if (link) link.focus();
    }, function () {
      loadingMore = false;
    });
  });

  import(base + "pagefind/pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: base }).then(function () { return pagefind.filters(); });
  }).then(function (available) {
    buildFilters(available, params);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(true);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(false); }, 250);
    });
    app.classList.add("is-ready");
    // Arriving with ?q= is a search the user sent (from the header search, for instance).
    run(!!input.value.trim());
  }).catch(function () {
    status.textContent = say("unavailable");
  });
})();
