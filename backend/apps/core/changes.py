"""Partial updates with typed keyword arguments.

A service that changes some fields of an object takes each field as a keyword argument that
defaults to ``UNCHANGED``, so that ``None`` stays a value one can set (an empty capacity means
"no limit"). ``given`` keeps the arguments that were passed.
"""

import enum
from typing import Any, Final, Literal


class Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


UNCHANGED: Final = Unchanged.UNCHANGED
Keep = Literal[Unchanged.UNCHANGED]


def given(**values: Any) -> dict[str, Any]:
    """The keyword arguments that were passed, by name.

    >>> given(name="Data", capacity=None, language=UNCHANGED)
    {'name': 'Data', 'capacity': None}
    """
    return {name: value for name, value in values.items() if value is not UNCHANGED}
