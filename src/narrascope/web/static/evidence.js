// Every dashboard chart leads to the sentences behind it: a click on a point opens the hits
// of its narrative / outlet / week (/evidence/point), and each chart gets links to its
// evidence listing and (for overview and narrative charts) the rows it is drawn from as CSV.
(function () {
  "use strict";
  var ROWS = {"/": ["chart-overall", "chart-outlets", "chart-timeline"],
              "/narratives/": ["chart-timeline", "chart-outlets"]};
  var path = window.location.pathname;
  var run = new URLSearchParams(window.location.search).get("run");
  function link(base, params) {
    var q = new URLSearchParams();
    if (run) { q.set("run", run); }
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== "") { q.set(k, params[k]); }
    });
    var s = q.toString();
    return base + (s ? "?" + s : "");
  }
  function pageNarrative() {
    return path.indexOf("/narratives/") === 0 ? decodeURIComponent(path.slice(12)) : "";
  }
  function anchor(text, href, cls) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    a.className = cls;
    return a;
  }
  function hasRows(id) {
    var key = path.indexOf("/narratives/") === 0 ? "/narratives/" : path;
    return (ROWS[key] || []).indexOf(id) >= 0;
  }
  function attach(target, tries) {
    if (typeof target.on !== "function") {
      if (tries < 100) { setTimeout(function () { attach(target, tries + 1); }, 50); }
      return;
    }
    target.on("plotly_click", function (ev) {
      var p = ev && ev.points && ev.points[0];
      if (!p) { return; }
      window.location.href = link("/evidence/point", {
        page: path, trace: p.data && p.data.name, x: p.x, y: p.y});
    });
  }
  function setup() {
    var blocks = document.querySelectorAll("script.chart-data");
    for (var i = 0; i < blocks.length; i++) {
      var id = blocks[i].getAttribute("data-target");
      var target = document.getElementById(id);
      if (!target) { continue; }
      var figure = blocks[i].closest("figure") || blocks[i].parentNode;
      var p = document.createElement("p");
      p.className = "evidence-links";
      p.setAttribute("data-chart", id);
      p.appendChild(anchor("Sentences behind this chart",
                           link("/evidence", {narrative: pageNarrative()}), "evidence-link"));
      if (hasRows(id)) {
        p.appendChild(document.createTextNode(" · "));
        p.appendChild(anchor("rows behind this chart (CSV)",
                             link("/download/chart.csv", {chart: id, page: path}), "rows-link"));
      }
      p.appendChild(document.createTextNode(" · click a point for its sentences"));
      figure.appendChild(p);
      attach(target, 0);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
