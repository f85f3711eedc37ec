"""Benchmark of the matcher against the raw solvers on the same network.

Usage (from the project root)::

    .venv/bin/python bench/matching.py                       # the four sizes
    .venv/bin/python bench/matching.py --sizes 500x200,2000x500 --repeat 5

For each size a random instance is generated from ``--seed`` (about 20 eligible needs per
person, headcounts 1-3, a fifth of the departments with a binding release cap), and each
measurement runs in a fresh child process so that its memory is its own:

* ``propose``: the whole library call with explanations (``solver="auto"``: OR-Tools);
* ``solve``: the library's solver step alone on the prepared network (OR-Tools, with the
  tie-break costs), and its tie-break step (potentials and canonical optimum);
* ``raw OR-Tools``: ``SimpleMinCostFlow`` on the same arrays with the plain costs
  (``-fit``), nothing else: the floor for any wrapper;
* ``network_simplex``: networkx's ``network_simplex`` on the same network built as a
  ``DiGraph`` with the plain costs (skipped above ``--simplex-max-pairs``, stopped after
  ``--simplex-timeout`` seconds).

Times are the best of ``--repeat`` runs (network_simplex: one run). Memory is the peak
resident set size of the child process (``resource.getrusage(...).ru_maxrss``), reported
whole (interpreter, NumPy, networkx and OR-Tools loaded, the instance, the call) and as the
increase over the process just before the call (holding the instance, and for the solver
rows its network too).
The optimal total fits of all methods must agree; the script fails if they do not.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import queue
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# This file is bench/matching.py: drop its directory from the path so that ``matching``
# is the library, not this script.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import numpy as np  # noqa: E402

from matching import Department, Floor, Instance, propose, random_instance  # noqa: E402
from matching.index import prepare  # noqa: E402
from matching.network import model_from_pairs, solve  # noqa: E402
from matching.tiebreak import canonical_flow  # noqa: E402

SIZES = ((500, 200), (2_000, 500), (10_000, 2_000), (50_000, 10_000))
#: Above this many eligible pairs the floored run is not explained (one integer program
#: per runner-up whose best seating would break a floor: minutes at 10,000x2,000).
FLOORS_EXPLAIN_MAX_PAIRS = 50_000
MIB = 1024 * 1024


@dataclass(frozen=True)
class Task:
    kind: str
    people: int
    needs: int
    seed: int
    repeat: int


def _current_rss() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize()


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _best(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best, result


def _measure_propose(instance: Any, repeat: int) -> dict[str, Any]:
    seconds, proposal = _best(
        lambda: propose(instance.people, instance.needs, instance.departments), repeat
    )
    return {
        "seconds": seconds,
        "total": round(proposal.total_fit * 100),
        "assignments": len(proposal.assignments),
        "unfilled": sum(u.seats for u in proposal.unfilled),
        "pairs": proposal.stats.eligible_pairs,
        "phases": dict(proposal.stats.timings),
        "settled": proposal.stats.tie_settled,
        "solver": proposal.stats.solver,
    }


def _with_floors(instance: Any) -> Any:
    """The instance with two overlapping critical-skill floors per department, set to bind:
    on its two most held skills at level 3 or above, a third of the holders may go."""
    from collections import Counter

    held: dict[str, Counter[str]] = {d.id: Counter() for d in instance.departments}
    for person in instance.people:
        for skill, evidence in person.skills.items():
            if evidence.level >= 3:
                held[person.department][skill] += 1
    departments = [
        Department(
            d.id,
            d.release_cap,
            [Floor(skill, 3, count // 3) for skill, count in held[d.id].most_common(2)],
        )
        for d in instance.departments
    ]
    return Instance(instance.people, instance.needs, tuple(departments))


def _measure_floors(instance: Any, repeat: int) -> dict[str, Any]:
    floored = _with_floors(instance)
    seconds, proposal = _best(
        lambda: propose(floored.people, floored.needs, floored.departments, explain=False),
        repeat,
    )
    measured = {
        "seconds": seconds,
        "total": round(proposal.total_fit * 100),
        "assignments": len(proposal.assignments),
        "method": proposal.stats.floors,
        "floors": sum(len(d.floors) for d in floored.departments),
        "explain_seconds": None,
    }
    if proposal.stats.eligible_pairs <= FLOORS_EXPLAIN_MAX_PAIRS:
        measured["explain_seconds"], _ = _best(
            lambda: propose(floored.people, floored.needs, floored.departments), 1
        )
    return measured


def _model(instance: Any) -> Any:
    return model_from_pairs(prepare(instance.people, instance.needs, instance.departments))


def _measure_solve(instance: Any, repeat: int) -> dict[str, Any]:
    model = _model(instance)
    before = _current_rss()
    seconds, flows = _best(lambda: solve(model, "ortools"), repeat)
    tie_seconds, (canonical, _) = _best(lambda: canonical_flow(model, flows), repeat)
    return {
        "seconds": seconds,
        "tie_seconds": tie_seconds,
        "total": int(model.fits @ canonical[model.pair_arcs]),
        "baseline": before,
    }


def _raw_ortools(model: Any) -> int:
    from ortools.graph.python import min_cost_flow

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        model.tails.astype(np.int32),
        model.heads.astype(np.int32),
        model.capacities,
        model.plain_costs(),
    )
    flow.set_node_supply(0, model.supply)
    flow.set_node_supply(1, -model.supply)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("raw OR-Tools did not reach an optimum")
    flows = flow.flows(np.arange(len(model.tails), dtype=np.int32))
    return -int(flow.optimal_cost()) if len(flows) else 0


def _measure_raw(instance: Any, repeat: int) -> dict[str, Any]:
    model = _model(instance)
    before = _current_rss()
    seconds, total = _best(lambda: _raw_ortools(model), repeat)
    return {"seconds": seconds, "total": total, "baseline": before}


def _measure_simplex(instance: Any, repeat: int) -> dict[str, Any]:
    import networkx as nx

    model = _model(instance)
    before = _current_rss()
    started = time.perf_counter()
    graph = model.to_networkx(plain=True)
    built = time.perf_counter()
    cost, _ = nx.network_simplex(graph)
    return {
        "seconds": time.perf_counter() - built,
        "build_seconds": built - started,
        "total": -int(cost),
        "baseline": before,
    }


MEASURES = {
    "propose": _measure_propose,
    "floors": _measure_floors,
    "solve": _measure_solve,
    "raw": _measure_raw,
    "simplex": _measure_simplex,
}


def _child(task: Task, results: Any) -> None:
    # Import the solvers first: their code (tens of MiB) counts in the peak, not in the "+".
    import networkx  # noqa: F401
    from ortools.graph.python import min_cost_flow  # noqa: F401

    instance = random_instance(task.people, task.needs, seed=task.seed)
    before = _current_rss()
    outcome = MEASURES[task.kind](instance, task.repeat)
    outcome.setdefault("baseline", before)
    outcome["peak"] = _peak_rss()
    results.put(outcome)


def _run(task: Task, timeout: float | None = None) -> dict[str, Any] | None:
    """Run one measurement in a fresh process; ``None`` if it fails or exceeds ``timeout``."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_child, args=(task, results))
    process.start()
    started = time.monotonic()
    while True:
        try:
            outcome: dict[str, Any] = results.get(timeout=1.0)
        except queue.Empty:
            if not process.is_alive():  # the child failed; its traceback is on stderr
                process.join()
                return None
            if timeout is not None and time.monotonic() - started > timeout:
                process.kill()
                process.join()
                return None
            continue
        process.join()
        return outcome


def _mib(value: int) -> str:
    return f"{value / MIB:,.0f}"


def _size(people: int, needs: int) -> str:
    return f"{people:,}x{needs:,}"


def bench(args: argparse.Namespace) -> int:
    rows = []
    floor_rows = []
    for people, needs in args.sizes:
        label = _size(people, needs)
        print(f"[{label}] propose ...", file=sys.stderr, flush=True)
        proposed = _run(Task("propose", people, needs, args.seed, args.repeat))
        print(f"[{label}] propose with floors ...", file=sys.stderr, flush=True)
        floored = _run(Task("floors", people, needs, args.seed, args.repeat), args.floors_timeout)
        print(f"[{label}] solve alone ...", file=sys.stderr, flush=True)
        solved = _run(Task("solve", people, needs, args.seed, args.repeat))
        print(f"[{label}] raw OR-Tools ...", file=sys.stderr, flush=True)
        raw = _run(Task("raw", people, needs, args.seed, args.repeat))
        if proposed is None or solved is None or raw is None:
            print(f"[{label}] a measurement failed", file=sys.stderr)
            return 1
        simplex = None
        simplex_note = ""
        if proposed["pairs"] > args.simplex_max_pairs:
            simplex_note = f"not run (> {args.simplex_max_pairs:,} pairs)"
        else:
            print(f"[{label}] network_simplex ...", file=sys.stderr, flush=True)
            simplex = _run(Task("simplex", people, needs, args.seed, 1), args.simplex_timeout)
            if simplex is None:
                simplex_note = f"stopped after {args.simplex_timeout:.0f} s"
        totals = {proposed["total"], solved["total"], raw["total"]}
        if simplex is not None:
            totals.add(simplex["total"])
        if len(totals) != 1:
            print(f"[{label}] optimal totals disagree: {sorted(totals)}", file=sys.stderr)
            return 1
        rows.append((people, needs, proposed, solved, raw, simplex, simplex_note))
        floor_rows.append((people, needs, proposed, floored))
    _print_tables(args, rows)
    _print_floors(args, floor_rows)
    return 0


def _print_tables(args: argparse.Namespace, rows: list[tuple[Any, ...]]) -> None:
    print(
        f"Matcher benchmark (seed {args.seed}, best of {args.repeat}; "
        f"Python {platform.python_version()}, {multiprocessing.cpu_count()} CPUs)\n"
    )
    print(
        "| people x needs | eligible pairs | propose with explanations | peak RSS MiB "
        "(+ over instance) | solve | tie-break | raw OR-Tools | solve / raw | "
        "(solve + tie-break) / raw | network_simplex (graph build) | simplex / raw | "
        "optimal total fit |"
    )
    print("|" + "---|" * 12)
    for people, needs, proposed, solved, raw, simplex, note in rows:
        ratio = solved["seconds"] / raw["seconds"]
        ratio_tie = (solved["seconds"] + solved["tie_seconds"]) / raw["seconds"]
        if simplex is None:
            simplex_cell, simplex_ratio = note, "-"
        else:
            simplex_cell = f"{simplex['seconds']:.2f} s ({simplex['build_seconds']:.2f} s)"
            simplex_ratio = f"{simplex['seconds'] / raw['seconds']:,.0f}x"
        print(
            f"| {_size(people, needs)} | {proposed['pairs']:,} | {proposed['seconds']:.2f} s | "
            f"{_mib(proposed['peak'])} (+{_mib(proposed['peak'] - proposed['baseline'])}) | "
            f"{solved['seconds']:.3f} s | {solved['tie_seconds']:.3f} s | "
            f"{raw['seconds']:.3f} s | {ratio:.2f}x | {ratio_tie:.2f}x | {simplex_cell} | "
            f"{simplex_ratio} | {proposed['total'] / 100:,.2f} |"
        )
    print(
        "\nPhases of propose (seconds) and memory of the solver steps (peak RSS MiB, + over "
        "the process holding the instance and its network)\n"
    )
    print(
        "| people x needs | prepare | model | solve | tie-break | explain | proposed | "
        "seats left | tie-break settled | solve RSS | raw OR-Tools RSS | network_simplex RSS |"
    )
    print("|" + "---|" * 12)
    for people, needs, proposed, solved, raw, simplex, _ in rows:
        phases = proposed["phases"]
        simplex_rss = (
            "-"
            if simplex is None
            else f"{_mib(simplex['peak'])} (+{_mib(simplex['peak'] - simplex['baseline'])})"
        )
        print(
            f"| {_size(people, needs)} | {phases['prepare']:.2f} | {phases['model']:.2f} | "
            f"{phases['solve']:.2f} | {phases['tie_break']:.2f} | {phases['explain']:.2f} | "
            f"{proposed['assignments']:,} | {proposed['unfilled']:,} | {proposed['settled']} | "
            f"{_mib(solved['peak'])} (+{_mib(solved['peak'] - solved['baseline'])}) | "
            f"{_mib(raw['peak'])} (+{_mib(raw['peak'] - raw['baseline'])}) | {simplex_rss} |"
        )
    print("\nTargets")
    for people, needs, proposed, solved, raw, _, _ in rows:
        if (people, needs) == (10_000, 2_000):
            ratio = solved["seconds"] / raw["seconds"]
            print(
                f"- 10,000x2,000 with explanations under 5 s: {proposed['seconds']:.2f} s "
                f"({'met' if proposed['seconds'] < 5 else 'MISSED'}); solve within 1.5x of raw "
                f"OR-Tools: {ratio:.2f}x ({'met' if ratio <= 1.5 else 'MISSED'})"
            )
        if (people, needs) == (50_000, 10_000):
            fast, small = proposed["seconds"] < 30, proposed["peak"] < 2 * 1024 * MIB
            print(
                f"- 50,000x10,000 under 30 s and 2 GB: {proposed['seconds']:.2f} s, "
                f"{_mib(proposed['peak'])} MiB peak RSS "
                f"({'met' if fast and small else 'MISSED'})"
            )


def _print_floors(args: argparse.Namespace, rows: list[tuple[Any, ...]]) -> None:
    print(
        "\nCritical-skill floors: the same instance with two overlapping floors per department "
        "(a third of the holders of its two most held skills at level >= 3 may go)\n"
    )
    print(
        "| people x needs | floors | method | propose, no explanations: with floors | "
        "without (phases prepare..tie-break of the run above) | with explanations | proposed | "
        "total fit (without floors) |"
    )
    print("|" + "---|" * 8)
    for people, needs, proposed, floored in rows:
        if floored is None:
            print(f"| {_size(people, needs)} | stopped after {args.floors_timeout:.0f} s |")
            continue
        phases = proposed["phases"]
        plain = sum(phases[name] for name in ("prepare", "model", "solve", "tie_break"))
        explained = floored["explain_seconds"]
        explained_cell = (
            f"not run (> {FLOORS_EXPLAIN_MAX_PAIRS:,} pairs)"
            if explained is None
            else f"{explained:.2f} s"
        )
        print(
            f"| {_size(people, needs)} | {floored['floors']} | {floored['method']} | "
            f"{floored['seconds']:.2f} s | {plain:.2f} s | {explained_cell} | "
            f"{floored['assignments']:,} | "
            f"{floored['total'] / 100:,.2f} ({proposed['total'] / 100:,.2f}) |"
        )


def _parse_size(text: str) -> tuple[int, int]:
    people, needs = text.lower().replace(",", "").replace("_", "").split("x")
    return int(people), int(needs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [_parse_size(part) for part in text.split(",") if part],
        default=list(SIZES),
        help="comma-separated PEOPLExNEEDS (default: 500x200,2000x500,10000x2000,50000x10000)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="instance seed (default 2026)")
    parser.add_argument(
        "--floors-timeout",
        type=float,
        default=600.0,
        help="seconds before a run with floors is stopped (default 600)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, best kept")
    parser.add_argument(
        "--simplex-max-pairs",
        type=int,
        default=300_000,
        help="skip network_simplex above this many eligible pairs (default 300,000)",
    )
    parser.add_argument(
        "--simplex-timeout",
        type=float,
        default=300.0,
        help="stop network_simplex after this many seconds (default 300)",
    )
    return bench(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
