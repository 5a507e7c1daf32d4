// CSV downloads of what the reader sees: each chart's plotted values (from its JSON block)
// and each table's cells. Shared by the report (inline) and the dashboard (/static/downloads.js).
(function () {
  "use strict";
  function cell(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "object") { v = JSON.stringify(v); }
    v = String(v);
    if (/^[\s]*[=+\-@]|^[\t\r]/.test(v) && isNaN(Number(v))) { v = "'" + v; }
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function toCsv(columns, rows) {
    var lines = [columns.map(cell).join(",")];
    rows.forEach(function (r) {
      lines.push(columns.map(function (c) { return cell(r[c]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function pick(arr, i) { return Array.isArray(arr) ? arr[i] : arr; }
  function traceRows(t) {
    var rows = [];
    var name = t.name || t.type || "";
    if (Array.isArray(t.z) && Array.isArray(t.z[0])) {
      t.z.forEach(function (row, j) {
        row.forEach(function (z, i) {
          rows.push({trace: name, x: pick(t.x, i), y: pick(t.y, j), value: z,
                     text: Array.isArray(t.text) ? pick(t.text[j], i) : t.text,
                     customdata: Array.isArray(t.customdata) ? pick(t.customdata[j], i) : undefined});
        });
      });
      return rows;
    }
    var keys = ["x", "y", "text", "hovertext", "customdata"];
    var n = 0;
    keys.forEach(function (k) { if (Array.isArray(t[k])) { n = Math.max(n, t[k].length); } });
    for (var i = 0; i < n; i++) {
      var r = {trace: name};
      keys.forEach(function (k) { if (Array.isArray(t[k])) { r[k] = t[k][i]; } });
      ["error_y", "error_x"].forEach(function (k) {
        if (t[k] && Array.isArray(t[k].array)) { r[k + "_plus"] = t[k].array[i]; }
        if (t[k] && Array.isArray(t[k].arrayminus)) { r[k + "_minus"] = t[k].arrayminus[i]; }
      });
      rows.push(r);
    }
    return rows;
  }
  function chartCsv(spec) {
    var rows = [];
    (spec.data || []).forEach(function (t) { rows = rows.concat(traceRows(t)); });
    var columns = [];
    rows.forEach(function (r) {
      Object.keys(r).forEach(function (k) { if (columns.indexOf(k) < 0) { columns.push(k); } });
    });
    return toCsv(columns, rows);
  }
  function tableCsv(table) {
    var lines = [];
    table.querySelectorAll("tr").forEach(function (tr) {
      var cells = [];
      tr.querySelectorAll("th, td").forEach(function (c) {
        cells.push(cell(c.textContent.replace(/\s+/g, " ").trim()));
      });
      lines.push(cells.join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function save(text, name) {
    var blob = new Blob([text], {type: "text/csv;charset=utf-8"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function button(label, make, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "csv-download";
    b.textContent = label;
    b.addEventListener("click", function () { save(make(), name); });
    return b;
  }
  function holder(cls) {
    var p = document.createElement("p");
    p.className = "downloads " + cls;
    return p;
  }
  function setup() {
    var blocks = document.querySelectorAll("script.chart-data");
    for (var i = 0; i < blocks.length; i++) {
      (function (block) {
        var id = block.getAttribute("data-target") || "chart";
        var figure = block.closest("figure") || block.parentNode;
        var p = holder("chart-downloads");
        p.setAttribute("data-chart", id);
        p.appendChild(button("CSV of the plotted values", function () {
          return chartCsv(JSON.parse(block.textContent));
        }, id + ".csv"));
        figure.appendChild(p);
      })(blocks[i]);
    }
    var tables = document.querySelectorAll(
      "main table:not([data-no-csv]), body > section table:not([data-no-csv])");
    for (var j = 0; j < tables.length; j++) {
      (function (table, k) {
        var name = (table.closest("section") || {}).id || "table";
        var p = holder("table-downloads");
        p.appendChild(button("CSV of this table", function () { return tableCsv(table); },
                             name + "-" + (k + 1) + ".csv"));
        table.parentNode.insertBefore(p, table.nextSibling);
      })(tables[j], j);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
