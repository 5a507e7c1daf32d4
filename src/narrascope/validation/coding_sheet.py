"""Blind coding sheets: write a sample as CSV and as a self-contained HTML form, read it back.

A sheet has one row per item and the columns ``item_id, article_id, [sentence_index,] outlet,
date, language, title, text``, then one column per narrative id (``1`` carries it, ``0`` does
not, blank: not coded), then ``coder`` and ``notes``. No detector label or score is in it.

Reading rules (:func:`read_sheet`):

- a row is *coded* when at least one narrative cell is filled; its blank cells then count as
  ``0``. A row whose narrative cells are all blank is not coded and is left out (counted);
- an article row (no ``sentence_index``) coded with no ``1`` is stored as the article-level
  "no narrative" code (:data:`~narrascope.validation.annotations.NO_LABEL`);
- a sentence row coded with no ``1`` is stored as a *sentence-level* "no narrative" code: it
  says nothing about the rest of the article, so it never becomes an article-level "no
  narrative" (see :func:`~narrascope.validation.annotations.load_gold`);
- bad cells, unknown narrative columns, duplicated items, unknown articles or sentences are
  errors naming the row and column.

Each import is stored under the source ``coding-sheet batch=<batch> coder=<coder>``, so
re-importing a coder's sheet for a batch replaces what it stored before, and agreement can be
computed per batch (:mod:`narrascope.validation.agreement`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from narrascope.errors import InputError, UsageError
from narrascope.records import Annotation
from narrascope.store import neutralize_csv
from narrascope.validation.annotations import NO_LABEL

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store
    from narrascope.validation.sampling import Sample

__all__ = [
    "FIXED",
    "CodedItem",
    "SheetCoding",
    "import_sheet",
    "is_coding_sheet",
    "parse_source",
    "read_sheet",
    "sheet_frame",
    "source_key",
    "write_sheet_csv",
    "write_sheet_html",
]

FIXED = (
    "item_id",
    "article_id",
    "sentence_index",
    "outlet",
    "date",
    "language",
    "title",
    "text",
    "coder",
    "notes",
)
_SOURCE = re.compile(r"^coding-sheet batch=(?P<batch>.*) coder=(?P<coder>.*)$")


def source_key(batch: str, coder: str) -> str:
    """The annotations ``source`` of one coder's sheet in one batch."""
    return f"coding-sheet batch={batch} coder={coder}"


def parse_source(source: Any) -> str | None:
    """The batch of a coding-sheet source, or None for anything else."""
    match = _SOURCE.match(str(source or ""))
    return match.group("batch") if match else None


# --------------------------------------------------------------------------- writing


def sheet_frame(sample: Sample, narratives: Sequence[str]) -> pd.DataFrame:
    """The sheet's rows: item columns, empty narrative, coder and notes columns."""
    items = sample.items
    sentence = sample.unit == "sentence"
    frame = pd.DataFrame(
        {
            "item_id": list(items["key"]),
            "article_id": list(items["article_id"]),
            **({"sentence_index": [int(i) for i in items["sentence_index"]]} if sentence else {}),
            "outlet": list(items["outlet"]),
            "date": [_day(v) for v in items["published_at"]],
            "language": list(items["language"]),
            "title": [str(v) if isinstance(v, str) else "" for v in items["title"]],
            "text": list(items["text"]),
        }
    )
    for narrative in narratives:
        frame[narrative] = ""
    frame["coder"] = ""
    frame["notes"] = ""
    return frame


def _day(value: Any) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def write_sheet_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the sheet as UTF-8 CSV (text cells guarded against spreadsheet formulas)."""
    path = Path(path)
    neutralize_csv(frame).to_csv(path, index=False, encoding="utf-8")
    return path


def _json_block(value: Any) -> str:
    """JSON that cannot end a ``<script>`` element early."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_sheet_html(
    frame: pd.DataFrame, path: str | Path, codebook: Codebook, narratives: Sequence[str]
) -> Path:
    """Write the sheet as one self-contained HTML form (inline CSS and JS, no network).

    A coder ticks narratives (or "none of these") per item, types a name, and downloads the
    filled sheet as CSV with the same columns as :func:`write_sheet_csv`.
    """
    meta = [
        {
            "id": n,
            "label": codebook.narrative(n).label,
            "description": (codebook.narrative(n).description or "")[:400],
        }
        for n in narratives
    ]
    rows = json.loads(frame.to_json(orient="records", force_ascii=False))
    data = {"columns": list(frame.columns), "narratives": meta, "rows": rows}
    html = _HTML.replace("__CSS__", _CSS).replace("__JS__", _JS).replace("__CSP__", _CSP)
    html = html.replace("__TITLE__", escape(Path(path).stem))
    html = html.replace("__DATA__", _json_block(data))  # last: item text is never rewritten
    Path(path).write_text(html, encoding="utf-8")
    return Path(path)


_CSP = (  # nothing is fetched: the page works from a file, offline
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; connect-src 'none'; form-action 'none'"
)

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#222}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.5rem 0}
.item{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.75rem}
.item.done{border-color:#3a7}
.meta{color:#666;font-size:.85rem}
.text{white-space:pre-wrap;margin:.5rem 0;max-height:22rem;overflow:auto}
label{display:inline-block;margin:.15rem .8rem .15rem 0}
textarea{width:100%;min-height:2.2rem}
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sheet-data").textContent);
  var key = "narrascope-sheet:" + document.title;
  var state = {};
  try { state = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { state = {}; }
  var list = document.getElementById("items");
  var coder = document.getElementById("coder");
  coder.value = state.__coder || "";
  function save() { try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) {} }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) { node.setAttribute(k, attrs[k]); }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function refresh(box, id) {
    var s = state[id] || {};
    var done = s.none || data.narratives.some(function (n) { return s[n.id]; });
    box.className = done ? "item done" : "item";
    var n = data.rows.filter(function (r) {
      var t = state[r.item_id] || {};
      return t.none || data.narratives.some(function (m) { return t[m.id]; });
    }).length;
    document.getElementById("progress").textContent = n + " of " + data.rows.length + " coded";
  }
  data.rows.forEach(function (row, i) {
    var id = row.item_id;
    var box = el("section", {"class": "item", "id": "item-" + i, "data-item": id});
    var where = [row.outlet, row.date, row.language].filter(Boolean).join(" · ");
    box.appendChild(el("div", {"class": "meta"}, (i + 1) + ". " + id + " — " + where));
    if (row.title) { box.appendChild(el("strong", {}, row.title)); }
    box.appendChild(el("div", {"class": "text"}, row.text));
    var s = state[id] = state[id] || {};
    data.narratives.concat([{id: "none", label: "none of these", description: ""}]).forEach(
      function (n) {
        var label = el("label", {"title": n.description || ""});
        var box2 = el("input", {"type": "checkbox", "name": n.id, "data-narrative": n.id});
        box2.checked = !!s[n.id];
        box2.addEventListener("change", function () {
          s[n.id] = box2.checked;
          if (n.id === "none" && box2.checked) {
            box.querySelectorAll("input[data-narrative]").forEach(function (c) {
              if (c !== box2) { c.checked = false; s[c.getAttribute("data-narrative")] = false; }
            });
          } else if (box2.checked) {
            var none = box.querySelector("input[data-narrative=none]");
            none.checked = false; s.none = false;
          }
          save(); refresh(box, id);
        });
        label.appendChild(box2);
        label.appendChild(document.createTextNode(" " + n.label));
        box.appendChild(label);
      });
    var notes = el("textarea", {"placeholder": "notes", "data-notes": id});
    notes.value = s.__notes || "";
    notes.addEventListener("input", function () { s.__notes = notes.value; save(); });
    box.appendChild(notes);
    list.appendChild(box);
    refresh(box, id);
  });
  coder.addEventListener("input", function () { state.__coder = coder.value; save(); });
  function cell(v) {
    v = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csv() {
    var lines = [data.columns.map(cell).join(",")];
    data.rows.forEach(function (row) {
      var s = state[row.item_id] || {};
      var coded = s.none || data.narratives.some(function (n) { return s[n.id]; });
      lines.push(data.columns.map(function (c) {
        if (c === "coder") { return cell(coded ? coder.value : ""); }
        if (c === "notes") { return cell(s.__notes || ""); }
        if (data.narratives.some(function (n) { return n.id === c; })) {
          return coded ? (s[c] ? "1" : "0") : "";
        }
        return cell(row[c]);
      }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  document.getElementById("download").addEventListener("click", function () {
    if (!coder.value.trim()) { alert("Type your coder name first."); coder.focus(); return; }
    var blob = new Blob([csv()], {type: "text/csv;charset=utf-8"});
    var a = el("a", {"href": URL.createObjectURL(blob), "download": document.title + ".csv"});
    document.body.appendChild(a); a.click(); a.remove();
  });
})();
"""

_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<title>__TITLE__</title><style>__CSS__</style></head>
<body>
<header>
<h1>Coding sheet __TITLE__</h1>
<p>Tick every narrative the item carries, or "none of these". Detector labels are not shown.
Your work is kept in this browser until you download it.</p>
<label>coder <input id="coder" autocomplete="off"></label>
<button id="download" type="button">Download filled CSV</button>
<span id="progress"></span>
</header>
<main id="items"></main>
<script type="application/json" id="sheet-data">__DATA__</script>
<script>__JS__</script>
</body></html>
"""


# --------------------------------------------------------------------------- reading


@dataclass
class CodedItem:
    """One coded row of a sheet."""

    row: int
    item_id: str
    article_id: str
    sentence_index: int | None
    labels: set[str]
    coder: str


@dataclass
class SheetCoding:
    """What a sheet holds: its coded rows and how many rows were left blank."""

    source: str
    batch: str
    unit: str
    items: list[CodedItem] = field(default_factory=list)
    blank_rows: int = 0
    rows: int = 0
    stored: int = 0

    @property
    def coders(self) -> list[str]:
        return sorted({i.coder for i in self.items})


def is_coding_sheet(path: str | Path) -> bool:
    """Whether a CSV file's header names an ``item_id`` column (a coding sheet)."""
    path = Path(path)
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    return "item_id" in [h.strip() for h in header]


def _check_header(path: Path, header: list[str], known: Sequence[str]) -> list[str]:
    for needed in ("item_id", "article_id"):
        if needed not in header:
            raise InputError(f"the sheet has no {needed!r} column", path=path, line=1)
    narratives = [h for h in header if h not in FIXED]
    unknown = [h for h in narratives if h not in known]
    if unknown:
        raise InputError(
            f"unknown narrative column(s) {', '.join(map(repr, unknown))}",
            path=path,
            line=1,
            hint=f"valid narrative ids: {', '.join(known)}",
        )
    if not narratives:
        raise InputError("the sheet has no narrative column", path=path, line=1)
    return narratives


def _cell(path: Path, line: int, column: str, value: str | None) -> bool | None:
    text = (value or "").strip()
    if text == "":
        return None
    if text in ("0", "1"):
        return text == "1"
    raise InputError(
        f"column {column!r} holds {text[:30]!r}", path=path, line=line, hint="use 1, 0 or blank"
    )


def read_sheet(
    path: str | Path, codebook: Codebook, *, coder: str | None = None, batch: str | None = None
) -> SheetCoding:
    """Read a filled coding sheet (see the module docstring for the rules)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("coding sheet not found", path=path, hint="check the path")
    sheet = SheetCoding(str(path.resolve()), batch or path.stem, "article")
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        narratives = _check_header(path, header, codebook.ids)
        sheet.unit = "sentence" if "sentence_index" in header else "article"
        for line, row in enumerate(reader, 2):
            sheet.rows += 1
            item = _row(path, line, row, narratives, coder, sheet.unit, seen)
            if item is None:
                sheet.blank_rows += 1
            else:
                sheet.items.append(item)
    return sheet


def _row(
    path: Path,
    line: int,
    row: dict[str, Any],
    narratives: list[str],
    coder: str | None,
    unit: str,
    seen: dict[str, int],
) -> CodedItem | None:
    item_id = (row.get("item_id") or "").strip()
    if not item_id:
        raise InputError("empty item_id", path=path, line=line)
    if item_id in seen:
        raise InputError(
            f"item {item_id!r} appears twice (rows {seen[item_id]} and {line})",
            path=path,
            line=line,
            hint="keep one row per item",
        )
    seen[item_id] = line
    cells = {n: _cell(path, line, n, row.get(n)) for n in narratives}
    if all(v is None for v in cells.values()):
        return None
    who = coder or (row.get("coder") or "").strip()
    if not who:
        raise InputError(
            "coded row without a coder", path=path, line=line, hint="pass --coder NAME"
        )
    index = None
    if unit == "sentence":
        raw = (row.get("sentence_index") or "").strip()
        if not raw.isdigit():
            raise InputError(
                f"column 'sentence_index' holds {raw!r}", path=path, line=line, hint="a number"
            )
        index = int(raw)
    article = (row.get("article_id") or "").strip()
    if not article:
        raise InputError("empty article_id", path=path, line=line)
    labels = {n for n, v in cells.items() if v}
    return CodedItem(line, item_id, article, index, labels, who)


def import_sheet(
    store: Store,
    path: str | Path,
    codebook: Codebook,
    *,
    coder: str | None = None,
    batch: str | None = None,
) -> SheetCoding:
    """Read a filled sheet and store its codes (replacing this coder's earlier import of the
    same batch). Raises InputError naming the row of an unknown article or sentence."""
    sheet = read_sheet(path, codebook, coder=coder, batch=batch)
    if not sheet.items:
        raise InputError(
            f"no coded row in the sheet (all {sheet.rows} rows blank)",
            path=path,
            hint="tick at least one narrative or 'none' per coded item",
        )
    known = store.existing_article_ids({i.article_id for i in sheet.items})
    spans = store.sentence_spans(
        [(i.article_id, i.sentence_index) for i in sheet.items if i.sentence_index is not None]
    )
    by_coder: dict[str, list[Annotation]] = {}
    for item in sheet.items:
        if item.article_id not in known:
            raise InputError(
                f"article {item.article_id!r} is not in the store", path=path, line=item.row
            )
        rows = by_coder.setdefault(item.coder, [])
        rows.extend(_annotations(path, item, spans))
    for who, rows in by_coder.items():
        sheet.stored += store.write_annotations(rows, source_key(sheet.batch, who))
    return sheet


def _annotations(
    path: str | Path, item: CodedItem, spans: dict[tuple[str, int], tuple[int, int]]
) -> list[Annotation]:
    start = end = None
    if item.sentence_index is not None:
        span = spans.get((item.article_id, item.sentence_index))
        if span is None:
            raise InputError(
                f"article {item.article_id!r} has no sentence {item.sentence_index}",
                path=path,
                line=item.row,
            )
        start, end = span
    labels = sorted(item.labels) or [NO_LABEL]
    return [
        Annotation(item.article_id, label, item.coder, item.sentence_index, start, end)
        for label in labels
    ]


def check_level(value: str) -> str:
    """Validate a ``--narratives`` level."""
    if value not in ("coarse", "fine", "all"):
        raise UsageError(f"unknown level {value!r}", hint="use coarse, fine or all")
    return value
