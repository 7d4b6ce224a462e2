/* The journal: a space to write under each step and reflection question ([data-answer]) of a
   journey's days. Answers stay in the page unless the reader ticks "Keep my answers on this
   device"; then, and only then, they are kept in this browser's localStorage under
   "sitegen-journal:<journey url>" ({"v": 1, "names": [..], "answers": {id: [col 1, col 2]}}).
   The key's presence is the opt-in. Nothing is ever sent anywhere. Texts come from the page
   (data-strings, in the site's language).
   The page shows what is kept: a keystroke saves only its own field, merged into what storage
   holds now, so another tab's answers survive; and another tab's changes, a restored file and a
   page brought back by Back are read again from storage. */
(function () {
  "use strict";

  var panel = document.querySelector("[data-journal]");
  var items = document.querySelectorAll("[data-answer]");
  if (!panel || !items.length) return;

  /* A text from the panel's data-strings, with {name} filled in: site.js's say(). */
  function say(key, values) {
    return window.sitegenSay(panel, key, values);
  }

  var key = "sitegen-journal:" + panel.getAttribute("data-journal");
  var couples = panel.getAttribute("data-audience") === "couples";
  var nameDays = panel.hasAttribute("data-name-days");
  var columns = couples ? 2 : 1;
  var keep = panel.querySelector("#journal-keep");
  /* Not in the markup, where HTML allows it on text fields only: it stops the browser from putting
     the box's old state back on Back, over what is kept. */
  keep.setAttribute("autocomplete", "off");
  var status = panel.querySelector(".journal-status");
  var nameInputs = Array.prototype.slice.call(panel.querySelectorAll(".journal-name"));
  var fields = [];  /* {id, column, textarea, label, mirror, item, kind, day, number} */

  /* --- storage --- */
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
  function forget() {
    try { if (storage()) storage().removeItem(key); } catch (e) { /* nothing was kept */ }
  }

  function setAnswer(data, field) {
    var pair = data.answers[field.id] || ["", ""];
    pair[field.column] = field.textarea.value;
    if (pair[0] || pair[1]) data.answers[field.id] = pair;
    else delete data.answers[field.id];
  }
  function partnerOf(input) { return Number(input.getAttribute("data-partner")); }
  /* One field or name, merged into what is kept now (another tab may have written since). */
  function saveField(field) {
    var data = stored();
    if (data !== null) { setAnswer(data, field); write(data); }
  }
  function saveName(input) {
    var data = stored();
    if (data !== null) { data.names[partnerOf(input)] = input.value; write(data); }
  }
  /* What the reader wrote on this page before opting in joins what is kept. */
  function keepPage(data) {
    fields.forEach(function (field) { if (field.textarea.value) setAnswer(data, field); });
    nameInputs.forEach(function (input) { if (input.value) data.names[partnerOf(input)] = input.value; });
    return write(data);
  }

  /* --- the page --- */
  function partnerName(column) {
    var input = nameInputs[column];
    var name = input ? input.value.trim() : "";
    return name || say("journal_partner_default", { number: column + 1 });
  }
  function labelText(field) {
    var values = { day: field.day, number: field.number, name: partnerName(field.column) };
    /* Each text named in full, so the theme's tests can see every one the script uses. */
    if (field.kind === "s") {
      if (nameDays) return couples ? say("journal_day_partner_answer_step", values) : say("journal_day_answer_step", values);
      return couples ? say("journal_partner_answer_step", values) : say("journal_answer_step", values);
    }
    if (nameDays) return couples ? say("journal_day_partner_answer_question", values) : say("journal_day_answer_question", values);
    return couples ? say("journal_partner_answer_question", values) : say("journal_answer_question", values);
  }
  /* Every label, or only those of one partner's column (when that partner's name changes). */
  function relabel(column) {
    fields.forEach(function (field) {
      if (column === undefined || field.column === column) field.label.textContent = labelText(field);
    });
  }
  function showAnswer(field) {
    field.mirror.textContent = field.textarea.value;
    field.mirror.classList.toggle("is-blank", !field.textarea.value.trim());
    var any = fields.some(function (f) { return f.item === field.item && f.textarea.value.trim(); });
    field.item.classList.toggle("has-answer", any);
  }

  /* The number the reader sees: a step's own "Step 3", or the item's place in its numbered list. */
  function shownNumber(item, kind) {
    if (kind === "s") {
      var lead = /^\s*\S+\s+(\d+)/.exec(item.textContent || "");
      if (lead) return Number(lead[1]);
    }
    var list = item.parentElement;
    var number = list && list.tagName === "OL" && list.hasAttribute("start") ? parseInt(list.getAttribute("start"), 10) : 1;
    if (isNaN(number)) number = 1;
    for (var sibling = list ? list.firstElementChild : null; sibling; sibling = sibling.nextElementSibling) {
      if (sibling.tagName !== "LI") continue;
      if (sibling.hasAttribute("value") && !isNaN(parseInt(sibling.getAttribute("value"), 10))) {
        number = parseInt(sibling.getAttribute("value"), 10);
      }
      if (sibling === item) break;
      number += 1;
    }
    return number;
  }

  function build() {
    items.forEach(function (item) {
      var id = item.getAttribute("data-answer");
      var parts = /^d(\d+)-([qs])(\d+)$/.exec(id || "");
      if (!parts) return;
      var number = shownNumber(item, parts[2]);
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
        textarea.setAttribute("autocomplete", "off");
        label.htmlFor = textarea.id;
        mirror.className = "journal-print is-blank";
        cell.appendChild(label);
        cell.appendChild(textarea);
        cell.appendChild(mirror);
        box.appendChild(cell);
        var field = { id: id, column: column, textarea: textarea, label: label, mirror: mirror, item: item,
                      kind: parts[2], day: Number(parts[1]), number: number };
        fields.push(field);
        textarea.addEventListener("input", (function (f) {
          return function () { showAnswer(f); saveField(f); };
        })(field));
      }
      item.classList.add("journal-item");
      if (couples) item.classList.add("has-pair");
      item.appendChild(box);
    });
    relabel();
  }

  function tell(text) { status.textContent = text; }

  /* Show what is kept (with `whileTyping`, leaving alone the control the reader is typing in).
     When nothing is kept any more but this page was keeping, its answers go too: they were removed
     elsewhere (Erase, or unticking, on another page). When something is kept but this page was not
     keeping, what the reader wrote here and the kept journal has no answer for joins it.
     Returns what changed: "removed", "kept" or "". */
  function refresh(whileTyping) {
    var data = stored();
    var wasKept = keep.checked;
    var typing = whileTyping ? document.activeElement : null;
    if (data === null) {
      if (!wasKept) return "";
      data = blank();
      typing = null;
      keep.checked = false;
      closeConfirm(stopBox, null);
    } else {
      keep.checked = true;
    }
    var adopted = false;
    fields.forEach(function (field) {
      if (field.textarea === typing) return;
      var pair = data.answers[field.id];
      var kept = pair ? pair[field.column] : "";
      if (!kept && !wasKept && field.textarea.value && keep.checked) { adopted = true; return; }
      field.textarea.value = kept;
      showAnswer(field);
    });
    nameInputs.forEach(function (input) {
      if (input === typing) return;
      var kept = (data.names[partnerOf(input)] || "").slice(0, input.maxLength > 0 ? input.maxLength : undefined);
      if (!kept && !wasKept && input.value && keep.checked) { adopted = true; return; }
      input.value = kept;
    });
    if (adopted) keepPage(stored() || blank());
    relabel();
    if (!keep.checked) return "removed";
    return wasKept ? "" : "kept";
  }

  /* --- asking once more, in the page (keyboard and screen readers included); focus starts on "No" --- */
  var stopBox = panel.querySelector(".journal-stop");
  var eraseBox = panel.querySelector(".journal-erase-confirm");
  var erase = panel.querySelector(".journal-erase");
  function openConfirm(box, hide) {
    if (hide) hide.hidden = true;
    box.hidden = false;
    box.querySelector(".journal-stop-no, .journal-erase-no").focus();
  }
  function closeConfirm(box, show) {
    if (!box || box.hidden) return;
    box.hidden = true;
    if (show) { show.hidden = false; show.focus(); }
  }
  function setUpConfirm(box, yesSelector, noSelector, back, onYes) {
    box.querySelector(noSelector).addEventListener("click", function () { closeConfirm(box, back()); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeConfirm(box, back()); }
    });
    box.querySelector(yesSelector).addEventListener("click", function () { onYes(); closeConfirm(box, back()); });
  }

  /* Unticking removes every day's kept answers from this device, so it asks first, as Erase does;
     the page keeps what is on it. */
  function setUpKeep() {
    if (!storage()) {
      keep.disabled = true;
      tell(say("journal_storage_off"));
      return;
    }
    keep.addEventListener("change", function () {
      if (keep.checked) {
        var saved = keepPage(stored() || blank());
        keep.checked = saved;
        tell(saved ? say("journal_kept") : say("journal_storage_off"));
      } else {
        keep.checked = true;
        if (!eraseBox.hidden) { eraseBox.hidden = true; erase.hidden = false; }
        openConfirm(stopBox, null);
      }
    });
    setUpConfirm(stopBox, ".journal-stop-yes", ".journal-stop-no", function () { return keep; }, function () {
      forget();
      keep.checked = false;
      tell(say("journal_not_kept"));
    });
  }

  function setUpErase() {
    erase.addEventListener("click", function () { closeConfirm(stopBox, null); openConfirm(eraseBox, erase); });
    setUpConfirm(eraseBox, ".journal-erase-yes", ".journal-erase-no", function () { return erase; }, function () {
      forget();
      fields.forEach(function (field) { field.textarea.value = ""; showAnswer(field); });
      nameInputs.forEach(function (input) { input.value = ""; });
      keep.checked = false;
      closeConfirm(stopBox, null);
      relabel();
      tell(say("journal_erased"));
    });
  }

  function sayWhatChanged(change) {
    if (change === "removed") tell(say("journal_removed_elsewhere"));
    else if (change === "kept") tell(say("journal_kept"));
  }

  build();
  refresh(false);
  setUpKeep();
  setUpErase();
  nameInputs.forEach(function (input) {
    input.addEventListener("input", function () { relabel(partnerOf(input)); saveName(input); });
  });
  document.addEventListener("sitegen:journey-restored", function () {
    if (refresh(false) === "kept") tell(say("journal_restored_kept"));
  });
  /* Another tab or window changed what is kept. */
  window.addEventListener("storage", function (event) {
    if (event.key === key || event.key === null) sayWhatChanged(refresh(true));
  });
  /* Back or Forward brought this page back as it was left; what is kept may have changed since. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) sayWhatChanged(refresh(false));
  });
  panel.hidden = false;
})();
