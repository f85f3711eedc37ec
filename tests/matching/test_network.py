"""The flow network: its structure, its networkx view and the solvers on it."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from matching import Policy, Requirement, SolverError, build_flow_model, random_instance
from matching import network as network_module
from matching.network import solve
from tests.matching.builders import departments, need, person


def _small_model(policy: Policy | None = None):
    people = [
        person("P-1", "D-1", {"GIS": 4}),
        person("P-2", "D-1", {"GIS": 2}),
        person("P-3", "D-2", {"SQL": 5}),  # eligible for nothing: left out of the network
    ]
    needs = [
        need("N-1", headcount=2),
        need("N-2", requirements=[Requirement("GIS", 3)]),
        need("N-3", requirements=[Requirement("R", 1)]),  # nobody eligible: left out
    ]
    return build_flow_model(
        people, needs, departments("D-1", "D-2", "D-9", caps={"D-1": 1}), policy=policy or Policy()
    )


def test_network_has_the_documented_shape():
    graph = _small_model().to_networkx()
    assert set(graph.nodes) == {
        "source",
        "sink",
        ("department", "D-1"),
        ("person", "P-1"),
        ("person", "P-2"),
        ("need", "N-1"),
        ("need", "N-2"),
    }
    capacity = nx.get_edge_attributes(graph, "capacity")
    assert capacity == {
        ("source", "sink"): 1,  # F = min(release 1, seats 3, people 2)
        ("source", ("department", "D-1")): 1,
        (("department", "D-1"), ("person", "P-1")): 1,
        (("department", "D-1"), ("person", "P-2")): 1,
        (("person", "P-1"), ("need", "N-1")): 1,
        (("person", "P-1"), ("need", "N-2")): 1,
        (("person", "P-2"), ("need", "N-1")): 1,
        (("need", "N-1"), "sink"): 2,
        (("need", "N-2"), "sink"): 1,
    }
    assert nx.get_node_attributes(graph, "demand") == {"source": -1, "sink": 1}


def test_pair_costs_are_minus_fit_scaled_plus_the_lottery():
    model = _small_model()
    plain = model.to_networkx(plain=True)
    scaled = model.to_networkx()
    for tail, head, fit in plain.edges(data="fit"):
        if fit is None:
            assert plain.edges[tail, head]["weight"] == scaled.edges[tail, head]["weight"] == 0
            continue
        assert plain.edges[tail, head]["weight"] == -round(fit * 100)
        lottery = -scaled.edges[tail, head]["weight"] - round(fit * 100) * model.scale
        assert 0 <= lottery < 2**12
    assert model.scale == 1 * (2**12 - 1) + 1


def test_id_tie_break_uses_the_plain_costs():
    model = _small_model(Policy(tie_break="id"))
    assert model.scale == 1
    np.testing.assert_array_equal(model.costs, model.plain_costs())


@pytest.mark.parametrize("plain", [True, False])
def test_both_solvers_reach_the_same_optimal_cost(plain):
    instance = random_instance(150, 50, seed=11)
    model = build_flow_model(instance.people, instance.needs, instance.departments)
    costs = model.plain_costs() if plain else model.costs
    by_ortools = solve(model, "ortools", plain=plain)
    by_networkx = solve(model, "networkx", plain=plain)
    assert int(costs @ by_ortools) == int(costs @ by_networkx) < 0


def test_network_simplex_on_the_graph_agrees_with_the_arrays():
    model = _small_model()
    cost, _ = nx.network_simplex(model.to_networkx())
    assert cost == int(model.costs @ solve(model, "ortools"))


def test_exact_integer_costs_have_a_documented_limit(monkeypatch):
    monkeypatch.setattr(network_module, "MAX_FIT", 2**60)
    with pytest.raises(SolverError, match="too large for exact integer costs"):
        _small_model()
