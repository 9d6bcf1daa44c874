"""Pages and services in English here: see tests/english.py."""

from tests.english import client, ctx  # noqa: F401 (fixtures)
