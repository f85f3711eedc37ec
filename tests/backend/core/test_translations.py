"""The backend's own messages in Simplified Chinese: complete, and compiled."""

import re
from pathlib import Path

from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[3] / "backend" / "locale" / "zh_Hans" / "LC_MESSAGES"
ENTRY = re.compile(
    r'^(?:msgctxt (".*")\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', flags=re.MULTILINE
)
#: Chinese: ideographs, or Chinese punctuation alone (a list's 、, full-width brackets).
CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def entries() -> list[tuple[str, str, str]]:
    """Each message of the catalogue: its context (often none), its text and its translation."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")

    def joined(lines: str) -> str:
        return "".join(re.findall(r'"(.*)"', lines)).replace('\\"', '"')

    return [
        (joined(context), joined(msgid), joined(msgstr))
        for context, msgid, msgstr in ENTRY.findall(text)
        if joined(msgid)
    ]


def test_every_message_has_a_chinese_translation() -> None:
    untranslated = [msgid for _context, msgid, msgstr in entries() if not CHINESE.search(msgstr)]

    assert len(entries()) > 50
    assert untranslated == []


def test_the_compiled_catalogue_is_the_one_written() -> None:
    with translation.override("zh-hans"):
        stale = [
            msgid
            for context, msgid, msgstr in entries()
            if (translation.pgettext(context, msgid) if context else translation.gettext(msgid))
            != msgstr
        ]

    assert stale == [], "run `manage.py compilemessages` in backend/ and commit the .mo"


def test_the_api_answers_in_the_language_asked_for(client) -> None:
    chinese = client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="en")

    assert (chinese.json()["detail"], english.json()["detail"]) == ("未找到。", "Not found.")
