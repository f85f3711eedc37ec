import pytest

from tests.factories import SkillFactory, SkillSynonymFactory, UserFactory


@pytest.fixture
def taxonomy(db):
    python = SkillFactory.create(code="python", name_zh="Python 编程", name_en="Python programming")
    SkillSynonymFactory.create(skill=python, name="py")
    mlps = SkillFactory.create(code="mlps", name_zh="等级保护", name_en="Classified protection")
    SkillSynonymFactory.create(skill=mlps, name="等保2.0")
    SkillFactory.create(
        code="gis", name_zh="地理信息系统", name_en="Geographic information systems"
    )
    return {"python": python, "mlps": mlps}


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("python", ["python"]),  # English, any case
        ("PYTHON", ["python"]),
        ("编程", ["python"]),  # Chinese
        ("py", ["python"]),  # a synonym
        ("等保", ["mlps"]),  # part of a synonym
        ("information", ["gis"]),
        ("blockchain", []),
    ],
)
def test_skills_are_found_in_either_language_and_by_synonym(
    client_for, taxonomy, text, codes
) -> None:
    response = client_for(UserFactory.create()).get(f"/api/v1/skills/?q={text}")

    assert [skill["code"] for skill in response.json()["results"]] == codes


def test_a_skill_shows_its_category_and_synonyms(client_for, taxonomy) -> None:
    response = client_for(UserFactory.create()).get(f"/api/v1/skills/{taxonomy['mlps'].pk}/")

    skill = response.json()
    assert skill["synonyms"] == ["等保2.0"]
    assert skill["category"]["id"] == taxonomy["mlps"].category_id
    assert (skill["name_zh"], skill["name_en"]) == ("等级保护", "Classified protection")


def test_a_synonym_is_unique_whatever_its_case(taxonomy) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SkillSynonymFactory.create(skill=taxonomy["mlps"], name="PY")


def test_the_skill_levels_and_provenances_are_the_matchers() -> None:
    """What the backend stores is what the matcher reads: the same levels, the same
    provenances, in the same order of trust."""
    from apps.skills.models import MAX_LEVEL, MIN_LEVEL, Provenance
    from matching import model as matcher

    assert (MIN_LEVEL, MAX_LEVEL) == (matcher.MIN_LEVEL, matcher.MAX_LEVEL)
    assert tuple(Provenance.values) == matcher.PROVENANCES
