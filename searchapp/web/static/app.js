// Progressive enhancement only: every page works without this script (links and GET forms).
// What it adds: "/" focuses the search box; clean permalinks; sort and page size apply on
// change; on phones the filters open as a sheet over the results; after a facet click the
// keyboard focus comes back to the facet value clicked (not to the top of the page).
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");
  var NARROW = window.matchMedia("(max-width: 799.98px)");
  var KEY = "searchapp.facet";

  // "/" anywhere outside a text field focuses the search box (as on many search sites).
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var q = document.getElementById("q");
    if (q) { e.preventDefault(); q.focus(); q.select(); }
  });

  // Clean permalinks: leave empty fields and default choices out of the submitted URL, so the
  // search box gives "/search?q=5G" rather than "/search?q=5G&from=&to=&sort=relevance&size=10".
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains("searchform")) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      var dflt = el.getAttribute("data-default");
      if (el.value === "" || (dflt !== null && el.value === dflt)) el.disabled = true;
    });
    // re-enable after navigation starts, so going back shows a usable form
    setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
    }, 0);
  });

  // Sort and page size take effect as soon as they change (dates still wait for 应用).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
    }
  });

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var sheet = document.getElementById("filters");
    var toggle = document.querySelector(".filter-toggle");
    var done = sheet && sheet.querySelector(".sheet-done");
    var outside = Array.prototype.slice.call(document.querySelectorAll(
      ".skips, header.top, .searchform, .results, footer.foot"));

    function isOpen() { return !!sheet && sheet.classList.contains("open"); }

    function open(focusTarget) {
      if (!sheet) return;
      sheet.classList.add("open");
      sheet.setAttribute("role", "dialog");
      sheet.setAttribute("aria-modal", "true");
      document.body.classList.add("sheet-open");
      outside.forEach(function (el) { el.inert = true; });
      if (toggle) toggle.setAttribute("aria-expanded", "true");
      if (done) done.hidden = false;
      (focusTarget || sheet).focus();
    }

    function close() {
      if (!isOpen()) return;
      sheet.classList.remove("open");
      sheet.removeAttribute("role");
      sheet.removeAttribute("aria-modal");
      document.body.classList.remove("sheet-open");
      outside.forEach(function (el) { el.inert = false; });
      if (toggle) { toggle.setAttribute("aria-expanded", "false"); toggle.focus(); }
      if (done) done.hidden = true;
    }

    if (toggle && sheet) {
      toggle.setAttribute("role", "button");
      toggle.setAttribute("aria-expanded", "false");
      toggle.addEventListener("click", function (e) {
        if (!NARROW.matches) return; // wide screens: the filters are beside the results
        e.preventDefault();
        if (isOpen()) close(); else open();
      });
      toggle.addEventListener("keydown", function (e) {
        if (e.key === " ") { e.preventDefault(); toggle.click(); } // a button answers Space too
      });
    }
    if (done) done.addEventListener("click", close);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
    NARROW.addEventListener("change", function () { if (!NARROW.matches) close(); });

    // A facet click reloads the page: remember which value it was, and where the user was.
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[data-facet]");
      if (!a) return;
      try {
        sessionStorage.setItem(KEY, JSON.stringify({
          facet: a.getAttribute("data-facet"), value: a.getAttribute("data-value"),
          sheet: isOpen()}));
      } catch (err) { /* storage off: focus starts at the top, as without the script */ }
    });
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEY) || "null"); sessionStorage.removeItem(KEY); }
    catch (err) { saved = null; }
    if (saved) {
      var links = document.querySelectorAll("a[data-facet]");
      for (var i = 0; i < links.length; i++) {
        if (links[i].getAttribute("data-facet") === saved.facet &&
            links[i].getAttribute("data-value") === saved.value) {
          if (saved.sheet && NARROW.matches) open(links[i]); else links[i].focus();
          break;
        }
      }
    }
  });
})();
