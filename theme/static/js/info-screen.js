/* The info screen (infoskjerm/): show today and tomorrow by the real date in Oslo, not the
   build's. The page carries the coming days as <section data-date="YYYY-MM-DD">; every minute
   this script shows the sections for today and tomorrow (labelled "I dag"/"I morgen"), hides
   activities that are over, shows the time, and once an hour reloads the page if the server
   answers (a rebuilt site brings new activities). Without JavaScript the page shows the
   build's today and tomorrow. Oslo days and ended activities (data-end) are reckoned as on every
   other page, by freshness.js (loaded first). */
(function () {
  "use strict";

  var ZONE = "Europe/Oslo";
  var freshness = window.portalFreshness;
  var RELOAD_AFTER = 60 * 60 * 1000;
  var loadedAt = Date.now();
  var lang = document.documentElement.lang || "nb";

  var clock = new Intl.DateTimeFormat(lang, {
    timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23", numberingSystem: "latn"
  });

  function update() {
    var now = new Date();
    var today = freshness.osloDay(now);
    var tomorrow = freshness.addDays(today, 1);
    var shown = 0;
    document.querySelectorAll(".info-day[data-date]").forEach(function (section) {
      var day = section.getAttribute("data-date");
      var visible = day === today || day === tomorrow;
      section.hidden = !visible;
      if (!visible) { return; }
      shown += 1;
      section.querySelectorAll(".info-when").forEach(function (label) {
        var when = label.getAttribute("data-when");
        label.hidden = !((when === "today" && day === today) || (when === "tomorrow" && day === tomorrow));
      });
      var items = section.querySelectorAll(".info-item[data-end]");
      var left = section.querySelectorAll(".info-item").length;
      items.forEach(function (item) {
        var over = freshness.hasEnded(item, now);
        item.classList.toggle("is-over", over);
        if (over) { left -= 1; }
      });
      var noneLeft = section.querySelector(".info-none-left");
      if (noneLeft) { noneLeft.hidden = left > 0; }
    });
    var stale = document.querySelector(".info-stale");
    if (stale) { stale.hidden = shown > 0; }
    var clockLine = document.querySelector(".info-clock");
    if (clockLine) {
      clockLine.textContent = clock.format(now);
      clockLine.hidden = false;
    }
    if (now.getTime() - loadedAt >= RELOAD_AFTER) { reloadIfOnline(); }
  }

  /* Reload only when the page can be fetched: an offline screen keeps what it shows. */
  function reloadIfOnline() {
    loadedAt = Date.now();
    if (!window.fetch) { return; }
    fetch(window.location.href, { cache: "no-store" }).then(function (response) {
      if (response.ok) { window.location.reload(); }
    }).catch(function () { /* try again in an hour */ });
  }

  update();
  window.setInterval(update, 60 * 1000);
}());
