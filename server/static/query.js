// The query page: runs the query against the endpoint and shows the results as a table.
// Values are written with textContent only, never as HTML.
(function () {
  "use strict";
  var app = document.getElementById("query-app");
  var endpoint = app.getAttribute("data-endpoint");
  var base = app.getAttribute("data-base");
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  var question = document.getElementById("question");
  var PREFIXES = [
    ["nkg:", "https://w3id.org/newskg/ns#"], ["schema:", "https://schema.org/"],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"], ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
    ["owl:", "http://www.w3.org/2002/07/owl#"], ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["prov:", "http://www.w3.org/ns/prov#"], ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
    ["wd:", "http://www.wikidata.org/entity/"]
  ];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // {base}id/... and {base}graph/... become relative links to our pages; other web IRIs stay;
  // anything else (javascript:, data:, ...) is not a link at all.
  function hrefOf(iri) {
    if (iri.indexOf(base) === 0) {
      var rest = iri.slice(base.length);
      if (rest.indexOf("id/") === 0) return "/" + rest;
      if (rest.indexOf("graph/") === 0) return "/" + rest;
    }
    return /^https?:\/\//i.test(iri) ? iri : null;
  }

  function shortName(iri) {
    if (iri.indexOf(base) === 0) return "/" + iri.slice(base.length);
    for (var i = 0; i < PREFIXES.length; i++) {
      var ns = PREFIXES[i][1];
      if (iri.indexOf(ns) === 0 && iri.length > ns.length) return PREFIXES[i][0] + iri.slice(ns.length);
    }
    return iri;
  }

  function cell(term) {
    var td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      var href = hrefOf(term.value);
      var node = href ? el("a", shortName(term.value)) : el("span", term.value);
      if (href) { node.href = href; node.title = term.value; }
      td.appendChild(node);
    } else if (term.type === "bnode") {
      td.appendChild(el("span", "_:" + term.value, "muted"));
    } else {
      td.appendChild(el("span", term.value));
      var extra = term["xml:lang"] ? "@" + term["xml:lang"] :
        (term.datatype && !/#string$/.test(term.datatype) ? " " + shortName(term.datatype) : "");
      if (extra) td.appendChild(el("span", " " + extra, "dt"));
    }
    return td;
  }

  function showTable(data) {
    results.textContent = "";
    if (data.boolean !== undefined) {
      results.appendChild(el("p", "Answer: " + (data.boolean ? "yes (true)" : "no (false)")));
      return 1;
    }
    var vars = data.head.vars || [];
    var rows = data.results.bindings || [];
    var wrap = el("div", null, "table-wrap");
    var table = el("table");
    var head = el("thead");
    var tr = el("tr");
    vars.forEach(function (v) { tr.appendChild(el("th", v)); });
    head.appendChild(tr);
    table.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var line = el("tr");
      vars.forEach(function (v) { line.appendChild(cell(row[v])); });
      body.appendChild(line);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    results.appendChild(wrap);
    if (!rows.length) results.appendChild(el("p", "No results.", "empty"));
    return rows.length;
  }

  function showText(text) {
    results.textContent = "";
    results.appendChild(el("pre", text));
  }

  function showError(status_, text) {
    results.textContent = "";
    results.appendChild(el("p", "The query could not be run (" + status_ + "):"));
    results.appendChild(el("pre", text, "error"));
  }

  function run() {
    var started = Date.now();
    status.textContent = "Running…";
    var body = "query=" + encodeURIComponent(editor.value);
    fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9"
      },
      body: body
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return response.text().then(function (text) {
        var seconds = ((Date.now() - started) / 1000).toFixed(2);
        if (!response.ok) {
          showError(response.status, text);
          status.textContent = "Failed after " + seconds + " s";
        } else if (type.indexOf("json") >= 0) {
          var n = showTable(JSON.parse(text));
          status.textContent = n + " result" + (n === 1 ? "" : "s") + " in " + seconds + " s";
        } else {
          showText(text);
          status.textContent = "Graph returned in " + seconds + " s";
        }
      });
    }).catch(function (err) {
      showError("network", String(err));
      status.textContent = "";
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  editor.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); run(); }
    if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      var start = editor.selectionStart;
      editor.setRangeText("  ", start, editor.selectionEnd, "end");
    }
  });

  var examples = JSON.parse(document.getElementById("examples").textContent);

  function choose(number) {
    var example = examples.filter(function (e) { return String(e.number) === String(number); })[0];
    if (!example) return;
    editor.value = example.query;
    question.textContent = example.question;
    Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (b) {
      b.classList.toggle("active", b.getAttribute("data-example") === String(number));
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (button) {
    button.addEventListener("click", function () {
      choose(button.getAttribute("data-example"));
      run();
    });
  });
  if (examples.length) choose(1);
})();
