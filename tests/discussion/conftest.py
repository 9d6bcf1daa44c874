from tests.discussion.helpers import published  # noqa: F401 (a fixture)
