"""The Swedish catalogue is complete: every string in the code is translated, placeholders kept."""

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "tracker/translations/sv/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.fixture(scope="module")
def swedish():
    with CATALOGUE.open("rb") as fh:
        return read_po(fh, locale="sv")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages as the code has them now, extracted like `make extract-messages` does."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k",
         "lazy_gettext", "-o", str(pot), str(ROOT)]
    )  # fmt: skip
    with pot.open("rb") as fh:
        return read_po(fh)


def _key(message_id):
    return message_id if isinstance(message_id, str) else message_id[0]


def test_every_string_in_the_code_has_a_swedish_translation(swedish, extracted):
    missing = []
    for message in extracted:
        if not message.id:
            continue
        translated = swedish.get(message.id)
        strings = translated.string if translated else ""
        if isinstance(strings, str):
            strings = (strings,)
        if not translated or not all(strings) or translated.fuzzy:
            missing.append(_key(message.id))
    assert not missing, "Run `make extract-messages` and translate: " + "; ".join(missing)


def test_swedish_translations_keep_their_placeholders(swedish):
    wrong = []
    for message in swedish:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in strings):
            wrong.append(_key(message.id))
    assert not wrong, wrong
