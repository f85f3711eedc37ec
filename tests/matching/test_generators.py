"""The random instance generator: reproducible, and shaped as documented."""

from __future__ import annotations

from collections import Counter

from matching import random_instance, validate
from matching.index import prepare


def test_same_seed_same_instance_other_seed_other_instance():
    assert random_instance(100, 30, seed=3) == random_instance(100, 30, seed=3)
    assert random_instance(100, 30, seed=3) != random_instance(100, 30, seed=4)


def test_instances_are_valid_and_shaped_as_documented():
    instance = random_instance(2000, 500, seed=1)
    validate(instance.people, instance.needs, instance.departments)
    assert (len(instance.people), len(instance.needs), len(instance.departments)) == (2000, 500, 10)
    assert {need.headcount for need in instance.needs} == {1, 2, 3}
    pairs = prepare(instance.people, instance.needs, instance.departments).pairs
    assert 16 <= len(pairs) / len(instance.people) <= 24  # about 20 eligible needs per person
    staff = Counter(person.department for person in instance.people)
    tight = [d for d in instance.departments if d.release_cap < staff[d.id]]
    assert len(tight) == 2  # a fifth of 10
    assert all(d.release_cap == staff[d.id] for d in instance.departments if d not in tight)
