// Progressive enhancement only: the pages work fully without this script.
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
