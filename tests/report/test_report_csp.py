"""The report's Content-Security-Policy allows its own inline scripts by hash, nothing else."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from bs4 import BeautifulSoup

from narrascope.report import write_report
from narrascope.report.markup import script_hash
from narrascope.store import Store

EXECUTABLE = {None, "", "text/javascript", "module"}


def _policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    directives = [d.split() for d in str(meta["content"]).split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def test_report_csp_lists_the_hash_of_each_inline_script(
    built: Any, builder: ModuleType, tmp_path: Path
) -> None:
    with Store(built.path, read_only=True) as store:
        out = write_report(store, tmp_path / "report.html", codebook=builder.codebook())
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    policy = _policy(soup)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    scripts = [s for s in soup.find_all("script") if s.get("type") in EXECUTABLE]
    assert len(scripts) == 3  # Plotly, the chart renderer, the CSV download buttons
    assert sorted(policy["script-src"]) == sorted(script_hash(s.string or "") for s in scripts)


def test_script_hash_is_the_csp_sha256_source() -> None:
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
