// Filters and search over the questions already on the page: nothing is fetched, and
// without JavaScript every question is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var search = document.getElementById("search");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = document.getElementById("count");
  var questions = Array.prototype.slice.call(document.querySelectorAll("article.q"));
  var topics = Array.prototype.slice.call(document.querySelectorAll("section.topic"));
  var none = document.getElementById("none");
  var haystack = questions.map(function (q) { return q.textContent.toLowerCase(); });

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = selects.map(function (s) { return [s.name, s.value]; });
    var shown = 0;
    questions.forEach(function (q, i) {
      var ok = wanted.every(function (w) {
        return !w[1] || (" " + (q.getAttribute("data-" + w[0]) || "") + " ").indexOf(" " + w[1] + " ") >= 0;
      }) && words.every(function (w) { return haystack[i].indexOf(w) >= 0; });
      q.hidden = !ok;
      if (ok) shown += 1;
    });
    topics.forEach(function (t) {
      t.hidden = !t.querySelector("article.q:not([hidden])");
    });
    count.value = shown + " of " + questions.length + " questions";
    none.hidden = shown > 0;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  // Printing shows every detail of what is on screen.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  apply();
})();
