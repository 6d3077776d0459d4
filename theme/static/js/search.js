/* Search page enhancement: Pagefind search with filters and an announced result count.
   Without JavaScript the page is a list of links, so nothing here is required.
   Every text shown comes from the page (data-text-* on #sok, in the page's language),
   with %(name)s placeholders that say() fills in. */
(function () {
  "use strict";
  var app = document.getElementById("sok");
  if (!app) return;
  var base = app.getAttribute("data-base-url") || "/";
  var names = JSON.parse(app.getAttribute("data-filter-names") || "{}");
  var order = JSON.parse(app.getAttribute("data-filter-order") || "{}");
  var lang = document.documentElement.lang || "nb";
  var form = app.querySelector("form");
  var input = app.querySelector("#sok-ord");
  var fieldset = app.querySelector(".search-filters");
  var grid = app.querySelector(".filter-grid");
  var status = app.querySelector(".search-status");
  var list = app.querySelector(".search-results");
  var pagefind = null;
  var selects = {};
  var timer = null;
  var generation = 0;

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (value) el.textContent = value;
    return el;
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
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function buildFilters(available, params) {
    Object.keys(names).forEach(function (name) {
      var values = available[name];
      if (!values) return;
      var id = "filter-" + name;
      var wrap = text("div", "filter");
      var label = text("label", "", names[name]);
      label.htmlFor = id;
      var select = document.createElement("select");
      select.id = id;
      select.appendChild(new Option(say("all"), ""));
      var known = order[name] || [];
      Object.keys(values).sort(function (a, b) {
        var ia = known.indexOf(a), ib = known.indexOf(b);
        if (ia !== ib && ia >= 0 && ib >= 0) return ia - ib;
        return a.localeCompare(b, lang);
      }).forEach(function (value) {
        select.appendChild(new Option(value + " (" + values[value] + ")", value));
      });
      if (params.get(name)) select.value = params.get(name);
      select.addEventListener("change", run);
      selects[name] = select;
      wrap.appendChild(label);
      wrap.appendChild(select);
      grid.appendChild(wrap);
    });
    fieldset.hidden = false;
  }

  function render(results, total, query) {
    list.textContent = "";
    results.forEach(function (data) {
      var meta = data.meta || {};
      var item = text("li", "search-result");
      var type = (data.filters && data.filters.type && data.filters.type[0]) || "";
      if (type) item.appendChild(text("p", "result-type", type));
      var heading = text("h2", "");
      var link = text("a", "", (meta.status ? meta.status + ": " : "") + (meta.title || data.url));
      link.href = data.url;
      heading.appendChild(link);
      item.appendChild(heading);
      var details = [meta.date, meta.place, meta.deadline, meta.giver].filter(Boolean).join(" · ");
      if (details) item.appendChild(text("p", "result-meta", details));
      var excerpt = text("p", "result-excerpt");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes page text and only adds <mark>
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    var values = { n: total, query: query, shown: results.length };
    var key = total === 0 ? "no-results" : "results";
    if (query) key += "-for";
    if (total > results.length) key += "-first";
    status.textContent = say(key, values);
  }

  function run() {
    var query = input.value.trim();
    var filters = currentFilters();
    updateUrl(query, filters);
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    var mine = ++generation;
    status.textContent = say("searching");
    pagefind.search(query || null, { filters: filters }).then(function (search) {
      var total = search.results.length;
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (data) { if (mine === generation) render(data, total, query); });
    });
  }

  import(base + "pagefind/pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: base }).then(function () { return pagefind.filters(); });
  }).then(function (available) {
    var params = new URLSearchParams(location.search);
    buildFilters(available, params);
    input.value = params.get("q") || "";
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    app.classList.add("is-ready");
    run();
  }).catch(function () {
    status.textContent = say("unavailable");
  });
})();
