"""How sensitive values look to those who may not read them."""

VISIBLE_PREFIX = 3
VISIBLE_SUFFIX = 4


def mask(value: str) -> str:
    """Hide the middle of ``value``, keeping its length.

    >>> mask("13812345678")
    '138****5678'
    >>> mask("110101199003071234")
    '110***********1234'
    >>> mask("1234567")
    '*******'
    >>> mask("")
    ''
    """
    if len(value) <= VISIBLE_PREFIX + VISIBLE_SUFFIX:
        return "*" * len(value)
    hidden = len(value) - VISIBLE_PREFIX - VISIBLE_SUFFIX
    return value[:VISIBLE_PREFIX] + "*" * hidden + value[-VISIBLE_SUFFIX:]
