"""Forbidden pairs: never proposed, as if the person were not eligible for that need."""

import pytest

from matching import InvalidInputError, propose, random_instance


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_forbidding_every_pair_of_a_person_is_leaving_them_out(seed) -> None:
    instance = random_instance(120, 40, seed=seed)
    whole = propose(instance.people, instance.needs, instance.departments, explain=False)
    person = whole.assignments[0].person
    forbidden = {(person.id, need.id) for need in instance.needs}
    others = [other for other in instance.people if other.id != person.id]

    without_pairs = propose(
        instance.people, instance.needs, instance.departments, explain=False, forbidden=forbidden
    )
    without_person = propose(others, instance.needs, instance.departments, explain=False)

    assert without_pairs.total_fit == without_person.total_fit
    assert [(a.person.id, a.need.id) for a in without_pairs.assignments] == [
        (a.person.id, a.need.id) for a in without_person.assignments
    ]


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_a_forbidden_pair_is_neither_proposed_nor_a_runner_up(seed) -> None:
    instance = random_instance(120, 40, seed=seed)
    whole = propose(instance.people, instance.needs, instance.departments)
    chosen = whole.assignments[0]
    pair = (chosen.person.id, chosen.need.id)

    proposal = propose(instance.people, instance.needs, instance.departments, forbidden={pair})

    assert pair not in {(a.person.id, a.need.id) for a in proposal.assignments}
    assert proposal.total_fit <= whole.total_fit
    assert not any(
        (runner_up.person.id, explanation.need.id) == pair
        for explanation in proposal.explanations
        for runner_up in explanation.runner_ups
    )


def test_a_forbidden_pair_naming_someone_not_given_is_refused() -> None:
    instance = random_instance(20, 5, seed=1)
    need = instance.needs[0].id

    with pytest.raises(InvalidInputError, match="no person 'P-nobody'") as refused:
        propose(
            instance.people, instance.needs, instance.departments, forbidden={("P-nobody", need)}
        )
    assert (refused.value.item, refused.value.field) == ("P-nobody", "forbidden")
    with pytest.raises(InvalidInputError, match="no need 'N-nothing'"):
        propose(
            instance.people,
            instance.needs,
            instance.departments,
            forbidden={(instance.people[0].id, "N-nothing")},
        )
