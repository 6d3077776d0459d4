/* The submission forms ("Send inn arrangement" at send-inn/, an association's entry at
   send-inn/forening/): check a submission in the browser, show a preview, and produce the
   finished file to download, copy, send to the volunteer centre by e-mail or open pre-filled
   on the code host.

   Nothing about the format is written here. Field names and their order, required fields,
   lists, limits, the link, e-mail and picture rules, how repeats are written, example values
   and the validator's own messages (in the page's language) come from the form's schema,
   send-inn/skjema.json, which the build writes from the core (outputs/submission_form.py). So
   the form and `make validate` agree, and the file is laid out as submissions/writing.py
   writes one. The validator still checks the file before it is published.

   Submitted text is only ever shown with textContent. Problems follow Designsystemet's
   pattern: a message beside the field (aria-describedby, aria-invalid) and an error summary
   at the top that takes focus and links to each field. Without this script the page shows
   the format and the guide instead, and the form stays hidden. */
(function () {
  "use strict";
  var app = document.getElementById("skjema");
  if (!app || !window.fetch || !window.URLSearchParams || !window.Intl) return;

  var kind = app.getAttribute("data-kind"); // "event" or "association"
  var form = document.getElementById("skjema-felt");
  var fallback = document.querySelector(".form-fallback");
  var summary = document.getElementById("feiloversikt");
  var resultBox = document.getElementById("resultat");
  var resultText = document.getElementById("resultat-tekst");
  var resultStatus = resultBox.querySelector(".result-status");
  var previewBody = app.querySelector(".preview-body");
  var lang = document.documentElement.lang || "nb";
  var rightToLeft = document.documentElement.dir === "rtl";
  var schema = null;
  var rules = null;
  var entry = null; // the association's current entry, when the form was filled in from it
  var finished = null; // the file last made: {path, name, text, subject}
  var previewTimer = null;

  // --- Texts -----------------------------------------------------------------------------

  // The page's text for `key` (data-text-<key>), with its %(name)s placeholders filled in.
  function say(key, values) {
    return (app.getAttribute("data-text-" + key) || "").replace(/%\((\w+)\)s/g, function (match, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  // A schema text with {name} placeholders; a value may itself be a message ({code, params}),
  // and a placeholder without a value (an optional hint) is left empty, as the validator does.
  function fill(template, params) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      var value = params ? params[name] : undefined;
      if (value === undefined || value === null) return "";
      if (typeof value === "object") return message(value.code, value.params);
      return String(value);
    });
  }

  function message(code, params) {
    return fill(schema.messages[code], params);
  }

  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // --- Reading the controls --------------------------------------------------------------

  function control(name) {
    return form.elements[name] || app.querySelector('[name="' + name + '"]');
  }

  function inputsOf(name) {
    return Array.prototype.slice.call(app.querySelectorAll('[name="' + name + '"]'));
  }

  // A field value on one line, as the header format reads it (writing.one_line).
  function oneLine(text) {
    return String(text || "").normalize("NFC").split(/\s+/).filter(Boolean).join(" ");
  }

  function text(name) {
    var el = control(name);
    return el ? oneLine(el.value) : "";
  }

  function checkedValues(name) {
    return inputsOf(name).filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
  }

  function isChecked(name) {
    var el = control(name);
    return !!(el && el.checked);
  }

  function labelOf(name) {
    var el = document.getElementById("f-" + name) || document.getElementById("f-" + name + "-felt");
    return el ? el.getAttribute("data-name") || "" : "";
  }

  // Hidden parts of the form (times of an all-day event, the dates of a series that does
  // not repeat) are neither checked nor written.
  function isShown(name) {
    var el = inputsOf(name)[0];
    while (el && el !== form) {
      if (el.hidden) return false;
      el = el.parentElement;
    }
    return true;
  }

  // --- Dates ------------------------------------------------------------------------------

  function parts(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  }

  function utc(iso) {
    var p = parts(iso);
    return p ? Date.UTC(p[0], p[1] - 1, p[2]) : NaN;
  }

  function isoOf(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  function dayCount(first, last) {
    return Math.round((utc(last) - utc(first)) / 86400000);
  }

  // 2026-12-01, or 1.12.2026 (written as 2026-12-01), in the years the validator accepts.
  function readDate(written) {
    var iso = written;
    var m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(written);
    if (m) iso = m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    var p = parts(iso);
    if (!p || isoOf(utc(iso)) !== iso) return null;
    return p[0] >= schema.limits.firstYear && p[0] <= schema.limits.lastYear ? iso : null;
  }

  // "2026-12-01 18:00" plus minutes, in wall-clock time.
  function later(moment, minutes) {
    var date = moment.slice(0, 10), clock = moment.slice(11);
    var time = utc(date) + (Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3)) + minutes) * 60000;
    return new Date(time).toISOString().slice(0, 16).replace("T", " ");
  }

  function minutesBetween(start, end) {
    var a = utc(start.slice(0, 10)) / 60000 + Number(start.slice(11, 13)) * 60 + Number(start.slice(14));
    var b = utc(end.slice(0, 10)) / 60000 + Number(end.slice(11, 13)) * 60 + Number(end.slice(14));
    return b - a;
  }

  function weekdayIndex(iso) { // Monday 0 ... Sunday 6, as the schema's weekday names
    return (new Date(utc(iso)).getUTCDay() + 6) % 7;
  }

  function daysInMonth(iso) {
    var p = parts(iso);
    return new Date(Date.UTC(p[0], p[1], 0)).getUTCDate();
  }

  // Today in Oslo, where every date of the portal is.
  function today() {
    var found = {};
    new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).forEach(function (part) { found[part.type] = part.value; });
    return found.year + "-" + found.month + "-" + found.day;
  }

  // Day and month names from the browser's CLDR data, in the page's language.
  function longDate(iso) {
    return new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", year: "numeric",
      timeZone: "UTC" }).format(new Date(utc(iso)));
  }

  function weekdayName(iso) {
    return new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(new Date(utc(iso)));
  }

  function leftToRight(span) { // times read left to right inside right-to-left text too
    return rightToLeft ? "\u2066" + span + "\u2069" : span;
  }

  // --- The format's rules, from the schema -----------------------------------------------

  function characters(value) {
    return Array.from(value).length;
  }

  function limitOf(name) {
    var chars = schema.limits.chars;
    return chars[name] || chars[name.split("-")[0]] || chars.summary;
  }

  // submissions/values.has_unsafe_scheme: entities decoded, spaces and controls ignored.
  function hasUnsafeScheme(value) {
    var decoded = value;
    for (var i = 0; i < 2; i += 1) {
      decoded = new DOMParser().parseFromString("<!doctype html><body>" + decoded.replace(/</g, "&lt;"),
        "text/html").body.textContent;
    }
    var pattern = new RegExp(rules.unsafeTarget, "i");
    return pattern.test(decoded.replace(/[\s\x00-\x1f\x7f]+/g, "")) ||
      pattern.test(decoded.replace(/[\s\x00-\x1f\x7f]+/g, " "));
  }

  function isEmail(value) {
    return new RegExp(rules.email).test(value.trim());
  }

  // submissions/values.classify_link: "link" (http(s), mailto, tel, an e-mail address or
  // www.), "text" (no link) or "unsafe".
  function linkKind(value) {
    if (hasUnsafeScheme(value)) return "unsafe";
    if (isEmail(value)) return "link";
    if (/^www\./i.test(value) && value.indexOf(" ") < 0) return "link";
    var scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:/.exec(value);
    if (scheme && value.trim().indexOf(" ") < 0) {
      var name = scheme[1].toLowerCase();
      var safe = rules.safeSchemes.indexOf(name) >= 0 && (value.indexOf("://") >= 0 || name === "mailto" || name === "tel");
      return safe ? "link" : "unsafe";
    }
    return "text";
  }

  // submissions/fields.FieldReader.image: a picture in content/images/, no address, no SVG.
  function isPicture(value) {
    var path = value.replace(/^\/+/, "");
    var suffix = (/\.[^./]*$/.exec(path) || [""])[0].toLowerCase();
    return value.indexOf(":") < 0 && path.split("/").indexOf("..") < 0 && rules.imageSuffixes.indexOf(suffix) >= 0;
  }

  function picturePath(value) {
    var path = value.replace(/^\/+/, "");
    return path.split("/")[0] === "images" ? path : "images/" + path;
  }

  // submissions/values.slugify: "Tirsdagskaffe på Raufoss" -> "tirsdagskaffe-pa-raufoss".
  function slugify(value) {
    var folded = Array.from(value.toLowerCase()).map(function (c) {
      return Object.prototype.hasOwnProperty.call(rules.slugFold, c) ? rules.slugFold[c] : c;
    }).join("").normalize("NFKD");
    return folded.replace(/[^\x00-\x7f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // submissions/writing.source_text: "Key: value" lines in the format's order, a blank line,
  // the description, one newline at the end.
  function sourceText(fields, body, order) {
    var rank = {};
    order.forEach(function (name, index) { rank[name] = index; });
    function place(name) {
      if (name in rank) return [rank[name], 0];
      var base = name.split("-")[0];
      return [base in rank ? rank[base] : order.length, 1];
    }
    var names = Object.keys(fields).filter(function (name) { return oneLine(fields[name]); });
    names.sort(function (a, b) {
      var pa = place(a), pb = place(b);
      return pa[0] - pb[0] || pa[1] - pb[1];
    });
    var lines = names.map(function (name) { return keyOf(name) + ": " + oneLine(fields[name]); });
    var cleanBody = String(body || "").normalize("NFC").replace(/\r\n?/g, "\n").trim();
    return lines.join("\n") + "\n\n" + (cleanBody ? cleanBody + "\n" : "");
  }

  function keyOf(name) {
    if (schema.keys[name]) return schema.keys[name];
    var cut = name.lastIndexOf("-");
    var base = name.slice(0, cut);
    return schema.keys[base] ? schema.keys[base] + name.slice(cut) : capitalised(name);
  }

  // --- Checking ---------------------------------------------------------------------------

  function Check() {
    this.problems = [];
    this.fields = {};
  }

  Check.prototype.problem = function (name, code, params) {
    if (this.problems.some(function (p) { return p.name === name; })) return; // one message per field
    var values = { field: labelOf(name) };
    Object.keys(params || {}).forEach(function (key) { values[key] = params[key]; });
    this.problems.push({ name: name, text: message(code, values) });
  };

  Check.prototype.has = function (name) {
    return this.problems.some(function (p) { return p.name === name; });
  };

  // A field the format requires (schema.forms), for the control of the same name.
  function isRequired(field) {
    return schema.forms[kind].required.indexOf(field) >= 0;
  }

  // A one-line field: there if required (or if an example of what to write is given), and no
  // longer than the format allows.
  Check.prototype.text = function (name, field, example) {
    var value = isShown(name) ? text(name) : "";
    if (example === undefined && name === field && isRequired(field)) example = schema.examples[field] || "";
    if (!value && example !== undefined) {
      this.problem(name, "empty_field", { example: example });
    } else if (value && characters(value) > limitOf(field)) {
      this.problem(name, "value_too_long", { length: characters(value), limit: limitOf(field) });
    }
    return this.has(name) ? "" : value;
  };

  // A date picker (or a date typed into it); "" when empty or not a date (reported).
  Check.prototype.date = function (name, example) {
    var el = control(name);
    if (!el || !isShown(name)) return "";
    if (el.validity && el.validity.badInput) {
      this.problem(name, "bad_date", { value: labelOf(name) });
      return "";
    }
    var value = el.value.trim();
    if (!value) {
      if (example !== undefined) this.problem(name, "empty_field", { example: example });
      return "";
    }
    var iso = readDate(value);
    if (!iso) this.problem(name, "bad_date", { value: value });
    return iso || "";
  };

  Check.prototype.time = function (name, example) {
    var el = control(name);
    if (!el || !isShown(name)) return "";
    var value = el.validity && el.validity.badInput ? "" : el.value.trim().slice(0, 5);
    if (!/^\d{2}:\d{2}$/.test(value)) {
      if (example !== undefined) this.problem(name, "empty_field", { example: example });
      return "";
    }
    return value;
  };

  // A comma list of dates (Except, Cancelled-dates), written as 2026-12-29, 2027-03-30.
  Check.prototype.dates = function (name) {
    if (!isShown(name)) return "";
    var found = [];
    var self = this;
    text(name).split(/[,;]/).map(function (item) { return item.trim(); }).filter(Boolean).forEach(function (item) {
      var iso = readDate(item);
      if (!iso) self.problem(name, "bad_date", { value: item });
      else if (found.indexOf(iso) < 0) found.push(iso);
    });
    return self.has(name) ? "" : found.sort().join(", ");
  };

  Check.prototype.link = function (name, field, plainTextAllowed) {
    var value = this.text(name, field);
    var found = value ? linkKind(value) : "";
    if (found === "unsafe" || (found === "text" && !plainTextAllowed)) {
      this.problem(name, "unsafe_link", { value: value });
      return "";
    }
    return value;
  };

  // Text shown as written, where only phone numbers and e-mail addresses become links.
  Check.prototype.freeText = function (name, field) {
    var value = this.text(name, field);
    if (value && hasUnsafeScheme(value)) {
      this.problem(name, "unsafe_text", {});
      return "";
    }
    return value;
  };

  Check.prototype.picture = function (name, field) {
    var value = this.text(name, field);
    if (value && !isPicture(value)) {
      this.problem(name, "bad_image", { value: value });
      return "";
    }
    return value ? picturePath(value) : "";
  };

  Check.prototype.description = function () {
    var body = (control("description").value || "").normalize("NFC").replace(/\r\n?/g, "\n").trim();
    var brackets = Math.max(body.split("[").length, body.split("<").length) - 1;
    if (characters(body) > schema.limits.body) {
      this.problem("description", "body_too_long", { length: characters(body), limit: schema.limits.body });
    } else if (brackets > schema.limits.brackets) {
      this.problem("description", "body_markup", { count: brackets, limit: schema.limits.brackets });
    }
    return body;
  };

  Check.prototype.translations = function (base) {
    var self = this;
    schema.translations.forEach(function (code) {
      var name = base + "-" + code;
      if (control(name)) self.fields[name] = self.text(name, name);
    });
  };

  function vocabularyLabel(list, value) {
    var term = schema.vocabularies[list].filter(function (t) { return t.value === value; })[0];
    return term ? term.label : "";
  }

  function organizerName(slug) {
    var found = schema.organizers.filter(function (o) { return o.slug === slug; })[0];
    return found ? found.name : "";
  }

  // --- An event ---------------------------------------------------------------------------

  // What Repeat says for the choice, and how the preview says it.
  function repeatRule(check, choice, first) {
    if (!choice || !first) return null;
    var forms = schema.repeat.forms;
    var weekday = schema.repeat.weekdays[weekdayIndex(first)];
    var day = parts(first)[2];
    var nth = choice === "monthly-last" ? -1 : Math.ceil(day / 7);
    var rule = choice === "weekly" ? forms.weekly : choice === "biweekly" ? forms.biweekly :
      fill(forms.monthly, { nth: schema.repeat.ordinals[String(nth)], weekday: weekday });
    if (choice === "monthly-last" && day + 7 <= daysInMonth(first)) {
      check.problem("repeat", "bad_repeat", { value: rule, reason: { code: "repeat_start_not_in_rule", params: { start: first } } });
    }
    return { rule: rule, choice: choice === "monthly-last" ? "monthly" : choice, nth: nth };
  }

  function repeatPhrase(repeat, first) {
    var phrases = schema.phrases;
    var name = weekdayName(first);
    if (repeat.choice === "monthly") {
      return capitalised(fill(phrases.monthly, { weekday: fill(phrases.ordinals[String(repeat.nth)], { weekday: name }) }));
    }
    return capitalised(fill(phrases[repeat.choice], { weekdays: name }));
  }

  function collectEvent() {
    var check = new Check();
    var f = check.fields;
    var examples = schema.examples;
    f.title = check.text("title", "title");
    check.translations("title");
    var first = check.date("start-date", isRequired("start") ? examples["start-date"] : undefined);
    var allDay = isChecked("all-day");
    var startTime = check.time("start-time", examples["start-time"]);
    var endTime = check.time("end-time");
    var lastDay = check.date("end-date");
    if (first && !allDay && startTime) {
      f.start = first + " " + startTime;
      if (!endTime && !check.has("end-time")) {
        check.problem("end-time", "missing_end", { example: later(f.start, 120) });
      } else if (endTime) {
        var end = (lastDay || first) + " " + endTime;
        var minutes = minutesBetween(f.start, end);
        if (minutes <= 0) {
          check.problem("end-time", "end_before_start", { end: end, start: f.start, example: later(f.start, 120) });
        } else if (minutes > schema.limits.longestDays * 1440) {
          check.problem("end-date", "too_long", { days: Math.floor(minutes / 1440) });
        } else {
          f.end = end;
        }
      }
    } else if (first && allDay) {
      f.start = first;
      if (lastDay && lastDay < first) {
        check.problem("end-date", "end_before_start", { end: lastDay, start: first, example: first });
      } else if (lastDay && dayCount(first, lastDay) + 1 > schema.limits.longestDays) {
        check.problem("end-date", "too_long", { days: dayCount(first, lastDay) + 1 });
      } else if (lastDay && lastDay !== first) {
        f.end = lastDay;
      }
    }

    var repeat = repeatRule(check, text("repeat"), first);
    if (repeat) {
      var until = check.date("repeat-until");
      f.repeat = until ? fill(schema.repeat.forms.until, { rule: repeat.rule, date: until }) : repeat.rule;
      if (until && until < first) {
        check.problem("repeat-until", "bad_repeat", { value: f.repeat,
          reason: { code: "repeat_until_before_first", params: { until: until, first: first } } });
      } else if (until && dayCount(first, until) > 366 * schema.limits.repeatYears) {
        check.problem("repeat-until", "bad_repeat", { value: f.repeat,
          reason: { code: "repeat_until_too_far", params: { years: schema.limits.repeatYears } } });
      }
      f.except = check.dates("except");
    }
    f["cancelled-dates"] = check.dates("cancelled-dates");
    if (isChecked("status")) f.status = "cancelled";

    // A venue from the register gives the place; without one, Location is required.
    var venue = schema.venues.filter(function (v) { return v.slug === text("venue"); })[0];
    f.venue = venue ? venue.slug : "";
    f["step-free"] = text("step-free");
    var location = venue && !text("location") ? "" : check.text("location", "location");
    var postcode = text("place");
    var place = schema.places.filter(function (p) { return p.postcode === postcode; })[0];
    if (location && place && location.indexOf(place.postcode) < 0) location += ", " + place.postcode + " " + place.name;
    if (characters(location) > limitOf("location")) {
      check.problem("location", "value_too_long", { length: characters(location), limit: limitOf("location") });
    }
    f.location = location;
    f.organizer = check.text("organizer", "organizer");
    f.category = check.text("category", "category");
    f.audience = checkedValues("audience").join(", ");

    var price = checkedValues("price")[0];
    if (price === "free") {
      f.price = "gratis";
    } else if (price === "paid") {
      var amounts = [["price-adults", examples["price-adults"]], ["price-children"]].map(function (item) {
        var value = check.text(item[0], "price", item[1]);
        if (value && !/^\d{1,6}$/.test(value)) check.problem(item[0], "bad_price", { value: value });
        return check.has(item[0]) ? "" : value;
      }).filter(Boolean);
      f.price = amounts.join("/");
    }
    f.registration = check.link("registration", "registration", true);
    f.accessibility = check.text("accessibility", "accessibility");
    f.contact = check.freeText("contact", "contact");
    f.image = check.picture("image", "image");
    check.translations("summary");
    f.added = check.date("added");
    f.modified = check.date("modified");

    var written = text("slug");
    var slug = written ? slugify(written) : slugify(f.title) || (first ? "arrangement-" + first : "arrangement");
    if (written && !new RegExp(rules.slug).test(slug)) check.problem("slug", "bad_slug", { value: written });
    var body = check.description();

    // The file goes in the organizer's folder, named after the title; the name of another
    // event's file is not taken.
    var folder = schema.forms.event.folder + "/" + f.organizer + "/";
    var note = "";
    var taken = schema.eventFiles;
    if (taken[slug] && taken[slug] === folder + slug + ".md") {
      note = say("replaces", { path: taken[slug] });
    } else if (taken[slug]) {
      var number = 2;
      while (taken[slug + "-" + number]) number += 1;
      note = say("renamed", { slug: slug });
      slug = slug + "-" + number;
    }
    return {
      check: check,
      path: folder + slug + ".md",
      name: slug + ".md",
      text: sourceText(f, body, schema.forms.event.order),
      subject: say("mail-subject", { title: f.title }),
      note: note,
      preview: {
        title: f.title,
        when: eventWhen(first, allDay, startTime, endTime, lastDay, repeat),
        place: location || (venue ? venue.name + ", " + venue.address : ""),
        organizer: organizerName(f.organizer),
        category: vocabularyLabel("category", f.category),
        cancelled: f.status === "cancelled",
        body: body
      }
    };
  }

  function eventWhen(first, allDay, startTime, endTime, lastDay, repeat) {
    if (!first) return "";
    var times = allDay ? schema.phrases.allDay : startTime ? leftToRight(startTime + (endTime ? "–" + endTime : "")) : "";
    if (repeat) {
      return repeatPhrase(repeat, first) + " " + times + ". " + schema.phrases.next + " " + longDate(first);
    }
    var day = longDate(first) + (lastDay && lastDay > first ? "–" + longDate(lastDay) : "");
    return times ? day + ", " + times : day;
  }

  // The repeat choices in words for the chosen day: "Hver tirsdag", "Første tirsdag i måneden".
  function nameRepeatChoices() {
    var select = control("repeat");
    if (!select || !schema) return;
    var first = readDate(control("start-date").value || "");
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.getAttribute("data-general")) option.setAttribute("data-general", option.textContent);
      if (!option.value || !first) {
        option.textContent = option.getAttribute("data-general");
        option.disabled = false;
        return;
      }
      var last = option.value === "monthly-last";
      var repeat = { choice: last ? "monthly" : option.value, nth: last ? -1 : Math.ceil(parts(first)[2] / 7) };
      option.textContent = repeatPhrase(repeat, first);
      option.disabled = last && parts(first)[2] + 7 <= daysInMonth(first);
    });
  }

  // --- An association ---------------------------------------------------------------------

  function collectAssociation() {
    var check = new Check();
    var f = check.fields;
    f.name = check.text("name", "name");
    f.category = check.text("category", "category", schema.examples.associationCategory);
    var orgnr = check.text("orgnr", "orgnr");
    var digits = orgnr.replace(/ /g, "");
    if (orgnr && !/^\d+$/.test(digits)) {
      check.problem("orgnr", "bad_orgnr", { value: orgnr, reason: { code: "orgnr_format" } });
    } else if (orgnr && digits.length !== 9) {
      check.problem("orgnr", "bad_orgnr", { value: orgnr, reason: { code: "orgnr_length" } });
    }
    f.orgnr = check.has("orgnr") ? "" : orgnr;
    var email = check.text("email", "email").replace(/^mailto:/i, "");
    if (email && !isEmail(email)) check.problem("email", "bad_email", { value: email });
    f.email = check.has("email") ? "" : email;
    f.phone = check.text("phone", "phone");
    f.website = check.link("website", "website", false);
    f.address = check.text("address", "address");
    f.audience = checkedValues("audience").join(", ");
    f.membership = check.text("membership", "membership");
    f.contact = check.freeText("contact", "contact");
    f.logo = check.picture("logo", "logo");
    check.translations("summary");
    f.modified = check.date("modified");
    // Fields of the entry the form has no place for (a translation into a language the site
    // does not show, its Slug) are kept as they are.
    if (entry) {
      Object.keys(entry.fields).forEach(function (name) {
        if (!inputsOf(name).length && !(name in f)) f[name] = entry.fields[name];
      });
    }
    var body = check.description();

    var folder = schema.forms.association.folder + "/";
    var path = entry ? entry.path : "";
    var note = "";
    if (!path) {
      var slug = slugify(f.name) || "forening";
      var taken = schema.organizers.map(function (o) { return o.slug; });
      if (taken.indexOf(slug) >= 0) {
        var number = 2;
        while (taken.indexOf(slug + "-" + number) >= 0) number += 1;
        slug = slug + "-" + number;
      }
      path = folder + slug + ".md";
    } else {
      note = say("replaces", { path: path });
    }
    return {
      check: check,
      path: path,
      name: path.split("/").pop(),
      text: sourceText(f, body, schema.forms.association.order),
      subject: say("mail-subject", { name: f.name }),
      note: note,
      preview: {
        title: f.name,
        when: "",
        place: f.address,
        organizer: "",
        category: vocabularyLabel("associationCategory", f.category),
        cancelled: false,
        body: body
      }
    };
  }

  function collect() {
    return kind === "association" ? collectAssociation() : collectEvent();
  }

  // --- Showing problems -------------------------------------------------------------------

  // The element a message describes: the control, or the group of check boxes or radios.
  function describedElement(name) {
    return document.getElementById("f-" + name) || document.getElementById("f-" + name + "-felt");
  }

  function focusTarget(name) {
    return document.getElementById("f-" + name) || inputsOf(name)[0];
  }

  function describe(el, id, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
    if (on) ids.push(id);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  // Messages change only when the file is made again: a message that vanished as a field
  // lost focus would move the form under the pointer.
  function showProblems(problems, moveFocus) {
    problems = problems.slice().sort(function (a, b) { // in the order of the form
      var ea = focusTarget(a.name), eb = focusTarget(b.name);
      return ea && eb && ea !== eb ? (ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1) : 0;
    });
    Array.prototype.forEach.call(app.querySelectorAll(".field-error"), function (el) {
      var name = el.id.replace(/^f-/, "").replace(/-feil$/, "");
      var shown = problems.filter(function (p) { return p.name === name; })[0];
      el.textContent = shown ? shown.text : "";
      el.hidden = !shown;
      var described = describedElement(name);
      if (described) describe(described, el.id, !!shown);
      inputsOf(name).forEach(function (input) {
        if (shown) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
    });
    // A field with a message inside the folded part of the form is unfolded, so it can be seen
    // and reached from the summary.
    problems.forEach(function (problem) {
      var target = focusTarget(problem.name);
      var folded = target && target.closest ? target.closest("details") : null;
      if (folded) folded.open = true;
    });
    var list = summary.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (problem) {
      var target = focusTarget(problem.name);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (target ? target.id : "");
      link.textContent = problem.text;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var label = target && document.querySelector('label[for="' + target.id + '"]');
        (label || target).scrollIntoView({ block: "center" });
        if (target) target.focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = problems.length === 0;
    if (moveFocus && problems.length) summary.focus();
  }

  // --- The preview ------------------------------------------------------------------------

  // The preview is built once and its texts changed in place, so the live region reads out
  // only what changed, and only once the typing has paused.
  var preview = null;

  function buildPreview() {
    var card = document.createElement("article");
    card.className = "summary preview-card";
    function part(parent, tag, className, asWritten) {
      var el = document.createElement(tag);
      el.className = className;
      // What the submitter writes is Norwegian, also inside the other languages' pages.
      if (asWritten && lang !== "nb") el.lang = "nb";
      parent.appendChild(el);
      return el;
    }
    preview = { empty: previewBody.querySelector(".empty"), card: card };
    preview.heading = part(card, "h3", "summary-title", false);
    preview.badge = part(preview.heading, "strong", "badge badge-cancelled", false);
    preview.badge.textContent = schema.phrases.cancelled;
    preview.heading.appendChild(document.createTextNode(" "));
    preview.title = part(preview.heading, "span", "preview-title", true);
    preview.when = part(card, "p", "summary-when", false);
    preview.meta = part(card, "p", "occ-meta", false);
    preview.place = part(preview.meta, "span", "occ-place", true);
    preview.meta.appendChild(document.createTextNode(" "));
    preview.organizer = part(preview.meta, "span", "occ-organizer", true);
    preview.category = part(card, "p", "preview-category", false);
    preview.body = part(card, "div", "preview-description", true);
    previewBody.appendChild(card);
  }

  function setText(el, value) {
    if (el.textContent !== value) el.textContent = value;
    el.hidden = !value;
  }

  function updatePreview() {
    var shown = collect().preview;
    if (!preview) buildPreview();
    setText(preview.title, shown.title);
    preview.badge.hidden = !shown.cancelled;
    preview.heading.hidden = !shown.title && !shown.cancelled;
    setText(preview.when, shown.when);
    setText(preview.place, shown.place);
    setText(preview.organizer, shown.organizer);
    preview.meta.hidden = !shown.place && !shown.organizer;
    setText(preview.category, shown.category);
    var paragraphs = shown.body ? shown.body.split(/\n\s*\n/) : [];
    var now = Array.prototype.map.call(preview.body.children, function (p) { return p.textContent; });
    if (now.join("\n\n") !== paragraphs.join("\n\n")) {
      preview.body.textContent = "";
      paragraphs.forEach(function (paragraph) {
        var p = document.createElement("p");
        p.textContent = paragraph;
        preview.body.appendChild(p);
      });
    }
    preview.body.hidden = !paragraphs.length;
    var anything = shown.title || shown.when || shown.place || shown.category || paragraphs.length;
    preview.card.hidden = !anything;
    if (preview.empty) preview.empty.hidden = !!anything;
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(updatePreview, 700);
  }

  // --- The finished file ------------------------------------------------------------------

  function showResult(made) {
    finished = made;
    resultBox.querySelector(".result-path").textContent = made.path;
    var note = resultBox.querySelector(".result-note");
    note.textContent = made.note;
    note.hidden = !made.note;
    resultText.value = made.text;
    resultStatus.textContent = "";
    var mail = resultBox.querySelector('[data-action="mail"]');
    if (mail) {
      var body = say("mail-body", { path: "content/" + made.path }) + "\r\n\r\n" + made.text.replace(/\n/g, "\r\n");
      var href = "mailto:" + schema.send.email + "?subject=" + encodeURIComponent(made.subject) +
        "&body=" + encodeURIComponent(body);
      showLink(mail, "mail", href, href.length <= schema.send.mailtoLimit);
    }
    var repository = resultBox.querySelector('[data-action="repository"]');
    if (repository && schema.send.repository) {
      var host = schema.send.repository;
      var folder = made.path.slice(0, made.path.length - made.name.length);
      var url = host.folderUrl + folder + "?" + host.nameParameter + "=" + encodeURIComponent(made.name) +
        "&" + host.textParameter + "=" + encodeURIComponent(made.text);
      showLink(repository, "repository", url, url.length <= schema.send.repositoryLimit);
    }
    resultBox.hidden = false;
    document.getElementById("resultat-tittel").focus();
  }

  // A link that carries the file, or the note that the file is too long for a link.
  function showLink(link, name, href, fits) {
    link.href = fits ? href : "#";
    link.hidden = !fits;
    resultBox.querySelector('[data-too-long="' + name + '"]').hidden = fits;
  }

  function hideResult() {
    resultBox.hidden = true;
    finished = null;
  }

  function download() {
    var blob = new Blob([finished.text], { type: "text/markdown;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = finished.name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    resultStatus.textContent = say("downloaded", { name: finished.name });
  }

  // Copy with the clipboard API; where it is not allowed, mark the text for Ctrl+C.
  function copy() {
    function select() {
      resultText.focus();
      resultText.select();
      resultStatus.textContent = say("copy-select");
    }
    if (!navigator.clipboard || !window.isSecureContext) {
      select();
      return;
    }
    navigator.clipboard.writeText(finished.text).then(function () {
      resultStatus.textContent = say("copied");
    }, select);
  }

  // --- Filling in an association's current entry ------------------------------------------

  function setValue(name, value) {
    var inputs = inputsOf(name);
    if (!inputs.length) return;
    if (inputs[0].type === "checkbox") {
      var chosen = String(value || "").split(/\s*,\s*/);
      inputs.forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
    } else {
      inputs[0].value = value || "";
    }
  }

  function fillFromEntry(found) {
    entry = found;
    form.reset();
    Object.keys(found.fields).forEach(function (name) { setValue(name, found.fields[name]); });
    setValue("description", found.body);
    setValue("modified", today());
  }

  function chooseEntry(slug) {
    var status = app.querySelector(".entry-status");
    hideResult();
    if (!slug) {
      entry = null;
      form.reset();
      setValue("modified", today());
      status.textContent = "";
      refresh();
      return;
    }
    fetch(app.getAttribute("data-entries") + encodeURIComponent(slug) + ".json").then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (found) {
      fillFromEntry(found);
      status.textContent = say("entry-loaded", { name: found.fields.name || slug });
      refresh();
    }).catch(function () {
      status.textContent = say("entry-failed");
    });
  }

  // --- Starting ---------------------------------------------------------------------------

  // Parts that belong to a choice: the times unless all-day, the series dates with a repeat,
  // the amounts when it costs money.
  function showDependentParts() {
    Array.prototype.forEach.call(app.querySelectorAll("[data-shown-unless]"), function (el) {
      el.hidden = isChecked(el.getAttribute("data-shown-unless"));
    });
    Array.prototype.forEach.call(app.querySelectorAll("[data-shown-with]"), function (el) {
      var rule = el.getAttribute("data-shown-with").split("=");
      var value = rule[0] === "price" ? checkedValues("price")[0] || "" : text(rule[0]);
      el.hidden = rule.length > 1 ? value !== rule[1] : !value;
    });
  }

  function refresh() {
    showDependentParts();
    nameRepeatChoices();
    updatePreview();
  }

  function addDate(name) {
    var picker = app.querySelector('[data-adds-to="' + name + '"]');
    var list = control(name);
    if (!picker.value) {
      picker.focus();
      return;
    }
    var items = list.value.split(/[,;]/).map(function (item) { return item.trim(); }).filter(Boolean);
    if (items.indexOf(picker.value) < 0) items.push(picker.value);
    list.value = items.sort().join(", ");
    picker.value = "";
    list.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function start(loaded) {
    schema = loaded;
    rules = schema.rules;
    fallback.hidden = true;
    app.hidden = false;
    var params = new URLSearchParams(location.search);
    if (kind === "event") {
      setValue("added", today());
      if (params.get("arrangor")) setValue("organizer", params.get("arrangor"));
    } else {
      setValue("modified", today());
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var made = collect();
      showProblems(made.check.problems, true);
      if (made.check.problems.length) hideResult();
      else showResult(made);
    });
    form.addEventListener("input", function () {
      if (finished) hideResult();
      schedulePreview();
    });
    form.addEventListener("change", function () {
      if (finished) hideResult();
      refresh();
    });
    app.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-add-date], [data-action]") : null;
      if (!target) return;
      if (target.hasAttribute("data-add-date")) addDate(target.getAttribute("data-add-date"));
      else if (target.getAttribute("data-action") === "download") download();
      else if (target.getAttribute("data-action") === "copy") copy();
    });
    var picker = document.getElementById("f-entry");
    if (picker) {
      picker.addEventListener("change", function () { chooseEntry(picker.value); });
      var wanted = params.get("forening");
      if (wanted && Array.prototype.some.call(picker.options, function (o) { return o.value === wanted; })) {
        picker.value = wanted;
        chooseEntry(wanted);
      }
    }
    refresh();
  }

  fetch(app.getAttribute("data-schema")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(start).catch(function () {
    var note = document.createElement("p");
    note.className = "notice";
    note.setAttribute("role", "status");
    note.textContent = say("unavailable");
    var heading = fallback.querySelector("h2");
    fallback.insertBefore(note, heading.nextSibling);
  });
})();
