"""The document tree: numbers derive from the order of the rows, in a fixed number of queries."""

import pytest

from strategy.document import document_tree, labels
from tests.factories import (
    GuidelineFactory,
    IndicatorFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def build(strategy, objectives):
    guideline = GuidelineFactory(strategy=strategy, title="Incluziune")
    for i in range(objectives):
        objective = StrategicObjectiveFactory(
            strategy=strategy, title=f"Obiectiv {i}", position=i, guideline=guideline
        )
        for j in range(2):
            specific = SpecificObjectiveFactory(objective=objective, position=j)
            IndicatorFactory(specific_objective=specific, position=0)
            IndicatorFactory(
                specific_objective=specific, position=1, baseline=None, baseline_year=None
            )


def test_numbers_follow_the_positions_and_change_when_reordered(world):
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    first = StrategicObjectiveFactory(strategy=strategy, title="Locuire", position=0)
    second = StrategicObjectiveFactory(strategy=strategy, title="Îngrijire", position=1)
    SpecificObjectiveFactory(objective=second, title="Servicii la domiciliu", position=0)
    tree = document_tree(strategy)
    assert [(o["number"], o["title"]) for o in tree["objectives"]] == [
        ("OS1", "Locuire"),
        ("OS2", "Îngrijire"),
    ]
    assert tree["objectives"][1]["specific"][0]["number"] == "OS2.1"

    first.position, second.position = 1, 0
    first.save()
    second.save()
    tree = document_tree(strategy)
    assert tree["objectives"][0]["number"] == "OS1"
    assert tree["objectives"][0]["title"] == "Îngrijire"
    assert labels(tree)[("specific", tree["objectives"][0]["specific"][0]["id"])] == (
        "OS1.1 Servicii la domiciliu"
    )


def test_indicator_values_are_plain_text_numbers(world):
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    IndicatorFactory(
        specific_objective=SpecificObjectiveFactory(
            objective=StrategicObjectiveFactory(strategy=strategy)
        ),
        baseline="60.00",
        target="120.50",
    )
    indicator = document_tree(strategy)["objectives"][0]["specific"][0]["indicators"][0]
    assert (indicator["number"], indicator["baseline"], indicator["target"]) == (
        "I1.1.1",
        "60",
        "120.5",
    )


def test_the_tree_costs_the_same_queries_for_two_or_twelve_objectives(world):
    small = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    build(small, 2)
    large = StrategyFactory(municipality=world.other_municipality, cycle=world.other_cycle)
    build(large, 12)
    assert count_queries(lambda: document_tree(small)) == count_queries(
        lambda: document_tree(large)
    )
