"""Pages measured by `make bench`: each at two data sizes, with a median server-time target."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class BenchPage:
    name: str
    url: Callable  # municipality -> url
    persona: Callable  # municipality -> user
    target_ms: float


PAGES: list[BenchPage] = []


def register(name: str, url: Callable, persona: Callable, target_ms: float) -> None:
    PAGES.append(BenchPage(name, url, persona, target_ms))


def _admin(municipality):
    return municipality.memberships.get(
        role="admin", user__username=f"{municipality.slug}-admin"
    ).user


def _url(name, **kwargs):
    from django.urls import reverse

    return lambda m: reverse(name, kwargs={"slug": m.slug, **{k: v(m) for k, v in kwargs.items()}})


register("dashboard (panou)", _url("municipality-dashboard"), _admin, target_ms=150)
register(
    "cycle detail",
    _url("cycle-detail", pk=lambda m: m.cycles.order_by("pk").first().pk),
    _admin,
    target_ms=200,
)
register("zones", _url("zone-list"), _admin, target_ms=150)
register("organisations", _url("organisation-list"), _admin, target_ms=150)
register("people and roles", _url("membership-list"), _admin, target_ms=200)
register("public municipality page", _url("municipality-detail"), lambda m: None, target_ms=100)
register("map of needs (staff)", _url("spiral-needs-map"), _admin, target_ms=300)
register("map of needs (public)", _url("needs-map-public"), lambda m: None, target_ms=150)
register("coding queue", _url("spiral-coding"), _admin, target_ms=250)
register(
    "coding queue, uncoded only",
    lambda m: _url("spiral-coding")(m) + "?uncoded=1",
    _admin,
    target_ms=250,
)
register("guide of social services (public)", _url("guide"), lambda m: None, target_ms=200)
register(
    "guide, filtered by category",
    lambda m: (
        _url("guide")(m)
        + f"?category={m.beneficiary_categories.order_by('pk').values_list('pk', flat=True)[0]}"
    ),
    lambda m: None,
    target_ms=200,
)


def _round(m):
    return m.consultation_rounds.order_by("pk").values_list("pk", flat=True)[0]


register("consultation rounds (staff)", _url("round-list"), _admin, target_ms=200)
register("round detail (staff)", _url("round-detail", pk=_round), _admin, target_ms=250)
register("response review (staff)", _url("round-review", pk=_round), _admin, target_ms=250)
register(
    "response review, table of all questions",
    lambda m: _url("round-review", pk=_round)(m) + "?view=table",
    _admin,
    target_ms=300,
)
register("working groups (staff)", _url("group-list"), _admin, target_ms=200)


def _public_consultation(m):
    return m.public_consultations.order_by("pk").values_list("pk", flat=True)[0]


register(
    "public draft under consultation",
    _url("consultation-public", pk=_public_consultation),
    lambda m: None,
    target_ms=100,
)
register(
    "recommendations on the whole draft (public)",
    lambda m: _url("consultation-comments", pk=_public_consultation)(m) + "?target=document",
    lambda m: None,
    target_ms=100,
)
register(
    "answering recommendations (staff)",
    _url("consultation-answers", pk=_public_consultation),
    _admin,
    target_ms=250,
)
register(
    "strategy document (staff)",
    _url(
        "strategy-detail", pk=lambda m: m.strategies.order_by("pk").values_list("pk", flat=True)[0]
    ),
    _admin,
    target_ms=200,
)


def _plan(m):
    return m.action_plans.order_by("pk").values_list("pk", flat=True)[0]


def _plan_year(m):
    return m.action_plans.order_by("pk").values_list("year", flat=True)[0]


register("annual action plans (staff)", _url("plan-list"), _admin, target_ms=150)
register("annual action plan (staff)", _url("plan-detail", pk=_plan), _admin, target_ms=250)
register("approved annual plan (public)", _url("plan-public", year=_plan_year), lambda m: None, 250)
register("annual plan, XLSX export", _url("plan-export-xlsx", pk=_plan), _admin, target_ms=5000)


def _secretary(m):
    return m.memberships.get(role="secretary", user__username=f"{m.slug}-secretary").user


def _adopted_strategy(m):
    return (
        m.draft_decisions.filter(kind="strategy", status="adopted")
        .order_by("pk")
        .values_list("strategy_version__strategy_id", flat=True)[0]
    )


register("council secretary's workspace", _url("council-workspace"), _secretary, target_ms=300)
register(
    "adopted strategy (public)",
    _url("public-strategy", pk=_adopted_strategy),
    lambda m: None,
    target_ms=300,
)
