"""Telegram channel exports: the ``result.json`` Telegram Desktop writes for a channel.

One draft per post: the text (plain or styled pieces, a media post's caption, a poll's question
and answers), dated by ``date_unixtime`` (UTC; the ``date`` field is the exporting computer's
local time without an offset, used only by exports that lack ``date_unixtime``), with the
channel's name as the site the post was found on and ``forwarded_from`` kept. Service messages
(pins, title changes, ...) and posts without text or caption are counted and reported in the
source's notes, never stored. The file is streamed with ijson, so exports of any size read in
flat memory; a truncated export stores the posts read before the break, then stops with an error.

The export carries no channel username: with ``ReadOptions.channel_username`` a post's URL is its
public link ``https://t.me/<username>/<id>``; without it, the channel's private-link form
``https://t.me/c/<channel id>/<id>`` (stable, and it opens in Telegram for anyone who sees the
channel), so every post keeps a distinct, deterministic id.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import ijson

from narrascope.errors import InputError
from narrascope.ingest._article import Draft, sha256_hex
from narrascope.ingest.dates import parse_date
from narrascope.ingest.files import ReadOptions, open_sample, read_jsonl, reject
from narrascope.records import Rejected

__all__ = ["CHANNEL_TYPES", "Channel", "flatten_text", "looks_like_export", "read_telegram"]

EXTRACTOR = "telegram"
# Chat types Telegram Desktop writes in a single-chat export (channels and groups).
CHANNEL_TYPES = (
    "public_channel",
    "private_channel",
    "public_supergroup",
    "private_supergroup",
    "private_group",
    "saved_messages",
    "personal_chat",
    "bot_chat",
)
_HEADER_KEYS = ("name", "type", "id", "username")
_MEDIA_KEYS = (
    "media_type",
    "photo",
    "file",
    "sticker_emoji",
    "location_information",
    "contact_information",
)
_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_SELF_LINK_RE = re.compile(r"(?:https?://)?t\.me/([A-Za-z][A-Za-z0-9_]{3,31})/\d+")
MAX_IDS_SHOWN = 5


@dataclass
class Channel:
    """The exported chat: its name, Telegram type, numeric id and (when known) username."""

    name: str | None = None
    kind: str | None = None
    id: int | None = None
    username: str | None = None

    def post_url(self, message_id: int) -> str | None:
        """The post's public link, else its private-link form (channels and supergroups),
        else None."""
        if self.username:
            return f"https://t.me/{self.username}/{message_id}"
        if self.id is not None and self.kind and self.kind.endswith(("channel", "supergroup")):
            return f"https://t.me/c/{self.id}/{message_id}"
        return None


@dataclass
class _Tally:
    """What the reader skipped or noticed in one export, for the source's notes."""

    service: Counter[str] = field(default_factory=Counter)
    empty: Counter[str] = field(default_factory=Counter)
    empty_ids: list[int] = field(default_factory=list)
    local_dates: int = 0
    self_links: Counter[str] = field(default_factory=Counter)
    posts: int = 0


def looks_like_export(head: bytes) -> bool:
    """Whether a file's first bytes look like a Telegram Desktop chat export."""
    text = head.decode("utf-8", errors="ignore")
    if not text.lstrip("\ufeff \t\r\n").startswith("{") or '"messages"' not in text:
        return False
    return any(f'"{kind}"' in text for kind in CHANNEL_TYPES)


def flatten_text(value: Any) -> str:
    """A post's text from the export's ``text`` (a string, or a list of strings and styled
    pieces ``{"type": "bold", "text": ...}``): the pieces' text joined, markup dropped."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return flatten_text(value.get("text"))
    if isinstance(value, list):
        return "".join(flatten_text(piece) for piece in value)
    return str(value)


def read_telegram(
    path: str | Path, options: ReadOptions | None = None
) -> Iterator[Draft | Rejected]:
    """Drafts from a Telegram Desktop channel export (``result.json``), one per post.

    Raises :class:`~narrascope.errors.InputError` for a file that is not a chat export (a full
    account export, a JSON array, ...) or whose JSON breaks (after the posts read so far).
    """
    path, options = Path(path), options or ReadOptions()
    open_sample(path)
    channel = _header(path)
    if options.channel_username:
        channel.username = _clean_username(options.channel_username, path)
    tally = _Tally()
    with path.open("rb") as raw:
        fh = _Counting(raw, options)
        try:
            for message in ijson.items(fh, "messages.item", use_float=True):
                item = _post(message, channel, path, tally)
                if item is not None:
                    yield item
        except ijson.JSONError as exc:
            raise InputError(
                f"invalid JSON after {tally.posts} posts ({_first_line(exc)})",
                path=path,
                hint="the export is cut short or damaged: export the channel again",
            ) from exc
    options.notes.warnings.extend(_notes(path, tally, channel))


class _Counting:
    """A binary file that reports the bytes read (the progress bar)."""

    def __init__(self, fh: IO[bytes], options: ReadOptions) -> None:
        self._fh, self._options = fh, options

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self._options.advance(len(data))
        return data


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _header(path: Path) -> Channel:
    """The export's top-level name, type, id and username (read before ``messages``)."""
    found: dict[str, Any] = {}
    seen_messages = False
    try:
        with path.open("rb") as fh:
            events = ijson.parse(fh, use_float=True)
            first = next(events, None)
            if first is None or first[1] != "start_map":
                raise _not_export(path, "the file is not a JSON object")
            for prefix, event, value in events:
                if prefix in _HEADER_KEYS and event in ("string", "number"):
                    found[prefix] = value
                elif prefix == "messages" and event == "start_array":
                    seen_messages = True
                if seen_messages and "name" in found and "id" in found:
                    break
    except ijson.JSONError as exc:
        raise InputError(
            f"invalid JSON ({_first_line(exc)})", path=path, hint="is this a Telegram export?"
        ) from exc
    return _channel(found, seen_messages, path)


def _channel(found: Mapping[str, Any], seen_messages: bool, path: Path) -> Channel:
    if not seen_messages:
        raise _not_export(path, 'no top-level "messages" list')
    kind = found.get("type")
    if kind is not None and str(kind) not in CHANNEL_TYPES:
        raise _not_export(path, f"unknown chat type {kind!r}")
    chat_id = found.get("id")
    return Channel(
        name=str(found["name"]) if found.get("name") is not None else None,
        kind=str(kind) if kind is not None else None,
        id=int(chat_id) if isinstance(chat_id, int | float) else None,
        username=_clean_username(found["username"], path) if found.get("username") else None,
    )


def _not_export(path: Path, why: str) -> InputError:
    return InputError(
        f"not a Telegram channel export ({why})",
        path=path,
        hint="export one channel with Telegram Desktop (channel menu > Export chat history, "
        "format JSON); for one article per line use JSON Lines (.jsonl)",
    )


def _clean_username(value: Any, path: Path) -> str:
    name = str(value).strip().removeprefix("https://").removeprefix("t.me/").lstrip("@")
    if not _USERNAME_RE.match(name):
        raise InputError(
            f"invalid Telegram username {value!r}",
            path=path,
            hint="give the channel's @name without @, e.g. --channel-username MID_Russia",
        )
    return name


def _post(
    message: Mapping[str, Any], channel: Channel, path: Path, tally: _Tally
) -> Draft | Rejected | None:
    """One post as a draft; None for a service message or a post without text (counted)."""
    if not isinstance(message, Mapping):
        return reject(path, 0, f"post is not a JSON object (got {type(message).__name__})")
    if message.get("type", "message") != "message":
        tally.service[str(message.get("action") or message.get("type"))] += 1
        return None
    tally.posts += 1
    message_id = message.get("id")
    if not isinstance(message_id, int | float) or isinstance(message_id, bool):
        return reject(path, 0, f"post {tally.posts} has no numeric id")
    number = int(message_id)
    _collect_self_links(message, tally)
    text = _post_text(message)
    if not text.strip():
        tally.empty[_media_kind(message)] += 1
        tally.empty_ids.append(number)
        return None
    try:
        published, local = _post_date(message)
    except ValueError as exc:
        return reject(path, number, f"post {number}: {exc}")
    tally.local_dates += local
    return Draft(
        text=text,
        source_path=str(path),
        line=number,
        raw_sha256=sha256_hex(json.dumps(message, sort_keys=True, ensure_ascii=False)),
        extractor=EXTRACTOR,
        url=channel.post_url(number),
        published_at=published,
        site_name=channel.name,
        forwarded_from=_clean(message.get("forwarded_from")),
    )


def _clean(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _post_text(message: Mapping[str, Any]) -> str:
    text = flatten_text(message.get("text"))
    if not text.strip():
        text = flatten_text(message.get("text_entities"))
    poll = message.get("poll")
    if not text.strip() and isinstance(poll, Mapping):
        answers = [flatten_text(a) for a in poll.get("answers") or []]
        text = "\n".join([flatten_text(poll.get("question")), *answers])
    return text


def _media_kind(message: Mapping[str, Any]) -> str:
    for key in _MEDIA_KEYS:
        if message.get(key):
            return str(message["media_type"]) if key == "media_type" else key
    return "no media"


def _post_date(message: Mapping[str, Any]) -> tuple[datetime | None, bool]:
    """The post's instant in UTC and whether it came from the local-time ``date`` field."""
    unix = message.get("date_unixtime")
    if unix not in (None, ""):
        try:
            return datetime.fromtimestamp(int(str(unix)), tz=UTC), False
        except (ValueError, OverflowError, OSError) as exc:
            raise ValueError(f"invalid date_unixtime {unix!r}") from exc
    local = parse_date(message.get("date"), source="field 'date'")
    return local, local is not None


def _collect_self_links(message: Mapping[str, Any], tally: _Tally) -> None:
    """Count links to t.me/<name>/<post> (a hint at the channel's own username)."""
    pieces = message.get("text")
    if not isinstance(pieces, list):
        return
    for piece in pieces:
        if isinstance(piece, Mapping):
            for value in (piece.get("href"), piece.get("text")):
                match = _SELF_LINK_RE.search(str(value or ""))
                if match:
                    tally.self_links[match[1]] += 1


def _notes(path: Path, tally: _Tally, channel: Channel) -> list[str]:
    notes: list[str] = []
    if tally.service:
        kinds = ", ".join(f"{k} {n}" for k, n in tally.service.most_common(4))
        notes.append(f"{path}: skipped {tally.service.total()} service messages ({kinds})")
    if tally.empty:
        kinds = ", ".join(f"{k} {n}" for k, n in tally.empty.most_common(4))
        shown = ", ".join(map(str, tally.empty_ids[:MAX_IDS_SHOWN]))
        more = f" of {len(tally.empty_ids)}" if len(tally.empty_ids) > MAX_IDS_SHOWN else ""
        notes.append(
            f"{path}: {_posts(tally.empty.total())} without text or caption, not stored "
            f"({kinds}; ids {shown}{more})"
        )
    if tally.local_dates:
        notes.append(
            f"{path}: {_posts(tally.local_dates)} without date_unixtime; dated from 'date', the "
            "exporting computer's local time, read as UTC (may be off by its UTC offset)"
        )
    if not channel.username and tally.self_links:
        name, count = tally.self_links.most_common(1)[0]
        notes.append(
            f"{path}: the export has no channel username, so posts link as t.me/c/<id>/<post>; "
            f"{count} links point to t.me/{name}/...: if that is this channel, ingest again "
            f"with --channel-username {name}"
        )
    return notes


def _posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


def read_json(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """A ``.json`` file: a Telegram export, else JSON Lines (one object per line), else an error
    saying what narrascope reads."""
    path = Path(path)
    head = open_sample(path)
    if looks_like_export(head) or not _is_json_lines(head):
        yield from read_telegram(path, options)
    else:
        yield from read_jsonl(path, options)


def _is_json_lines(head: bytes) -> bool:
    """Whether the first line is a whole JSON object (JSON Lines saved as ``.json``) other
    than a one-line chat export (an object with ``messages``)."""
    first = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "messages" not in record
