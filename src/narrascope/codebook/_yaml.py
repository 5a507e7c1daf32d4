"""Composing codebook YAML into a node tree, safely.

YAML aliases (``*name``) reuse an anchored node (``&name``) without copying it, so a few
hundred bytes can describe a value of billions of nodes (an "alias bomb") that hangs or
exhausts memory as soon as it is expanded, printed or hashed. The loader here counts, while it
composes and before anything is constructed, how much each alias would expand to (nodes plus
scalar characters) and refuses a file whose aliases add more than :data:`ALIAS_BUDGET`, an
alias to a node that contains it, or nesting deeper than :data:`MAX_DEPTH`. Every refusal is a
:class:`~narrascope.errors.CodebookError` with the file and the line of the alias.
"""

from __future__ import annotations

from typing import Any

import yaml

from narrascope.codebook.cues import clip
from narrascope.errors import CodebookError

ALIAS_BUDGET = 100_000  # nodes + scalar characters that all aliases together may add
MAX_DEPTH = 64  # nested lists/mappings


def _size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Nodes plus scalar characters of ``node`` with every alias expanded (memoised)."""
    found = memo.get(id(node))
    if found is not None:
        return found
    if isinstance(node, yaml.ScalarNode):
        size = 1 + len(str(node.value))
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_size(item, memo) for item in node.value)
    else:
        size = 1 + sum(_size(k, memo) + _size(v, memo) for k, v in node.value)
    memo[id(node)] = size
    return size


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader whose composer bounds alias expansion and nesting depth."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source = source
        self.expanded = 0
        self.depth = 0
        self.sizes: dict[int, int] = {}

    def _refuse(self, mark: Any, message: str, hint: str) -> CodebookError:
        line = mark.line + 1 if mark is not None else None
        return CodebookError(message, path=self.source, line=line, hint=hint)

    def _check_alias(self, event: yaml.AliasEvent) -> None:
        node = self.anchors.get(event.anchor)
        if node is None:
            return  # PyYAML reports the undefined alias
        if node.end_mark is None:  # still being composed: the alias is inside its anchor
            raise self._refuse(
                event.start_mark,
                f"alias *{event.anchor} is inside the node it refers to",
                "an alias cannot refer to a list or mapping that contains it; write it out",
            )
        self.expanded += _size(node, self.sizes)
        if self.expanded > ALIAS_BUDGET:
            raise self._refuse(
                event.start_mark,
                f"YAML aliases expand to more than {ALIAS_BUDGET:,} nodes and characters "
                f"(at alias *{event.anchor})",
                "write the values out instead of nesting aliases (&anchor / *alias)",
            )

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._check_alias(event)
            return super().compose_node(parent, index)
        collection = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
        if collection and self.depth >= MAX_DEPTH:
            raise self._refuse(
                event.start_mark,
                f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
                "a codebook needs a few levels; check the brackets and indentation",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _syntax_error(exc: yaml.MarkedYAMLError, source: str) -> CodebookError:
    mark = exc.problem_mark
    if exc.context_mark is not None and (mark is None or "end of stream" in str(exc.problem)):
        mark = exc.context_mark  # e.g. an unclosed quote: point at where it opened
    line = mark.line + 1 if mark is not None else None
    problem = "; ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
    return CodebookError(
        f"YAML syntax error: {clip(problem, 200)}",
        path=source,
        line=line,
        hint="check indentation, colons and quotes around text with ': ' or '#'",
    )


def compose(text: str, source: str) -> yaml.Node:
    """The YAML node tree of ``text`` (one document), aliases bounded.

    Raises:
        CodebookError: a syntax error, an empty document, aliases beyond the budget, an alias
            inside its own anchor, or nesting beyond :data:`MAX_DEPTH`.
    """
    loader = _BoundedLoader(text, source)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, source) from None
    except yaml.YAMLError as exc:
        message = f"YAML error: {clip(str(exc), 200)}"
        raise CodebookError(message, path=source, hint="fix the YAML") from None
    finally:
        loader.dispose()
    if root is None:
        raise CodebookError("the codebook is empty", path=source, line=1, hint="see the docs")
    return root
