/* The journal: a space to write under each step and reflection question ([data-answer]) of a
   journey's days. Answers stay in the page unless the reader ticks "Keep my answers on this
   device"; then, and only then, they are kept in this browser's localStorage under
   "sitegen-journal:<journey url>" ({"v": 1, "names": [..], "answers": {id: [col 1, col 2]}}).
   The key's presence is the opt-in. Nothing is ever sent anywhere. Texts come from the page
   (data-strings, in the site's language). */
(function () {
  "use strict";

  /* A text from el's data-strings, with {name} filled in (as say() in site.js). */
  function say(el, key, values) {
    values = values || {};
    var table = {};
    try { table = JSON.parse(el.getAttribute("data-strings") || "{}"); } catch (e) { table = {}; }
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

  var panel = document.querySelector("[data-journal]");
  var items = document.querySelectorAll("[data-answer]");
  if (!panel || !items.length) return;

  var key = "sitegen-journal:" + panel.getAttribute("data-journal");
  var couples = panel.getAttribute("data-audience") === "couples";
  var columns = couples ? 2 : 1;
  var keep = panel.querySelector("#journal-keep");
  var status = panel.querySelector(".journal-status");
  var nameInputs = Array.prototype.slice.call(panel.querySelectorAll(".journal-name"));
  var fields = [];  /* {id, column, textarea, label, mirror, item, kind, number} */

  /* --- storage: read and written whole, so answers of other days are kept as they are --- */
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function blank() { return { v: 1, names: ["", ""], answers: {} }; }
  function stored() {
    var store = storage();
    var raw = null;
    try { raw = store ? store.getItem(key) : null; } catch (e) { raw = null; }
    if (raw === null) return null;
    var data;
    try { data = JSON.parse(raw); } catch (e) { return blank(); }
    if (!data || typeof data !== "object" || Array.isArray(data)) return blank();
    var clean = blank();
    if (Array.isArray(data.names)) {
      clean.names = [0, 1].map(function (i) { return typeof data.names[i] === "string" ? data.names[i] : ""; });
    }
    if (data.answers && typeof data.answers === "object" && !Array.isArray(data.answers)) {
      Object.keys(data.answers).forEach(function (id) {
        var pair = data.answers[id];
        if (Array.isArray(pair)) {
          clean.answers[id] = [0, 1].map(function (i) { return typeof pair[i] === "string" ? pair[i] : ""; });
        }
      });
    }
    return clean;
  }
  function write(data) {
    var store = storage();
    try { if (store) store.setItem(key, JSON.stringify(data)); return true; } catch (e) { return false; }
  }
  function optedIn() { return stored() !== null; }

  /* This page's answers and names, laid over what is kept (other days, a column this page does not show). */
  function withPage(data) {
    fields.forEach(function (field) {
      var pair = data.answers[field.id] || ["", ""];
      pair[field.column] = field.textarea.value;
      if (pair[0] || pair[1]) data.answers[field.id] = pair;
      else delete data.answers[field.id];
    });
    nameInputs.forEach(function (input) {
      data.names[Number(input.getAttribute("data-partner"))] = input.value;
    });
    return data;
  }
  function saveIfKept() {
    var data = stored();
    if (data !== null) write(withPage(data));
  }

  /* --- the page --- */
  function partnerName(column) {
    var input = nameInputs[column];
    var name = input ? input.value.trim() : "";
    return name || say(panel, "journal_partner_default", { number: column + 1 });
  }
  function labelText(field) {
    var values = { number: field.number, name: partnerName(field.column) };
    if (field.kind === "s") {
      return couples ? say(panel, "journal_partner_answer_step", values) : say(panel, "journal_answer_step", values);
    }
    return couples ? say(panel, "journal_partner_answer_question", values) : say(panel, "journal_answer_question", values);
  }
  function relabel() {
    fields.forEach(function (field) { field.label.textContent = labelText(field); });
  }
  function showAnswer(field) {
    field.mirror.textContent = field.textarea.value;
    field.mirror.classList.toggle("is-blank", !field.textarea.value.trim());
    var any = fields.some(function (f) { return f.item === field.item && f.textarea.value.trim(); });
    field.item.classList.toggle("has-answer", any);
  }

  function build() {
    items.forEach(function (item) {
      var id = item.getAttribute("data-answer");
      var parts = /^d\d+-([qs])(\d+)$/.exec(id || "");
      if (!parts) return;
      var box = document.createElement("div");
      box.className = "journal-answer" + (couples ? " is-pair" : "");
      box.setAttribute("data-pagefind-ignore", "");
      for (var column = 0; column < columns; column++) {
        var cell = document.createElement("div");
        cell.className = "journal-column";
        var label = document.createElement("label");
        var textarea = document.createElement("textarea");
        var mirror = document.createElement("div");
        textarea.id = "journal-" + id + "-" + (column + 1);
        textarea.rows = 3;
        label.htmlFor = textarea.id;
        mirror.className = "journal-print is-blank";
        cell.appendChild(label);
        cell.appendChild(textarea);
        cell.appendChild(mirror);
        box.appendChild(cell);
        var field = { id: id, column: column, textarea: textarea, label: label, mirror: mirror, item: item,
                      kind: parts[1], number: Number(parts[2]) };
        fields.push(field);
        textarea.addEventListener("input", (function (f) {
          return function () { showAnswer(f); saveIfKept(); };
        })(field));
      }
      item.classList.add("journal-item");
      if (couples) item.classList.add("has-pair");
      item.appendChild(box);
    });
    relabel();
  }

  /* Fill the page from what is kept (after a reload, or after keep.js restored a file). */
  function fill() {
    var data = stored();
    keep.checked = data !== null;
    if (data === null) return;
    fields.forEach(function (field) {
      var pair = data.answers[field.id];
      field.textarea.value = pair ? pair[field.column] : "";
      showAnswer(field);
    });
    nameInputs.forEach(function (input) { input.value = data.names[Number(input.getAttribute("data-partner"))] || ""; });
    relabel();
  }

  function tell(text) { status.textContent = text; }

  function setUpKeep() {
    if (!storage()) {
      keep.disabled = true;
      tell(say(panel, "journal_storage_off"));
      return;
    }
    keep.addEventListener("change", function () {
      if (keep.checked) {
        var saved = write(withPage(stored() || blank()));
        keep.checked = saved;
        tell(saved ? say(panel, "journal_kept") : say(panel, "journal_storage_off"));
      } else {
        try { storage().removeItem(key); } catch (e) { /* nothing was kept */ }
        tell(say(panel, "journal_not_kept"));
      }
    });
  }

  /* Erasing asks once more, in the page (keyboard and screen readers included); focus starts on "No". */
  function setUpErase() {
    var erase = panel.querySelector(".journal-erase");
    var confirmBox = panel.querySelector(".journal-confirm");
    var yes = panel.querySelector(".journal-erase-yes");
    var no = panel.querySelector(".journal-erase-no");
    function close() {
      confirmBox.hidden = true;
      erase.hidden = false;
      erase.focus();
    }
    erase.addEventListener("click", function () {
      erase.hidden = true;
      confirmBox.hidden = false;
      no.focus();
    });
    no.addEventListener("click", close);
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    yes.addEventListener("click", function () {
      try { if (storage()) storage().removeItem(key); } catch (e) { /* nothing was kept */ }
      fields.forEach(function (field) { field.textarea.value = ""; showAnswer(field); });
      nameInputs.forEach(function (input) { input.value = ""; });
      keep.checked = false;
      relabel();
      close();
      tell(say(panel, "journal_erased"));
    });
  }

  build();
  fill();
  setUpKeep();
  setUpErase();
  nameInputs.forEach(function (input) {
    input.addEventListener("input", function () { relabel(); saveIfKept(); });
  });
  document.addEventListener("sitegen:journey-restored", fill);
  panel.hidden = false;
})();
