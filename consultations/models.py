"""The local guide of social services kept with the providers (Law 292/2011, art. 112)."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consultations.validators import validate_nomenclature_code, validate_ro_phone
from core.models import Municipality, Organisation, Zone

LICENCE_WARNING_DAYS = 90


class FundingSource(models.TextChoices):
    LOCAL = "local", _("local budget")
    COUNTY = "county", _("county budget")
    STATE = "state", _("state budget")
    EU = "eu", _("EU funds")
    CONTRIBUTIONS = "contributions", _("beneficiaries' contributions")
    PRIVATE = "private", _("private funds and sponsorship")
    OTHER = "other", _("other")


def validate_funding_sources(value):
    if not isinstance(value, list) or any(v not in FundingSource.values for v in value):
        raise ValidationError(_("Unknown funding source."))


class SocialServiceQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_at__isnull=False)

    def licence_expiring(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            licence_expiry__isnull=False,
            licence_expiry__lte=today + datetime.timedelta(days=LICENCE_WARNING_DAYS),
        )


class SocialService(models.Model):
    """One licensed social service of a provider, as the public guide lists it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="social_services"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("provider"),
    )
    code = models.CharField(
        _("nomenclature code"),
        max_length=30,
        help_text=_("HG 867/2015, e.g. “8790 CR-D-I”."),
        validators=[validate_nomenclature_code],
    )
    name = models.CharField(_("name"), max_length=200)
    licence_number = models.CharField(_("functioning licence number"), max_length=60, blank=True)
    licence_expiry = models.DateField(_("licence valid until"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (places)"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    categories = models.ManyToManyField(
        "beneficiaries.BeneficiaryCategory",
        related_name="services",
        verbose_name=_("beneficiary categories"),
        blank=True,
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("zone"),
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(43.5), MaxValueValidator(48.3)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(20.2), MaxValueValidator(29.8)],
    )
    funding_sources = models.JSONField(
        _("funding sources"), default=list, blank=True, validators=[validate_funding_sources]
    )
    phone = models.CharField(
        _("telephone"),
        max_length=20,
        blank=True,
        help_text=_("A Romanian number, e.g. “0262 211 112” or “0722 123 456”."),
        validators=[validate_ro_phone],
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Monday–Friday 8:00–16:00; Saturday 9:00–13:00”."),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[categories])

    objects = SocialServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("social service")
        verbose_name_plural = _("social services")
        indexes = [models.Index(fields=["municipality", "code"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("service-update", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def clean(self):
        from consultations.validators import normalise_nomenclature_code, normalise_ro_phone

        if self.code:
            self.code = normalise_nomenclature_code(self.code)
        if self.phone:
            self.phone = normalise_ro_phone(self.phone)
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            raise ValidationError(
                {"organisation": _("The provider belongs to another municipality.")}
            )
        if self.zone_id and self.zone.municipality_id != self.municipality_id:
            raise ValidationError({"zone": _("The zone belongs to another municipality.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))

    @property
    def service_type(self) -> str:
        from consultations.validators import service_type_of

        return service_type_of(self.code)

    @property
    def phone_uri(self) -> str:
        """The tel: link of the phone number, so that a phone dials it in one tap."""
        from consultations.validators import phone_uri

        return phone_uri(self.phone)

    @property
    def licence_expires_soon(self) -> bool:
        if self.licence_expiry is None:
            return False
        return self.licence_expiry <= timezone.localdate() + datetime.timedelta(
            days=LICENCE_WARNING_DAYS
        )


class ServiceChange(models.Model):
    """A provider's proposed change to its entry in the guide; staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="service_changes"
    )
    service = models.ForeignKey(
        SocialService,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        help_text=_("Empty when the provider proposes a new service."),
    )
    data = models.JSONField(_("proposed entry"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("proposed change to the guide")
        verbose_name_plural = _("proposed changes to the guide")

    def __str__(self):
        return self.data.get("name", "")


# --- Invitations of provider members ---------------------------------------------------------


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """A single-use, expiring link that makes the person who opens it a member of a provider.

    Only a hash of the token is stored: the link in the e-mail is the only copy of the secret.
    """

    VALID_DAYS = 7

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    is_organisation_admin = models.BooleanField(
        _("manages the organisation's members"), default=False
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash"])

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


# --- Themes shared by rounds and working groups ----------------------------------------------


class Theme(models.Model):
    """A theme of the consultation (e.g. independent living of young people leaving care)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=150)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="theme_unique_name",
                violation_error_message=_("A theme with this name already exists here."),
            )
        ]

    def __str__(self):
        return self.name


# --- Consultation rounds ---------------------------------------------------------------------


class RoundQuerySet(models.QuerySet):
    def open_now(self, now=None):
        now = now or timezone.now()
        return self.filter(published=True, opens_at__lte=now, closes_at__gt=now)

    def closed(self, now=None):
        return self.filter(closes_at__lte=now or timezone.now())


class ConsultationRound(models.Model):
    """A written consultation of the providers, with a deadline; one response per organisation."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="consultation_rounds"
    )
    cycle = models.ForeignKey(
        "core.StrategyCycle",
        on_delete=models.CASCADE,
        related_name="consultation_rounds",
        verbose_name=_("strategy cycle"),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    invited = models.ManyToManyField(
        Organisation,
        related_name="consultation_rounds",
        verbose_name=_("invited organisations"),
        blank=True,
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Invited organisations see the round (and are notified) once it is published and open."
        ),
    )
    opening_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[invited])

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("round-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def get_respond_url(self):
        return reverse(
            "provider-round-respond", kwargs={"slug": self.municipality.slug, "pk": self.pk}
        )

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The round must close after it opens.")})
        if self.cycle_id and self.cycle.municipality_id != self.municipality_id:
            raise ValidationError({"cycle": _("The cycle belongs to another municipality.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return self.closes_at <= (now or timezone.now())


class QuestionKind(models.TextChoices):
    TEXT = "text", _("free text")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale from 1 to 5")
    MATRIX = "matrix", _("services × beneficiary categories")


class RoundQuestion(models.Model):
    """One question of a round.

    ``choices`` lists the options of a single or multiple choice question. A matrix question asks,
    for each of the responding provider's services (rows), a number per beneficiary category
    (columns), e.g. the people served or waiting.
    """

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("options"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def clean(self):
        if not isinstance(self.choices, list) or any(
            not isinstance(c, str) or not c.strip() for c in self.choices
        ):
            raise ValidationError({"choices": _("Each option is a non-empty line of text.")})
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(self.choices) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two options.")})
        if len(set(self.choices)) != len(self.choices):
            raise ValidationError({"choices": _("The options must differ from each other.")})


class ResponseQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class RoundResponse(models.Model):
    """An organisation's one response to a round: a draft until it is submitted."""

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="round_responses"
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"],
                name="response_one_per_organisation",
                violation_error_message=_("This organisation has already responded."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    """The answer to one question; staff tag it with SPIRAL dimensions and themes.

    ``text`` holds free text; ``value`` holds the structured answer: the chosen option (single),
    a list of options (multiple), 1–5 (scale) or ``{service_id: {category_id: number}}`` (matrix).
    """

    response = models.ForeignKey(RoundResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RoundQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), blank=True)
    value = models.JSONField(null=True, blank=True)
    dimensions = models.ManyToManyField(
        "beneficiaries.SpiralDimension",
        related_name="round_answers",
        verbose_name=_("SPIRAL dimensions"),
        blank=True,
    )
    themes = models.ManyToManyField(
        Theme, related_name="answers", verbose_name=_("themes"), blank=True
    )
    history = HistoricalRecords(m2m_fields=[dimensions, themes])

    class Meta:
        ordering = ["question__position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")
        ]

    def __str__(self):
        return self.text[:80] or str(self.value)


def attachment_path(instance, filename):
    # The stored name is random; the original name is kept in the row and given on download.
    return f"runde/{instance.response.round_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A document attached to a response (PDF, DOCX, XLSX, ODT), served only to who may see it."""

    response = models.ForeignKey(
        RoundResponse, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


# --- Thematic working groups -----------------------------------------------------------------


class WorkingGroup(models.Model):
    """A thematic working group of providers and staff for one strategy cycle."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="working_groups"
    )
    cycle = models.ForeignKey(
        "core.StrategyCycle",
        on_delete=models.CASCADE,
        related_name="working_groups",
        verbose_name=_("strategy cycle"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="working_groups", verbose_name=_("theme")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("mandate"), blank=True)
    members = models.ManyToManyField(
        Organisation,
        related_name="working_groups",
        verbose_name=_("member organisations"),
        blank=True,
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "name"],
                name="working_group_unique_name",
                violation_error_message=_("A working group with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("group-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def clean(self):
        if self.cycle_id and self.cycle.municipality_id != self.municipality_id:
            raise ValidationError({"cycle": _("The cycle belongs to another municipality.")})
        if self.theme_id and self.theme.municipality_id != self.municipality_id:
            raise ValidationError({"theme": _("The theme belongs to another municipality.")})


class Meeting(models.Model):
    """A meeting of a working group: when, where, the agenda, who attended and the minutes."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    attendees = models.ManyToManyField(
        Organisation, related_name="meetings_attended", verbose_name=_("attendance"), blank=True
    )
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = ["group", "-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.group} – {self.starts_at:%Y-%m-%d}"

    def clean(self):
        if not self.place and not self.link:
            raise ValidationError(_("Give the place of the meeting or its online link."))


class GroupProposal(models.Model):
    """A proposal made in a working group; the adopted ones are inputs the strategy cites."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("under discussion")
        ADOPTED = "adopted", _("adopted")
        WITHDRAWN = "withdrawn", _("not adopted")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="proposals")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("adopted at the meeting"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_proposals",
        verbose_name=_("proposed by"),
    )
    dimensions = models.ManyToManyField(
        "beneficiaries.SpiralDimension",
        related_name="group_proposals",
        verbose_name=_("SPIRAL dimensions"),
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[dimensions])

    class Meta:
        ordering = ["group", "-created_at"]
        verbose_name = _("working group proposal")
        verbose_name_plural = _("working group proposals")

    def __str__(self):
        return self.title

    def clean(self):
        if self.meeting_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": _("The meeting belongs to another group.")})
        if self.status == self.Status.ADOPTED and not self.meeting_id:
            raise ValidationError({"meeting": _("Say at which meeting the proposal was adopted.")})
