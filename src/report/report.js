(function () {
  "use strict";
  var started = performance.now();
  var errors = [];
  window.addEventListener("error", function (e) {
    errors.push("error: " + String(e.message || e));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    errors.push("blocked by the content security policy: " + e.violatedDirective + " " + e.blockedURI);
  });
  var consoleError = console.error;
  console.error = function () {
    errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };

  function all(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  var data = JSON.parse(document.getElementById("stancer-data").textContent);
  var body = document.body;
  function qi() {
    return Number(body.getAttribute("data-q")) || 0;
  }

  // ---- the map: name and label on hover and focus ----
  var info = document.getElementById("mapinfo");
  var current = null;
  function describe(el) {
    var iso = el.getAttribute("data-iso");
    var s = data.states[iso];
    var q = qi();
    var name = (s && s.n) || el.getAttribute("data-name") || iso;
    if (!s || s.l[q] < 0) {
      return name + " (" + iso + "): " + data.none;
    }
    return name + " (" + iso + "): " + data.questions[q].labels[s.l[q]] + " \u2014 " + s.v[q];
  }
  function showInfo(el) {
    if (current) {
      current.classList.remove("on");
    }
    current = el;
    if (!info) {
      return;
    }
    if (!el) {
      info.textContent = info.getAttribute("data-default") || "";
      return;
    }
    el.classList.add("on");
    info.textContent = describe(el);
  }
  all("[data-iso]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { showInfo(el); });
    el.addEventListener("focus", function () { showInfo(el); });
    el.addEventListener("mouseleave", function () { if (current === el) { showInfo(null); } });
    el.addEventListener("blur", function () { if (current === el) { showInfo(null); } });
  });

  // ---- the table of submissions: filters ----
  var table = document.getElementById("subs");
  var rows = table ? all("tbody tr", table) : [];
  var fKind = document.getElementById("f-kind");
  var fLang = document.getElementById("f-lang");
  var fText = document.getElementById("f-text");
  var fFlag = document.getElementById("f-flag");
  var count = document.getElementById("f-count");
  var labelSelects = all("select.f-label");
  function applyFilters() {
    if (!table) {
      return 0;
    }
    var q = qi();
    var lab = "";
    labelSelects.forEach(function (s) {
      if (Number(s.getAttribute("data-qi")) === q) { lab = s.value; }
    });
    var kind = fKind ? fKind.value : "";
    var lang = fLang ? fLang.value : "";
    var text = fText ? fText.value.trim().toLowerCase() : "";
    var flag = fFlag ? fFlag.checked : false;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!lab || r.getAttribute("data-l" + q) === lab) &&
        (!kind || r.getAttribute("data-kind") === kind) &&
        (!lang || r.getAttribute("data-lang") === lang) &&
        (!flag || r.hasAttribute("data-f" + q)) &&
        (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    if (count) {
      count.textContent = shown + " of " + rows.length + " submissions shown";
    }
    return shown;
  }
  [fKind, fLang, fFlag].concat(labelSelects).forEach(function (el) {
    if (el) { el.addEventListener("change", applyFilters); }
  });
  if (fText) { fText.addEventListener("input", applyFilters); }

  // ---- sortable tables ----
  function key(td) {
    return td ? (td.getAttribute("data-sort") || td.textContent.trim()) : "";
  }
  all("table.data").forEach(function (t) {
    var heads = all("thead th", t);
    heads.forEach(function (th, col) {
      var b = th.querySelector("button");
      if (!b) { return; }
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        var num = th.hasAttribute("data-num");
        var tb = t.tBodies[0];
        var rs = Array.prototype.slice.call(tb.rows).map(function (r, i) { return [r, i]; });
        rs.sort(function (a, b2) {
          var x = key(a[0].cells[col]);
          var y = key(b2[0].cells[col]);
          var c;
          if (num) {
            x = parseFloat(x); y = parseFloat(y);
            c = (isNaN(x) ? -1 : x) - (isNaN(y) ? -1 : y);
          } else {
            c = x.localeCompare(y);
          }
          return c !== 0 ? c * dir : a[1] - b2[1];
        });
        rs.forEach(function (p) { tb.appendChild(p[0]); });
      });
    });
  });

  // ---- the question switch ----
  var tabs = all(".qswitch [role=tab]");
  function setQ(i) {
    body.setAttribute("data-q", String(i));
    tabs.forEach(function (t) {
      var on = Number(t.getAttribute("data-qi")) === i;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
    });
    all(".perq").forEach(function (el) {
      el.hidden = Number(el.getAttribute("data-qi")) !== i;
    });
    applyFilters();
    showInfo(current);
  }
  tabs.forEach(function (t, k) {
    t.addEventListener("click", function () { setQ(Number(t.getAttribute("data-qi"))); });
    t.addEventListener("keydown", function (e) {
      var n = null;
      if (e.key === "ArrowRight") { n = (k + 1) % tabs.length; }
      if (e.key === "ArrowLeft") { n = (k + tabs.length - 1) % tabs.length; }
      if (n !== null) { e.preventDefault(); tabs[n].focus(); tabs[n].click(); }
    });
  });
  setQ(qi());

  // ---- links to a document open its evidence ----
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || id === "selftest") { return; }
    var el = document.getElementById(id);
    if (!el) { return; }
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  var initMs = performance.now() - started;

  // ---- self-test, for the browser tests: report.html#selftest ----
  function fillOf(el) {
    var shape = el.tagName.toLowerCase() === "path" ? el : el.querySelector("path,rect");
    return shape ? getComputedStyle(shape).fill : "";
  }
  function selftest() {
    var out = { questions: [] };
    var start = qi();
    // What statement text could have done, had it not been escaped.
    var onAttrs = 0;
    var jsUrls = 0;
    all("*").forEach(function (el) {
      Array.prototype.forEach.call(el.attributes, function (a) {
        var n = a.name.toLowerCase();
        if (n.indexOf("on") === 0) { onAttrs++; }
        if ((n === "href" || n === "src" || n === "action" || n === "formaction" || n === "xlink:href") &&
            a.value.replace(/\s/g, "").toLowerCase().indexOf("javascript:") === 0) { jsUrls++; }
      });
    });
    out.security = {
      scripts: document.scripts.length,
      styles: document.querySelectorAll("style").length,
      embedded: document.querySelectorAll("img,iframe,object,embed,video,audio,frame,form,base,link:not([rel=icon])").length,
      on_attributes: onAttrs,
      javascript_urls: jsUrls,
      pwned: typeof window.__stancer_pwned
    };
    // The map, per question: each shape's fill, and the legend's colours.
    tabs.forEach(function (t, q) {
      setQ(q);
      var legend = {};
      var none = "";
      all('.legend[data-qi="' + q + '"] [data-label]').forEach(function (li) {
        legend[li.getAttribute("data-label")] = fillOf(li);
      });
      all('.legend[data-qi="' + q + '"] [data-none]').forEach(function (li) { none = fillOf(li); });
      var shapes = {};
      all("svg.map [data-iso], .offmap [data-iso]").forEach(function (el) {
        var iso = el.getAttribute("data-iso");
        (shapes[iso] = shapes[iso] || []).push(fillOf(el));
      });
      out.questions.push({ id: data.questions[q].id, legend: legend, none: none, shapes: shapes });
    });
    setQ(0);
    // The table: filtering by label, kind and language changes the rows.
    var f = { total: rows.length, shown: applyFilters(), by_label: null, by_kind: null, by_language: null };
    function tryFilter(sel, name) {
      if (!sel) { return; }
      for (var i = 0; i < sel.options.length; i++) {
        var v = sel.options[i].value;
        if (!v) { continue; }
        sel.value = v;
        sel.dispatchEvent(new Event("change"));
        var n = all("tbody tr", table).filter(function (r) { return !r.hidden; }).length;
        sel.value = "";
        sel.dispatchEvent(new Event("change"));
        if (n !== f.total) { f[name] = { value: v, shown: n }; return; }
      }
    }
    tryFilter(labelSelects.filter(function (s) { return s.getAttribute("data-qi") === "0"; })[0], "by_label");
    tryFilter(fKind, "by_kind");
    tryFilter(fLang, "by_language");
    out.filter = f;
    // Sorting by the first column reverses on a second click.
    var firstHead = table ? table.querySelector("thead th button") : null;
    if (firstHead && rows.length > 1) {
      firstHead.click();
      var a = table.tBodies[0].rows[0].textContent;
      firstHead.click();
      var b = table.tBodies[0].rows[0].textContent;
      out.sort_changes_order = a !== b;
    }
    setQ(start);
    var nav = performance.getEntriesByType("navigation")[0];
    out.timing = {
      dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : null,
      load_ms: nav ? nav.loadEventStart : null,
      script_ms: initMs,
      selftest_ms: performance.now()
    };
    out.errors = errors.slice();
    return out;
  }
  if (location.hash === "#selftest") {
    window.addEventListener("load", function () {
      var result;
      try {
        result = selftest();
      } catch (e) {
        result = { errors: errors.concat(["selftest: " + String(e && e.stack || e)]) };
      }
      var pre = document.createElement("pre");
      pre.id = "selftest-result";
      pre.textContent = JSON.stringify(result);
      body.appendChild(pre);
    });
  }
})();
