"""Apps above org (plans, awards, …) register how their open work follows an agency merger.

org cannot import those apps (dependency direction), so they register a handler here from their
AppConfig.ready(). Each handler is called as ``handler(source=, into=, on=, actor=)`` inside the
merge transaction and returns counts for the audit entry, e.g. ``{"plans": 3}``.
"""

from __future__ import annotations

from collections.abc import Callable

MergeHandler = Callable[..., dict[str, int] | None]
_handlers: list[MergeHandler] = []


def register(handler: MergeHandler) -> MergeHandler:
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def handlers() -> list[MergeHandler]:
    return list(_handlers)
