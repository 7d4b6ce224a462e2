/* Keep a journey: save progress and answers to a file, restore them, and make calendar reminders.
   Everything happens in this browser; nothing is sent anywhere. Texts come from the panel's
   data-strings, in the site's language. */
(function () {
  "use strict";

  var FORMAT = "sitegen-journey";
  var VERSION = 1;
  var JOURNAL_VERSION = 1;
  var MAX_FILE_BYTES = 5 * 1024 * 1024;

  var say = window.sitegenSay;  /* site.js's: a text from el's data-strings, {name} filled in */

  var panel = document.querySelector(".keep-panel");
  var journeyEl = document.querySelector("[data-journey]");
  if (!panel || !journeyEl) return;
  var journeyUrl = journeyEl.getAttribute("data-journey");
  var total = Number(journeyEl.getAttribute("data-total")) || 0;
  var slug = panel.getAttribute("data-slug") || "journey";
  var title = panel.getAttribute("data-title") || "";
  var progressKey = "sitegen-progress:" + journeyUrl;
  var journalKey = "sitegen-journal:" + journeyUrl;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localDate(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  /* ---- Save and restore ------------------------------------------------------------------ */

  function read(key) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw === null ? null : JSON.parse(raw);
    } catch (e) { return null; }
  }

  /* A file holds only days of the journey as it is now: after the writer shortens it, storage
     may still hold later days (left there, they do no harm), which a restore would leave out. */
  function saveToFile() {
    var progress = read(progressKey);
    progress = Array.isArray(progress) ? progress.filter(isDayNumber) : [];
    var journal = read(journalKey);
    if (!journal || typeof journal !== "object" || Array.isArray(journal)) journal = null;
    if (journal && isPlainObject(journal.answers)) journal = withAnswers(journal, daysOfJourney(journal.answers).kept);
    var name = slug + "-" + localDate(new Date()) + ".json";
    var data = {
      format: FORMAT, version: VERSION, journey: journeyUrl, title: title,
      saved: new Date().toISOString(), progress: progress, journal: journal
    };
    download(name, "application/json", JSON.stringify(data, null, 2) + "\n");
    var status = say(panel, "keep_saved", { file: name });
    if (journal) status += " " + say(panel, "keep_saved_answers");
    panel.querySelector(".keep-status").textContent = status;
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function isDayNumber(value) {
    return typeof value === "number" && Math.floor(value) === value && value >= 1 && value <= total;
  }
  function isSomeDay(value) {
    return Number.isSafeInteger(value) && value >= 1;
  }
  function dayOfAnswer(id) {
    var found = /^d(\d+)-[qs][1-9]\d*$/.exec(id);
    return found ? Number(found[1]) : null;
  }
  /* The answers of days this journey has, and the numbers of the days it no longer has. */
  function daysOfJourney(answers) {
    var kept = {};
    var gone = [];
    Object.keys(answers).forEach(function (id) {
      var day = dayOfAnswer(id);
      if (isDayNumber(day)) kept[id] = answers[id];
      else gone.push(day);
    });
    return { kept: kept, gone: gone };
  }
  function withAnswers(journal, answers) {
    var copy = {};
    Object.keys(journal).forEach(function (key) { copy[key] = journal[key]; });
    copy.answers = answers;
    return copy;
  }
  function allStrings(list, most) {
    return Array.isArray(list) && list.length <= most && list.every(function (s) { return typeof s === "string"; });
  }

  /* The journal object as journal.js keeps it: {"v": 1, "names": [...], "answers": {"d3-q2": [...]}}.
     Why it cannot be restored here, in words for the reader, or null when it can. */
  function journalProblem(journal, file) {
    var values = { file: file };
    if (journal === null) return null;
    if (!isPlainObject(journal) || typeof journal.v !== "number" || Math.floor(journal.v) !== journal.v || journal.v < 1) {
      return say(panel, "keep_bad_answers", values);
    }
    if (journal.v > JOURNAL_VERSION) return say(panel, "keep_newer_version", values);
    if (!allStrings(journal.names, 2) || !isPlainObject(journal.answers)) return say(panel, "keep_bad_answers", values);
    var ids = Object.keys(journal.answers);
    for (var i = 0; i < ids.length; i++) {
      if (!isSomeDay(dayOfAnswer(ids[i])) || !allStrings(journal.answers[ids[i]], 2)) {
        return say(panel, "keep_bad_answers", values);
      }
    }
    return null;
  }

  /* Why a saved file cannot be restored here, in words for the reader, or null when it can. */
  function problemWith(data, file) {
    var values = { file: file };
    if (!isPlainObject(data) || data.format !== FORMAT ||
        typeof data.version !== "number" || Math.floor(data.version) !== data.version || data.version < 1 ||
        typeof data.journey !== "string") {
      return say(panel, "keep_not_journey_file", values);
    }
    if (data.version > VERSION) return say(panel, "keep_newer_version", values);
    if (data.journey !== journeyUrl) {
      values.journey = typeof data.title === "string" && data.title ? data.title.slice(0, 200) : data.journey;
      return say(panel, "keep_other_journey", values);
    }
    if (!Array.isArray(data.progress) || !data.progress.every(isSomeDay)) return say(panel, "keep_bad_progress", values);
    if (!Object.prototype.hasOwnProperty.call(data, "journal")) return say(panel, "keep_bad_answers", values);
    return journalProblem(data.journal, file);
  }

  /* Writes both keys, or neither: if the browser refuses one, what was there before is put back. */
  function writeAll(progress, journal) {
    var before = {};
    var keys = [progressKey, journalKey];
    try {
      keys.forEach(function (key) { before[key] = window.localStorage.getItem(key); });
      if (progress.length) window.localStorage.setItem(progressKey, JSON.stringify(progress));
      else window.localStorage.removeItem(progressKey);
      if (journal) window.localStorage.setItem(journalKey, JSON.stringify(journal));
      return true;
    } catch (e) {
      try {
        keys.forEach(function (key) {
          if (before[key] === null || before[key] === undefined) window.localStorage.removeItem(key);
          else window.localStorage.setItem(key, before[key]);
        });
      } catch (ignored) { /* storage is off altogether: nothing was written either */ }
      return false;
    }
  }

  function restore(file, status) {
    var values = { file: file.name };
    if (file.size > MAX_FILE_BYTES) { status.textContent = say(panel, "keep_too_large", values); return; }
    file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (e) { status.textContent = say(panel, "keep_not_json", values); return; }
      var problem = problemWith(data, file.name);
      if (problem) { status.textContent = problem; return; }
      /* Days the journey no longer has (the writer shortened it) are left out, and counted. */
      var gone = data.progress.filter(function (n) { return !isDayNumber(n); });
      var progress = data.progress.filter(function (n, at) { return isDayNumber(n) && data.progress.indexOf(n) === at; });
      progress.sort(function (a, b) { return a - b; });
      var journal = data.journal;
      if (journal) {
        var answers = daysOfJourney(journal.answers);
        gone = gone.concat(answers.gone);
        journal = withAnswers(journal, answers.kept);
      }
      if (!writeAll(progress, journal)) { status.textContent = say(panel, "keep_storage_full", values); return; }
      var said = say(panel, "keep_restored", { file: file.name, count: progress.length });
      gone = gone.filter(function (n, at) { return gone.indexOf(n) === at; });
      if (gone.length) said += " " + say(panel, "keep_left_out", { count: gone.length });
      if (journal) said += " " + say(panel, "keep_restored_answers");
      status.textContent = said;
      document.dispatchEvent(new CustomEvent("sitegen:journey-restored"));
    }, function () { status.textContent = say(panel, "keep_unreadable", values); });
  }

  /* ---- Calendar reminders (RFC 5545) --------------------------------------------------------- */

  function escapeText(value) {
    return String(value)
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function utf8Length(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /* A content line folded at 75 octets, never inside a character; each fold starts with a space. */
  function fold(line) {
    var out = "";
    var used = 0;
    var limit = 75;
    for (var ch of line) {
      var size = utf8Length(ch.codePointAt(0));
      if (used + size > limit) {
        out += "\r\n ";
        used = 1;
      }
      out += ch;
      used += size;
    }
    return out;
  }

  /* The day's topic as the plan shows it: the item's own words, without its number or badges. */
  function dayTopic(item) {
    if (!item) return "";
    var holder = item.querySelector("a") || item;
    var text = "";
    holder.childNodes.forEach(function (node) { if (node.nodeType === 3) text += node.textContent; });
    return text.replace(/\s+/g, " ").trim();
  }

  function stamp(date) {
    return date.getUTCFullYear() + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()) + "T" +
      pad(date.getUTCHours()) + pad(date.getUTCMinutes()) + pad(date.getUTCSeconds()) + "Z";
  }

  /* A later file's events replace an earlier file's: the same UID for the same day of the
     journey, and a SEQUENCE that grows with the time the file was made (seconds since 2020,
     well inside the standard's 32-bit integer until 2088). */
  function revision(now) {
    return Math.max(0, Math.floor((now.getTime() - Date.UTC(2020, 0, 1)) / 1000));
  }

  /* How many days after the start a day falls: the plan's weeks are calendar weeks, so a journey
     of five days a week leaves two free days before each new week begins. */
  function dayOffset(item, number) {
    var week = item && item.closest(".plan-week");
    if (!week) return number - 1;
    var weeks = Array.prototype.slice.call(document.querySelectorAll(".plan-week"));
    var days = Array.prototype.slice.call(week.querySelectorAll(".day-item"));
    return weeks.indexOf(week) * 7 + days.indexOf(item);
  }

  function dayEvent(number, start, time, alert, now) {
    var item = document.querySelector('.day-item[data-day="' + number + '"]');
    var written = item && item.getAttribute("data-url");
    var link = new URL(written || journeyUrl, document.baseURI).href;
    var minutes = item && Number(item.getAttribute("data-minutes"));
    var on = new Date(0);
    on.setUTCFullYear(start[0], start[1] - 1, start[2] + dayOffset(item, number));  /* Date.UTC would read year 50 as 1950 */
    var summary = say(panel, "reminder_summary", { number: number, topic: dayTopic(item), journey: title });
    var about = { number: number, journey: title, url: link };
    var description = written ? say(panel, "reminder_description", about) : say(panel, "reminder_planned", about);
    var lines = [
      "BEGIN:VEVENT",
      "UID:" + escapeText(slug + "-day-" + number + "@" + (window.location.host || "sitegen")),
      "DTSTAMP:" + stamp(now),
      "SEQUENCE:" + revision(now),
      "DTSTART:" + ("000" + on.getUTCFullYear()).slice(-4) + pad(on.getUTCMonth() + 1) + pad(on.getUTCDate()) + "T" + time[0] + time[1] + "00",
      "DURATION:PT" + (minutes > 0 && Math.floor(minutes) === minutes ? minutes : 15) + "M",
      "SUMMARY:" + escapeText(summary),
      "DESCRIPTION:" + escapeText(description),
      "URL:" + link
    ];
    if (alert !== "") {
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escapeText(summary),
        "TRIGGER:" + (alert === "0" ? "PT0S" : "-PT" + alert + "M"), "END:VALARM");
    }
    lines.push("END:VEVENT");
    return lines;
  }

  function calendar(start, time, alert) {
    var now = new Date();
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//Journey reminders//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    for (var n = 1; n <= total; n++) lines = lines.concat(dayEvent(n, start, time, alert, now));
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function makeReminders(form, status) {
    var start = /^(\d{4})-(\d{2})-(\d{2})$/.exec(form.elements.start.value);
    var time = /^(\d{2}):(\d{2})/.exec(form.elements.time.value);
    if (!start) { status.textContent = say(panel, "reminders_need_date"); form.elements.start.focus(); return; }
    if (!time) { status.textContent = say(panel, "reminders_need_time"); form.elements.time.focus(); return; }
    var alert = form.elements.alert.value;
    if (["", "0", "10", "60"].indexOf(alert) === -1) alert = "";
    var name = slug + "-reminders.ics";
    var text = calendar([Number(start[1]), Number(start[2]), Number(start[3])], [time[1], time[2]], alert);
    download(name, "text/calendar", text);
    status.textContent = say(panel, "reminders_made", { file: name, count: total });
  }

  /* ---- Wiring ------------------------------------------------------------------------------ */

  panel.hidden = false;
  panel.querySelector(".keep-save").addEventListener("click", saveToFile);
  var input = panel.querySelector("#keep-restore-file");
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (file) restore(file, panel.querySelector(".keep-status"));
    input.value = "";
  });
  var form = panel.querySelector("form.reminders");
  if (!form.elements.start.value) form.elements.start.value = localDate(new Date());
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    makeReminders(form, panel.querySelector(".reminders-status"));
  });
})();
