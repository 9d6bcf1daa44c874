"""The HTML of the board's cards, built in Python.

A Jinja macro spent ~0.1 ms per card on call overhead and attribute lookups (and Markup.format
is slower still); a board of 500 cards has to render in well under 40 ms. So the cards are
plain string building, a whole column in one call, and every value in them is escaped: the
title by `escape`, the repeating names and texts by the kit's cache of escaped strings.
"""

from collections.abc import Iterable

from markupsafe import Markup, escape

from tracker.board.cards import Card
from tracker.board.kit import CardKit


def cards_html(cards: Iterable[Card], kit: CardKit, view: str) -> Markup:
    """The <li> of each card, in order."""
    parts: list[str] = []
    add = parts.append
    esc, movable, days, priority, supporters = (
        kit.esc, kit.movable, kit.days_in_stage, kit.priority, kit.supporters
    )  # fmt: skip
    show, (move_head, move_tail) = kit.show_prefix, kit.move_parts
    move_head = str(escape(move_head))
    move_tail = str(escape(move_tail + (f"?{view}" if view else "")))
    move_label, tags_label = kit.move_label, kit.tags_label
    handle = '<span class="drag-handle" aria-hidden="true">⠿</span>'
    for card in cards:
        targets = movable(card)
        title = str(escape(card.title))
        meta = esc(card.unit_name)
        if card.owner_name:
            meta = f"{meta} · {esc(card.owner_name)}"
        if card.confidential:
            meta = f'<span class="badge confidential">{kit.confidential}</span> {meta}'

        facts = f"<span>{days(card)}</span>"
        if card.priority_score is not None:
            facts = f"<span>{priority(card.priority_score)}</span>{facts}"
        if card.support_count:
            facts = f"{facts}<span>{supporters(card.support_count)}</span>"
        if targets:
            url = f"{move_head}/{card.id}/{move_tail}"  # the id is digits: nothing to escape
            top = f' data-targets="{" ".join(targets)}"><div class="card-top">{handle}'
            move = (
                f'<a class="card-move" href="{url}" hx-get="{url}" hx-target="#gate-dialog-body" '
                f'hx-swap="innerHTML">{move_label}'
                f'<span class="visually-hidden"> “{title}”</span></a>'
            )
        else:
            top, move = '><div class="card-top">', ""
        if card.category_name or card.tags:
            items = "".join(f"<li>{esc(tag)}</li>" for tag in card.tags)
            if card.category_name:
                items = f'<li class="card-category">{esc(card.category_name)}</li>{items}'
            tags = f'<ul class="card-tags" aria-label="{tags_label}">{items}</ul>'
        else:
            tags = ""
        add(
            f'<li class="card" id="card-{card.id}" data-id="{card.id}" '
            f'data-version="{card.version}"{top}'
            f'<a class="card-title" href="{show}{card.id}">{title}</a></div>'
            f'<p class="card-meta">{meta}</p><p class="card-facts">{facts}</p>'
            f"{tags}{move}</li>"
        )
    return Markup("".join(parts))  # noqa: S704 (every value above is escaped)  # nosec B704
