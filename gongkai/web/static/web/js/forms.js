/* Forms that tell the visitor what went wrong (issue 11 items 23-24). A static file: the CSP forbids
   inline script. Everything here is an aid; the forms work without it.
   1. After a failed submission the first error gets focus (and is scrolled to).
   2. A field with a length limit says the limit beside it and how much is typed.
   3. Text typed into a form that the server refused as too large (413) is put back when the visitor
      returns to the form; the copy lives in this tab's sessionStorage only until then. */
(function () {
  "use strict";
  var SAVED = "gk-form-saved", RESTORE = "gk-form-restore", KEEP = 100000;

  function focusFirstError() {
    var first = document.querySelector("main .form-error, main .has-error, main [aria-invalid='true']");
    if (!first) { return; }
    var target = first;
    if (!first.matches("input, select, textarea")) {
      target = first.querySelector("input:not([type=hidden]), select, textarea") || first;
    }
    if (target === first && !first.matches("input, select, textarea")) {
      first.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    (first.scrollIntoView ? first : target).scrollIntoView({ block: "center" });
  }

  function counterText(field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10), used = field.value.length;
    if (used >= limit) { return "已达上限：最多 " + limit + " 字，超出部分无法输入或粘贴。"; }
    return "最多 " + limit + " 字，已输入 " + used + " 字。";
  }

  function addCounters() {
    var fields = document.querySelectorAll("main form textarea[maxlength]");
    Array.prototype.forEach.call(fields, function (field) {
      if (!field.id) { return; }
      var note = document.createElement("span");
      note.className = "helptext char-count";
      note.id = field.id + "_count";
      note.textContent = counterText(field);
      field.insertAdjacentElement("afterend", note);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
      var wasFull = false;
      field.addEventListener("input", function () {
        note.textContent = counterText(field);
        var full = field.value.length >= parseInt(field.getAttribute("maxlength"), 10);
        if (full !== wasFull) { note.setAttribute("aria-live", full ? "assertive" : "off"); }
        wasFull = full;
      });
    });
  }

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function saveOnSubmit() {
    document.addEventListener("submit", function (event) {
      var form = event.target, store = storage();
      if (!store || (form.method || "").toLowerCase() !== "post" || !form.closest("main")) { return; }
      var values = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "password" || el.type === "hidden" || el.type === "file") { return; }
        if (el.matches("textarea, input[type=text], input[type=email], input[type=tel], input:not([type])")) {
          values[el.name] = el.value.slice(0, KEEP);
        }
      });
      try {
        store.setItem(SAVED, JSON.stringify({ path: location.pathname, action: form.getAttribute("action") || "", values: values }));
      } catch (e) { /* quota: nothing kept */ }
    });
  }

  function restoreOrForget() {
    var store = storage();
    if (!store) { return; }
    var tooLarge = document.querySelector("[data-restore-form]");
    var raw = store.getItem(SAVED);
    if (tooLarge) {  // the 413/414 page: keep the copy for the way back
      if (raw) { store.setItem(RESTORE, "1"); }
      return;
    }
    if (!raw) { return; }
    var saved = null;
    try { saved = JSON.parse(raw); } catch (e) { saved = null; }
    if (store.getItem(RESTORE) && saved && saved.path === location.pathname) {
      Array.prototype.forEach.call(document.querySelectorAll("main form[method=post]"), function (form) {
        Object.keys(saved.values).forEach(function (name) {
          var el = form.elements.namedItem(name);
          if (el && el.matches && el.matches("textarea, input") && !el.value) { el.value = saved.values[name]; }
        });
      });
    }
    store.removeItem(SAVED);  // any other page: the submission went through, forget the copy
    store.removeItem(RESTORE);
  }

  function historyBack() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest("[data-history-back]");
      if (link && window.history.length > 1) { event.preventDefault(); window.history.back(); }
    });
  }

  function start() {
    restoreOrForget();
    addCounters();
    focusFirstError();
    saveOnSubmit();
    historyBack();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
