// The query page with YASGUI (served from node_modules by NewsKG): highlighting, completion of
// prefixes, variables and NewsKG's terms, results as a paged sortable table, downloads, share
// links (#query=...), tabs and history kept in the browser. Only the first rows of an answer are
// drawn; the whole answer can be downloaded as a file.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || !window.Yasgui) return;
  var Yasgui = window.Yasgui;
  var CAP = parseInt(root.getAttribute("data-cap"), 10) || 1000;
  var endpoint = window.location.origin + root.getAttribute("data-endpoint");
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var terms = JSON.parse(document.getElementById("terms").textContent);
  var question = document.getElementById("question");
  var notice = document.getElementById("capped");
  var PREFIXES = {
    nkg: "https://w3id.org/newskg/ns#", schema: "https://schema.org/",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    owl: "http://www.w3.org/2002/07/owl#", skos: "http://www.w3.org/2004/02/skos/core#",
    prov: "http://www.w3.org/ns/prov#", xsd: "http://www.w3.org/2001/XMLSchema#", wd: "http://www.wikidata.org/entity/"
  };
  var lastQuery = "";
  var base = root.getAttribute("data-base");
  ["article", "actor", "place", "proposition", "position", "event", "quote", "role"].forEach(function (kind) {
    PREFIXES[kind] = base + "id/" + kind + "/";   // the table shows actor:hungary, not the whole IRI
  });

  // --- at most CAP rows reach the table ---------------------------------------------------
  // The answer's text is scanned, not parsed: building 100,000 row objects only to drop them
  // would block the page. Returns [the end of row CAP, the number of rows], or null.
  function rowsIn(text) {
    var start = text.indexOf('"bindings"');
    if (start < 0) return null;
    start = text.indexOf("[", start);
    if (start < 0) return null;
    var depth = 0, rows = 0, cut = -1, inString = false;
    for (var i = start + 1; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;                     // backslash: skip the escaped character
        else if (c === 34) inString = false;   // closing quote
      } else if (c === 34) inString = true;
      else if (c === 123) depth++;             // {
      else if (c === 125) {                    // }
        depth--;
        if (depth === 0 && ++rows === CAP) cut = i + 1;
      } else if (c === 93 && depth === 0) {    // ] closing the bindings
        return {cut: cut, rows: rows, end: i};
      }
    }
    return null;
  }

  function capped(data) {
    var type = data && data.headers && data.headers.get ? (data.headers.get("content-type") || "") : "";
    if (!data || typeof data.content !== "string" || type.indexOf("json") < 0) return {data: data, total: null};
    var text = data.content, found = rowsIn(text);
    if (!found || found.rows <= CAP) return {data: data, total: null};
    var content = text.slice(0, found.cut) + text.slice(found.end);
    try { JSON.parse(content); } catch (e) {                 // not the layout expected: parse it all
      var parsed = JSON.parse(text);
      parsed.results.bindings = parsed.results.bindings.slice(0, CAP);
      content = JSON.stringify(parsed);
    }
    return {data: Object.assign({}, data, {content: content}), total: found.rows};
  }
  var setResponse = Yasgui.Yasr.prototype.setResponse;
  Yasgui.Yasr.prototype.setResponse = function (data, duration) {
    var result = capped(data);
    showNotice(result.total);
    return setResponse.call(this, result.data, duration);
  };

  function showNotice(total) {
    notice.textContent = "";
    notice.hidden = total === null;
    if (total === null) return;
    notice.appendChild(document.createTextNode("Showing the first " + CAP.toLocaleString("en") + " of " +
      total.toLocaleString("en") + " rows. The whole answer: "));
    [["CSV", "text/csv", "csv"], ["JSON", "application/sparql-results+json", "json"]].forEach(function (f, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary download-all";
      button.textContent = "download " + f[0];
      button.addEventListener("click", function () { downloadAll(f[1], f[2]); });
      if (i) notice.appendChild(document.createTextNode(" "));
      notice.appendChild(button);
    });
  }

  function downloadAll(accept, extension) {
    var body = new URLSearchParams();
    body.append("query", lastQuery);
    fetch(endpoint, {method: "POST", body: body, headers: {Accept: accept}})
      .then(function (r) { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.blob(); })
      .then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "newskg-results." + extension;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      })
      .catch(function (e) { notice.appendChild(document.createTextNode(" (download failed: " + e.message + ")")); });
  }

  // --- NewsKG's own terms complete like prefixes do ------------------------------------------
  Yasgui.Yasqe.registerAutocompleter({
    name: "newskgTerms",
    bulk: true,
    autoShow: false,
    persistenceId: null,
    get: function () { return Promise.resolve(terms); },
    isValidCompletionPosition: function (yasqe) {
      var token = yasqe.getCompleteToken();
      return token.string.length > 1 && /^[a-z]+:/i.test(token.string);
    },
    preProcessToken: function (yasqe, token) { return token; },
    postProcessSuggestion: function (yasqe, token, suggestion) { return suggestion; }
  });

  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: function () { return [{endpoint: endpoint}]; }, keys: []},
    yasqe: {value: examples.length ? examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
            prefixCcApi: "", autocompleters: ["prefixes", "variables", "newskgTerms"]},
    yasr: {prefixes: PREFIXES, maxPersistentResponseSize: 200000, defaultPlugin: "table",
           plugins: {table: {dynamicConfig: {pageSize: 50}}}}
  });

  // Tab and Shift+Tab leave the editor (keyboard users must be able to); Ctrl+Space completes
  function releaseTab(tab) {
    var yasqe = tab && tab.getYasqe && tab.getYasqe();
    if (!yasqe || yasqe.__newskg) return;
    yasqe.__newskg = true;
    var keys = Object.assign({}, yasqe.getOption("extraKeys") || {});
    keys.Tab = false;
    keys["Shift-Tab"] = false;
    yasqe.setOption("extraKeys", keys);
    yasqe.on("change", function () {
      var chosen = document.querySelector("button.example[aria-pressed=true]");
      if (chosen && examples[chosen.getAttribute("data-example") - 1].query !== yasqe.getValue()) {
        chosen.setAttribute("aria-pressed", "false");
        question.textContent = "";
      }
    });
    yasqe.on("query", function (instance) { lastQuery = instance.getValue(); });
  }
  releaseTab(yasgui.getTab());
  yasgui.on("tabSelect", function () { setTimeout(function () { releaseTab(yasgui.getTab()); }, 0); });
  yasgui.on("tabAdd", function () { setTimeout(function () { releaseTab(yasgui.getTab()); }, 0); });

  // --- the competency questions -------------------------------------------------------------
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = examples[button.getAttribute("data-example") - 1];
      document.querySelectorAll("button.example").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      var tab = yasgui.getTab();
      tab.setQuery(example.query);
      button.setAttribute("aria-pressed", "true");
      question.textContent = example.question;
      lastQuery = example.query;
      tab.query();
    });
  });
  document.getElementById("fallback-editor").hidden = true;
  root.hidden = false;
  window.newskgYasgui = yasgui;
})();
