"""Source lists: outlets by name, web domain and Telegram channel (a YAML file).

narrascope ships one, :data:`STATE_MEDIA` (``ingest/data/state_media.yaml``): Russian state
media and state bodies, and a few other states' outlets, each with the public page its facts
come from. Users write their own in the same format. A list names outlets at ingest (an
article whose URL is on a listed domain or Telegram channel gets the list's name, see
:meth:`OutletList.resolve`) and picks outlets in trends (:meth:`OutletList.matches`).

Format::

    version: 1
    outlets:
      - name: RIA Novosti                 # required, unique
        aliases: [РИА Новости]            # other spellings of the name
        country: RU                       # ISO 3166-1 alpha-2, required
        languages: [ru, en]               # ISO 639-1, required
        domains: [ria.ru]                 # sub-domains match too (www.ria.ru, m.ria.ru)
        telegram: [rian_ru]               # channel usernames, without @
        owner: Rossiya Segodnya           # required
        ownership: state                  # state | government | private
        source: https://...               # required: a public page stating these facts
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from narrascope.errors import InputError

__all__ = [
    "OWNERSHIP",
    "STATE_MEDIA",
    "Outlet",
    "OutletList",
    "load_outlet_list",
    "outlet_list_from",
    "url_keys",
]

STATE_MEDIA = Path(__file__).parent / "data" / "state_media.yaml"
OWNERSHIP = ("state", "government", "private")
_REQUIRED = ("name", "country", "languages", "owner", "source")
_LISTS = ("aliases", "languages", "domains", "telegram")
_KNOWN = {*_REQUIRED, *_LISTS, "ownership", "note"}
_TELEGRAM_HOSTS = ("t.me", "telegram.me")
MAX_BYTES = 2_000_000
_EDGE_SYMBOLS = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Outlet:
    """One listed outlet (see the module docstring for the fields)."""

    name: str
    country: str
    languages: tuple[str, ...]
    owner: str
    source: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    telegram: tuple[str, ...] = ()
    ownership: str = "state"
    note: str = ""


@dataclass(frozen=True)
class OutletList:
    """Outlets indexed by name, domain and channel (picklable: ingest workers use it)."""

    outlets: tuple[Outlet, ...]
    path: str = ""
    _names: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _domains: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _channels: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.aliases):
                self._names.setdefault(_name_key(name), outlet.name)
            for domain in outlet.domains:
                self._domains.setdefault(domain, outlet.name)
            for channel in outlet.telegram:
                self._channels.setdefault(channel.casefold(), outlet.name)

    @property
    def names(self) -> list[str]:
        """The listed outlets' names, in file order."""
        return [o.name for o in self.outlets]

    def by_name(self, name: str | None) -> str | None:
        """The listed name of ``name`` (a name, alias or Telegram channel, any case)."""
        if not name:
            return None
        key = _name_key(name)
        found = self._names.get(key) if key else None
        return found or self._channels.get(name.strip().lstrip("@").casefold())

    def by_url(self, url: str | None) -> str | None:
        """The listed outlet whose domain (the longest that matches) or channel hosts ``url``."""
        host, channel = url_keys(url)
        if channel is not None:
            return self._channels.get(channel.casefold())
        while host:
            if host in self._domains:
                return self._domains[host]
            host = host.partition(".")[2] if "." in host else ""
        return None

    def resolve(self, record: str | None, url: str | None, fallback: str | None) -> str | None:
        """The outlet of an article: its record's own outlet, else the list's match for its
        URL, else ``fallback`` (``--outlet``, then the site or channel name); whichever wins
        is spelled as the list spells it when it is a listed name or alias."""
        chosen = record or self.by_url(url) or fallback
        return self.by_name(chosen) or chosen

    def matches(self, outlet: str | None, url: str | None = None) -> bool:
        """Whether an article of ``outlet`` at ``url`` belongs to a listed outlet."""
        return self.by_name(outlet) is not None or self.by_url(url) is not None

    def pick(self, sites: Iterable[tuple[str | None, str | None]]) -> list[str]:
        """The stored outlet names that are listed: ``sites`` are ``(outlet, url)`` pairs (one
        per outlet and site suffices); an outlet counts when its name or an alias is listed or
        any of its URLs is on a listed domain or channel."""
        return sorted({o for o, url in sites if o and self.matches(o, url)})

    def merged(self, other: OutletList) -> OutletList:
        """This list, then the outlets of ``other`` whose names it lacks."""
        names = {o.name.casefold() for o in self.outlets}
        extra = tuple(o for o in other.outlets if o.name.casefold() not in names)
        return OutletList(self.outlets + extra, f"{self.path} + {other.path}")


def _name_key(name: str) -> str:
    """A name as compared: any case, spaces collapsed, without leading or trailing symbols
    (a channel title "МИД России 🇷🇺" is the name "МИД России")."""
    return _EDGE_SYMBOLS.sub("", " ".join(name.split()).casefold())


def url_keys(url: str | None) -> tuple[str, str | None]:
    """``(host, channel)`` of a URL: the lower-case host without ``www.``, and for a
    ``t.me/<name>/<post>`` link the channel name (None otherwise)."""
    if not url:
        return "", None
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return "", None
    if host in _TELEGRAM_HOSTS:
        first = parts.path.strip("/").split("/")[0]
        return host, (first if first and first not in ("c", "s", "joinchat") else None)
    return host, None


def outlet_list_from(path: str | Path | None, state_media: bool) -> OutletList | None:
    """The list the ``--outlet-list FILE`` and ``--state-media`` options name (both: the
    user's file first, then the shipped outlets it does not name); None when neither."""
    if path is None:
        return load_outlet_list() if state_media else None
    own = load_outlet_list(path)
    return own.merged(load_outlet_list()) if state_media else own


def load_outlet_list(path: str | Path | None = None) -> OutletList:
    """Read and check a source list (the shipped :data:`STATE_MEDIA` when ``path`` is None).

    Raises:
        InputError: a missing or unreadable file, invalid YAML, or an entry that lacks a
            required field, has a field of the wrong kind, or repeats a name, domain or
            channel of an earlier entry (the message names the file and line).
    """
    source = Path(path) if path is not None else STATE_MEDIA
    root = _compose(_read(source), source)
    entries = _entries(root, source)
    outlets = [_outlet(node, source) for node in entries]
    _check_unique(outlets, entries, source)
    return OutletList(tuple(outlets), str(source))


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"source list is over {MAX_BYTES:,} bytes", path=path)
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError("no such source list", path=path, hint="check --outlet-list") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read source list ({exc})", path=path) from exc


def _compose(text: str, path: Path) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            f"invalid YAML ({exc.problem or exc.context})",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint="check indentation, colons and quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML ({exc})", path=path) from None
    if root is None:
        raise InputError("the source list is empty", path=path, hint=_FORMAT_HINT)
    return root


_FORMAT_HINT = "write `outlets:` followed by a list of entries (see docs/guide.md, Source lists)"


def _entries(root: yaml.Node, path: Path) -> list[yaml.MappingNode]:
    value = _get(root, "outlets") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(value, yaml.SequenceNode):
        line = (value or root).start_mark.line + 1
        raise InputError("no `outlets:` list", path=path, line=line, hint=_FORMAT_HINT)
    for node in value.value:
        if not isinstance(node, yaml.MappingNode):
            raise InputError(
                "an outlet must be a mapping of fields (name:, country:, ...)",
                path=path,
                line=node.start_mark.line + 1,
                hint=_FORMAT_HINT,
            )
    return list(value.value)


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value in node.value:
        if key_node.value == key:
            return value
    return None


def _outlet(node: yaml.MappingNode, path: Path) -> Outlet:
    line = node.start_mark.line + 1
    fields: dict[str, Any] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        where = key_node.start_mark.line + 1
        if key not in _KNOWN:
            known = ", ".join(sorted(_KNOWN))
            raise InputError(f"unknown field {key!r}", path=path, line=where, hint=f"use {known}")
        fields[key] = _field(key, value, path, where)
    missing = [k for k in _REQUIRED if not fields.get(k)]
    if missing:
        name = fields.get("name", "an outlet")
        raise InputError(
            f"{name} lacks {', '.join(missing)}",
            path=path,
            line=line,
            hint="every outlet needs name, country, languages, owner and source (a public URL)",
        )
    return _build(fields, path, line)


def _field(key: str, node: yaml.Node, path: Path, line: int) -> Any:
    if key in _LISTS:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not all(isinstance(i, yaml.ScalarNode) and str(i.value).strip() for i in items):
            raise InputError(
                f"{key} must be a list of names", path=path, line=line, hint=f"{key}: [a, b]"
            )
        return tuple(str(i.value).strip() for i in items)
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(f"{key} must be one value, not a list", path=path, line=line)
    return " ".join(str(node.value).split())


def _build(fields: Mapping[str, Any], path: Path, line: int) -> Outlet:
    ownership = fields.get("ownership", "state")
    if ownership not in OWNERSHIP:
        raise InputError(
            f"unknown ownership {ownership!r}", path=path, line=line, hint=f"use {OWNERSHIP}"
        )
    if not str(fields["source"]).startswith(("https://", "http://")):
        raise InputError(
            f"source of {fields['name']} is not a URL",
            path=path,
            line=line,
            hint="give the public page (Wikipedia, the outlet's own about page) stating the facts",
        )
    return Outlet(
        name=fields["name"],
        country=str(fields["country"]).upper(),
        languages=tuple(x.lower() for x in fields["languages"]),
        owner=fields["owner"],
        source=fields["source"],
        aliases=fields.get("aliases", ()),
        domains=tuple(_domain(d, path, line) for d in fields.get("domains", ())),
        telegram=tuple(c.lstrip("@") for c in fields.get("telegram", ())),
        ownership=ownership,
        note=fields.get("note", ""),
    )


def _domain(value: str, path: Path, line: int) -> str:
    host, _ = url_keys(value)
    if not host or "." not in host or "/" in value.split("://")[-1].strip("/"):
        raise InputError(
            f"invalid domain {value!r}", path=path, line=line, hint="write a host, e.g. ria.ru"
        )
    return host


def _check_unique(outlets: Sequence[Outlet], nodes: Sequence[yaml.Node], path: Path) -> None:
    seen: dict[str, str] = {}
    for outlet, node in zip(outlets, nodes, strict=True):
        for key in _keys(outlet):
            if key in seen:
                raise InputError(
                    f"{key.split(':', 1)[1]!r} of {outlet.name} is already listed for {seen[key]}",
                    path=path,
                    line=node.start_mark.line + 1,
                    hint="each name, alias, domain and channel may belong to one outlet",
                )
            seen[key] = outlet.name


def _keys(outlet: Outlet) -> Iterable[str]:
    names = {f"name:{_name_key(n)}" for n in (outlet.name, *outlet.aliases)}
    yield from sorted(names)
    yield from (f"domain:{d}" for d in outlet.domains)
    yield from (f"channel:{c.casefold()}" for c in outlet.telegram)
