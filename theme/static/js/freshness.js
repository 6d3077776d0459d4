/* Corrects a page viewed on a later day than it was built (docs/freshness.md). Without
   JavaScript, and on the day of the build, the page shows what it was built with; its footer
   always says when that was. The build marks up what changes with the day:

     <body data-built="YYYY-MM-DD" data-freshness="{words}">  the build's day (Oslo), and the
         words below in the page's language (outputs/freshness.py, text/phrases.py);
     [data-end]          a row the build showed as current, with its end instant (ISO, offset);
     [data-day-group]    a day's section; [data-keeps-day] inside it keeps it (a link onwards);
     [data-fresh-empty]  shown when every day section beside it is gone;
     [data-day-label]    a day heading's date without "I dag" (its datetime is the day);
     [data-countdown]    a deadline's "om 3 dager" (the value is the deadline's day);
     [data-grid-day]     a day of the month grid; [data-today-jump] the link to today;
     [data-fresh-notice] the notice that the page is from an earlier day.

   On a later day the script hides ended rows and the days left empty, moves "I dag" and
   "I morgen", recomputes countdowns and shows the notice. Days are Oslo days whatever the
   visitor's time zone. Nothing is announced and nothing takes focus: hidden rows only leave
   the reading order. The info screen uses the same functions (window.portalFreshness). */
(function () {
  "use strict";

  var ZONE = "Europe/Oslo";
  var DAY_MS = 24 * 60 * 60 * 1000;
  var dateParts = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit"
  });

  /* "YYYY-MM-DD" of a moment, in Oslo. */
  function osloDay(moment) {
    var parts = {};
    dateParts.formatToParts(moment).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function utcMidnight(day) {
    var p = day.split("-").map(Number);
    return Date.UTC(p[0], p[1] - 1, p[2]);
  }

  /* The calendar day ``count`` days after "YYYY-MM-DD". */
  function addDays(day, count) {
    return new Date(utcMidnight(day) + count * DAY_MS).toISOString().slice(0, 10);
  }

  /* Calendar days from one "YYYY-MM-DD" to another. */
  function daysBetween(from, to) {
    return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
  }

  /* Whether a row with data-end has ended at ``now``. */
  function hasEnded(element, now) {
    var end = element.getAttribute("data-end");
    return end !== null && Date.parse(end) <= now.getTime();
  }

  window.portalFreshness = {
    osloDay: osloDay, addDays: addDays, daysBetween: daysBetween, hasEnded: hasEnded
  };

  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }

  function isHidden(element) { return element.hidden; }

  function hideEnded(now) {
    each("[data-end]", function (row) {
      if (hasEnded(row, now)) { row.hidden = true; }
    });
  }

  /* A day whose rows have all ended goes; so does a day the build showed as coming that is
     now past and had nothing in it. A day the build showed as past stays: it is the calendar. */
  function hideOverDays(built, today) {
    each("[data-day-group]", function (group) {
      var day = group.getAttribute("data-day-group");
      var rows = Array.prototype.slice.call(group.querySelectorAll("li"));
      if (group.querySelector("[data-keeps-day]")) { return; }
      if (rows.length ? rows.every(isHidden) : (day >= built && day < today)) { group.hidden = true; }
    });
    each("[data-fresh-empty]", function (empty) {
      var groups = Array.prototype.filter.call(empty.parentNode.children, function (element) {
        return element.hasAttribute("data-day-group");
      });
      empty.hidden = !(groups.length && groups.every(isHidden));
    });
  }

  function relabelDays(words, today) {
    var tomorrow = addDays(today, 1);
    each("[data-day-label]", function (label) {
      var day = label.getAttribute("datetime");
      var date = label.getAttribute("data-day-label");
      var text = day === today ? words.today.replace("{date}", date)
        : day === tomorrow ? words.tomorrow.replace("{date}", date) : date;
      if (label.textContent !== text) { label.textContent = text; }
    });
  }

  /* "i dag", "i morgen", "i går", or "om {n} dager"/"for {n} dager siden" in the plural form
     the page's language uses for n (the build gives one sentence per CLDR plural category). */
  function relativeDays(words, plural, delta) {
    var fixed = words.relative[String(delta)];
    if (fixed) { return fixed; }
    var count = Math.abs(delta);
    var forms = delta > 0 ? words["in"] : words.ago;
    var form = forms[plural.select(count)] || forms.other || forms[Object.keys(forms)[0]];
    return form.replace("{n}", String(count));
  }

  function recount(words, today) {
    var plural = new Intl.PluralRules(document.documentElement.lang || "nb");
    each("[data-countdown]", function (countdown) {
      var delta = daysBetween(today, countdown.getAttribute("data-countdown"));
      countdown.textContent = relativeDays(words, plural, delta);
    });
  }

  /* The month grid: today's cell is marked and labelled, the days before it are past. */
  function markToday(words, today) {
    var todayCell = null;
    each("[data-grid-day]", function (cell) {
      var day = cell.getAttribute("data-grid-day");
      cell.classList.toggle("is-past", day < today);
      cell.classList.toggle("is-today", day === today);
      if (day === today) {
        cell.setAttribute("aria-current", "date");
        todayCell = cell;
      } else {
        cell.removeAttribute("aria-current");
      }
    });
    each("[data-today-label]", function (label) {
      if (!todayCell || !todayCell.contains(label)) { label.remove(); }
    });
    var dateLine = todayCell && todayCell.querySelector(".cal-date");
    if (dateLine && !dateLine.querySelector("[data-today-label]")) {
      var label = document.createElement("strong");
      label.className = "cal-today-label";
      label.setAttribute("data-today-label", "");
      label.textContent = words.now;
      dateLine.append(" ", label);
    }
    each("[data-today-jump]", function (jump) {
      jump.hidden = !todayCell;
      if (todayCell) { jump.querySelector("a").setAttribute("href", "#" + todayCell.id); }
    });
  }

  function correct(now) {
    var body = document.body;
    var built = body && body.getAttribute("data-built");
    var today = osloDay(now);
    if (!built || !body.hasAttribute("data-freshness") || today <= built) { return; }
    var words = JSON.parse(body.getAttribute("data-freshness"));
    hideEnded(now);
    hideOverDays(built, today);
    relabelDays(words, today);
    recount(words, today);
    markToday(words, today);
    each("[data-fresh-notice]", function (notice) { notice.hidden = false; });
  }

  correct(new Date());
  /* A tab left open overnight is corrected when it is looked at again. */
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { correct(new Date()); }
  });
}());
