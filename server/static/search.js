// The search box in every page's header: suggestions from /search as the reader types.
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector(".suggestions");
  var KINDS = {actor: "Actor", proposition: "Proposition", event: "Event", article: "Article"};
  var timer = null, asked = 0, active = -1;

  function close() { list.hidden = true; list.textContent = ""; active = -1; input.setAttribute("aria-expanded", "false"); }

  function show(results) {
    list.textContent = "";
    active = -1;
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "suggestion-" + i;
      var a = document.createElement("a");
      a.href = localHref(r.id);
      var kind = document.createElement("span");
      kind.className = "kind-badge kind-" + r.type;
      kind.textContent = KINDS[r.type] || r.type;
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = r.label;
      var count = document.createElement("span");
      count.className = "count";
      count.textContent = r.mentions;
      count.title = r.mentions + (r.mentions === 1 ? " article" : " articles");
      a.appendChild(kind); a.appendChild(label); a.appendChild(count);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  // every result is one of our /id/ IRIs: opened on this host, whatever the public base
  function localHref(iri) {
    try {
      var url = new URL(iri);
      return /^https?:$/.test(url.protocol) && url.pathname.indexOf("/id/") === 0 ? url.pathname : "#";
    } catch (e) { return "#"; }
  }

  function ask() {
    var q = input.value.trim();
    if (!q) { close(); return; }
    var mine = ++asked;
    fetch("/search?limit=8&q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {results: []}; })
      .then(function (data) { if (mine === asked) show(data.results || []); })
      .catch(function () { if (mine === asked) close(); });
  }

  function highlight(next) {
    var items = list.querySelectorAll("li");
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove("active");
    active = (next + items.length) % items.length;
    items[active].classList.add("active");
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 120); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      window.location.href = list.querySelectorAll("li a")[active].href;
    }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
})();
