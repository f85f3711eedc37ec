"""A path converter for ids: whole numbers the database can hold, so that an id too large for
it answers 404 like any other missing one, instead of failing in the database."""

from apps.core.ids import MAX_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("too large for an id")  # Django then tries the next pattern: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)
