"""The local council's decisions: a draft decision (proiect de hotărâre) per plan or strategy,
the committees' and the county council's opinions (avize), the municipality's templates of the
texts, and the council's vote (HCL) as the council secretary records it.

Codul administrativ art. 136: the mayor initiates a draft decision with a *referat de aprobare*,
the department writes the *raport de specialitate*, the committees give *avize*; for a plan the
county council gives an *aviz consultativ* (Law 292/2011 art. 118(3)). The council adopts it by
HCL. A draft decision adopts either the strategy (annex 1) with its first year's plan (annex 2),
or a later year's plan on its own.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import Municipality


class DecisionKind(models.TextChoices):
    STRATEGY = "strategy", _("the strategy, with its first year's action plan")
    PLAN = "plan", _("an annual action plan")


class DecisionQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=DraftDecision.Status.SUBMITTED)

    def adopted(self):
        return self.filter(status=DraftDecision.Status.ADOPTED)

    def before_council(self):
        """Submitted or decided: what the council secretary sees."""
        return self.exclude(status=DraftDecision.Status.DRAFT)


class DraftDecision(models.Model):
    """A draft council decision (proiect de hotărâre) and the texts of its documents.

    The texts are the municipality's templates copied at creation and edited by staff; their
    ``{{ placeholders }}`` are filled from the data when the documents are shown or rendered
    (``actionplans.council_texts``), so the numbers in the raport are those of the day.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("draft decision status", "being prepared")
        SUBMITTED = "submitted", _("submitted to the council")
        ADOPTED = "adopted", _("adopted by the council")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="draft_decisions"
    )
    cycle = models.ForeignKey(
        "core.StrategyCycle",
        on_delete=models.CASCADE,
        related_name="draft_decisions",
        verbose_name=_("strategy cycle"),
    )
    kind = models.CharField(_("the decision adopts"), max_length=10, choices=DecisionKind.choices)
    strategy_version = models.ForeignKey(
        "strategy.StrategyVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft_decisions",
        verbose_name=_("version of the strategy (annex 1)"),
        help_text=_("The published version the council is asked to adopt."),
    )
    plan = models.ForeignKey(
        "actionplans.ActionPlan",
        on_delete=models.PROTECT,
        related_name="draft_decisions",
        verbose_name=_("annual action plan"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    initiator = models.CharField(
        _("initiator"),
        max_length=200,
        help_text=_("Who initiates the draft decision, usually the mayor: “Primar, Ion Popescu”."),
    )
    referat_number = models.CharField(_("referat de aprobare: number"), max_length=40, blank=True)
    referat_date = models.DateField(_("referat de aprobare: date"), null=True, blank=True)
    raport_number = models.CharField(_("raport de specialitate: number"), max_length=40, blank=True)
    raport_date = models.DateField(_("raport de specialitate: date"), null=True, blank=True)
    title = models.TextField(_("title of the decision"))
    preamble = models.TextField(
        _("preamble (Având în vedere)"),
        help_text=_("The documents the council takes into account, one per line."),
    )
    legal_basis = models.TextField(
        _("legal bases (În conformitate cu)"), help_text=_("One legal basis per line.")
    )
    articles = models.TextField(
        _("articles"),
        help_text=_("One article per paragraph (an empty line between them); numbered in order."),
    )
    referat_text = models.TextField(_("text of the referat de aprobare"))
    raport_text = models.TextField(_("text of the raport de specialitate"))
    submitted_at = models.DateTimeField(_("submitted to the council"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-created", "-pk"]
        verbose_name = _("draft council decision")
        verbose_name_plural = _("draft council decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="plan") | Q(strategy_version__isnull=False),
                name="decision_strategy_has_version",
            ),
        ]

    def __str__(self):
        if self.kind == DecisionKind.STRATEGY:
            return str(_("Draft decision on the strategy (v%(number)s)")) % {
                "number": self.strategy_version.number if self.strategy_version_id else "?"
            }
        return str(_("Draft decision on the annual action plan %(year)s")) % {
            "year": self.plan.year if self.plan_id else "?"
        }

    def get_absolute_url(self):
        return reverse("decision-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def clean(self):
        errors = {}
        cycle = self.cycle if self.cycle_id else None
        if cycle and self.municipality_id and cycle.municipality_id != self.municipality_id:
            errors["cycle"] = _("The cycle belongs to another municipality.")
        if self.plan_id and cycle and self.plan.cycle_id != cycle.pk:
            errors["plan"] = _("The plan belongs to another strategy cycle.")
        if self.kind == DecisionKind.STRATEGY:
            if not self.strategy_version_id:
                errors["strategy_version"] = _(
                    "Choose the published version of the strategy the council adopts."
                )
            elif cycle and self.strategy_version.strategy.cycle_id != cycle.pk:
                errors["strategy_version"] = _("The version belongs to another strategy.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_strategy(self) -> bool:
        return self.kind == DecisionKind.STRATEGY

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


def opinion_upload_to(instance, filename: str) -> str:
    # The stored name is unguessable; the person sees `filename` when downloading.
    import uuid

    return f"opinions/{instance.decision.municipality_id}/{uuid.uuid4().hex}.pdf"


class Opinion(models.Model):
    """An aviz on a draft decision: a committee of the local council, or the county council's
    aviz consultativ on a plan (Law 292/2011 art. 118(3)), with its number and date and, if
    uploaded, its PDF (checked to be a PDF, size-limited)."""

    class Body(models.TextChoices):
        COMMITTEE = "committee", _("a committee of the local council")
        COUNTY = "county", _("the county council (aviz consultativ)")

    class Verdict(models.TextChoices):
        FAVOURABLE = "favourable", _("favourable")
        UNFAVOURABLE = "unfavourable", _("unfavourable")

    decision = models.ForeignKey(DraftDecision, on_delete=models.CASCADE, related_name="opinions")
    body = models.CharField(_("given by"), max_length=10, choices=Body.choices)
    issuer = models.CharField(
        _("name of the committee or council"),
        max_length=250,
        help_text=_("E.g. “Comisia pentru sănătate, asistență socială, cultură și culte”."),
    )
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date"))
    verdict = models.CharField(
        _("opinion"), max_length=12, choices=Verdict.choices, default=Verdict.FAVOURABLE
    )
    file = models.FileField(_("PDF"), upload_to=opinion_upload_to, max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "body", "date", "pk"]
        verbose_name = _("opinion (aviz)")
        verbose_name_plural = _("opinions (avize)")

    def __str__(self):
        return f"{self.issuer} nr. {self.number}"

    @property
    def municipality_id(self):
        """So that municipality-scoped predicates apply to an opinion."""
        return self.decision.municipality_id


class DecisionTemplate(models.Model):
    """The municipality's own template of one text of a draft decision; without one, Spirala's
    default is used (``actionplans.council_texts.DEFAULT_TEMPLATES``)."""

    class Part(models.TextChoices):
        TITLE = "title", _("title of the decision")
        PREAMBLE = "preamble", _("preamble (Având în vedere)")
        LEGAL_BASIS = "legal_basis", _("legal bases (În conformitate cu)")
        ARTICLES = "articles", _("articles")
        REFERAT = "referat_text", _("referat de aprobare")
        RAPORT = "raport_text", _("raport de specialitate")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="decision_templates"
    )
    kind = models.CharField(_("for a decision on"), max_length=10, choices=DecisionKind.choices)
    part = models.CharField(_("text"), max_length=12, choices=Part.choices)
    body = models.TextField(_("template"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "kind", "part"]
        verbose_name = _("template of a decision text")
        verbose_name_plural = _("templates of decision texts")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "part"], name="decision_template_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_part_display()}"


class CouncilVote(models.Model):
    """The local council's vote (HCL) on a submitted draft decision, as the council secretary
    records it.

    Plans and strategies are not among the decisions of art. 139(3) of the Administrative Code,
    so a simple majority of those present applies unless the council's rules say otherwise.
    """

    class Session(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary")
        EXTRAORDINARY = "extraordinary", _("extraordinary")
        URGENT = "urgent", _("convened urgently")

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("simple (more than half of those present)")
        ABSOLUTE = "absolute", _("absolute (more than half of the councillors in office)")
        QUALIFIED = "qualified", _("two-thirds of the councillors in office")

    decision = models.ForeignKey(DraftDecision, on_delete=models.CASCADE, related_name="votes")
    decision_number = models.CharField(_("decision number (HCL)"), max_length=30, blank=True)
    decision_date = models.DateField(_("date of the session"))
    session = models.CharField(
        _("session"), max_length=14, choices=Session.choices, default=Session.ORDINARY
    )
    majority = models.CharField(
        _("majority required"), max_length=10, choices=Majority.choices, default=Majority.SIMPLE
    )
    in_office = models.PositiveSmallIntegerField(
        _("councillors in office"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    present = models.PositiveSmallIntegerField(_("councillors present"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    votes_against = models.PositiveSmallIntegerField(_("votes against"))
    abstentions = models.PositiveSmallIntegerField(_("abstentions"))
    adopted = models.BooleanField(_("adopted"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "-decision_date", "-pk"]
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(present__lte=models.F("in_office")), name="vote_present_in_office"
            ),
            models.CheckConstraint(
                condition=Q(
                    present__gte=models.F("votes_for")
                    + models.F("votes_against")
                    + models.F("abstentions")
                ),
                name="vote_counts_within_present",
            ),
            models.CheckConstraint(
                condition=Q(adopted=False) | ~Q(decision_number=""),
                name="vote_adopted_has_number",
            ),
        ]

    def __str__(self):
        return f"HCL {self.decision_number or '—'} ({self.decision_date})"

    @staticmethod
    def quorum(in_office: int) -> int:
        """The fewest councillors present for a valid session: a majority of those in office."""
        return in_office // 2 + 1

    @classmethod
    def votes_needed(cls, majority: str, in_office: int, present: int) -> int:
        """The fewest votes for that adopt the decision under ``majority``."""
        if majority == cls.Majority.ABSOLUTE:
            return in_office // 2 + 1
        if majority == cls.Majority.QUALIFIED:
            return math.ceil(2 * in_office / 3)
        return present // 2 + 1

    def compute_adopted(self) -> bool:
        return self.present >= self.quorum(self.in_office) and self.votes_for >= self.votes_needed(
            self.majority, self.in_office, self.present
        )

    def clean(self):
        errors = {}
        if self.in_office and self.present is not None and self.present > self.in_office:
            errors["present"] = _("More councillors present than in office.")
        elif (
            self.in_office
            and self.present is not None
            and self.present < self.quorum(self.in_office)
        ):
            errors["present"] = _(
                "Without a quorum (%(quorum)s of %(in_office)s) the council cannot decide."
            ) % {"quorum": self.quorum(self.in_office), "in_office": self.in_office}
        counts = (self.votes_for, self.votes_against, self.abstentions)
        if self.present is not None and None not in counts and sum(counts) > self.present:
            errors["abstentions"] = _(
                "Votes for, against and abstentions add up to more than the councillors present."
            )
        if errors:
            raise ValidationError(errors)
