"""Blocks of the home page, contributed by the apps.

The home page belongs to no app: each app registers the block it offers
(upcoming events, latest news, latest documents, newsletter sign-up) from its
``AppConfig.ready()``. Imports stay one-way — apps import this module, never the
reverse — and a block appears as soon as its app lands.

    from villecaraibe.home import register_block

    register_block("agenda", "actions/home_block.html", upcoming_events_context, order=10)

``get_context(request)`` returns the dict the template receives, or ``None`` to
hide the block. It must run a fixed, small number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeBlock:
    key: str
    template: str
    get_context: Callable
    order: int = 50


_blocks: dict[str, HomeBlock] = {}


def register_block(key, template, get_context, order=50):
    _blocks[key] = HomeBlock(key=key, template=template, get_context=get_context, order=order)


def blocks_for(request):
    """The blocks to show, in order, each as (block, context)."""
    shown = []
    for block in sorted(_blocks.values(), key=lambda b: (b.order, b.key)):
        context = block.get_context(request)
        if context is not None:
            shown.append((block, context))
    return shown
