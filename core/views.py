from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from core import services
from core.access import get_municipality, login_or_403, login_redirect, require
from core.exceptions import DomainError
from core.forms import (
    MembershipForm,
    OrganisationForm,
    PublicSignupForm,
    RollbackForm,
    StageChangeForm,
    StrategyCycleForm,
    ZoneForm,
)
from core.history import history_entries
from core.models import Membership, Municipality, Organisation, Role, StrategyCycle, Zone
from core.rollback import rollback_impacts
from core.stages import STAGES


def home(request: HttpRequest) -> HttpResponse:
    """Public landing page; a user with roles sees the municipalities they work in."""
    municipalities = Municipality.objects.annotate(cycle_count=Count("cycles"))
    my_places = []
    if request.user.is_authenticated:
        my_places = (
            Membership.objects.filter(user=request.user)
            .select_related("municipality", "organisation")
            .order_by("municipality__name", "role")
        )
    return render(
        request, "core/home.html", {"municipalities": municipalities, "my_places": my_places}
    )


def glossary(request: HttpRequest) -> HttpResponse:
    """Public: the terms a newcomer meets, and what each stage needs and rests on."""
    from core.glossary import TERMS

    return render(request, "core/glossary.html", {"terms": TERMS, "stages": STAGES})


def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public face of a municipality: its strategy cycles and the stage each has reached."""
    municipality = get_municipality(slug)
    cycles = municipality.cycles.all()
    from strategy.models import PublicConsultation

    consultations = PublicConsultation.objects.filter(municipality=municipality).select_related(
        "version__strategy"
    )
    from actionplans.models import ActionPlan

    plan_years = list(
        ActionPlan.objects.approved()
        .filter(municipality=municipality)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "core/municipality_detail.html",
        {
            "municipality": municipality,
            "cycles": cycles,
            "consultations": consultations,
            "plan_years": plan_years,
            "public_strategies": public_strategies(municipality),
            "stages": STAGES,
            "can_manage": request.user.has_perm("core.view_dashboard", municipality),
            "is_member": request.user.has_perm("core.view_municipality_area", municipality),
        },
    )


def public_strategies(municipality) -> list[dict]:
    """The strategies with a published version, each with the HCL that adopted it, if any
    (three queries whatever their number)."""
    from django.db.models import Prefetch

    from actionplans.models import CouncilVote, DecisionKind, DraftDecision
    from strategy.models import Strategy

    decisions = (
        DraftDecision.objects.adopted()
        .filter(municipality=municipality, kind=DecisionKind.STRATEGY)
        .select_related("strategy_version")
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=CouncilVote.objects.filter(adopted=True).order_by("-decision_date", "-pk"),
                to_attr="adopting_votes",
            )
        )
        .order_by("-pk")
    )
    votes = {}
    for decision in decisions:
        if decision.adopting_votes:
            votes.setdefault(decision.strategy_version.strategy_id, decision.adopting_votes[0])
    strategies = (
        Strategy.objects.filter(municipality=municipality, versions__isnull=False)
        .distinct()
        .select_related("cycle")
        .order_by("-cycle__start_year", "-pk")
    )
    return [{"strategy": strategy, "vote": votes.get(strategy.pk)} for strategy in strategies]


def stage_track(cycle: StrategyCycle) -> list[dict]:
    """Every stage with its checks (done / total), its state and who last moved it, when."""
    last_moves = {}
    for transition in cycle.transitions.select_related("user").order_by("at", "pk"):
        last_moves[transition.from_stage] = transition
    active_index = cycle.stage.index
    rows = []
    for stage in STAGES:
        if stage.index <= active_index:
            results = stage.run_checks(cycle)
        else:
            results = [(check, None) for check in stage.checks]
        done = sum(1 for _check, result in results if result is not None and result.done)
        if stage.index < active_index:
            state = "done"
        elif stage.index == active_index:
            state = "active"
        else:
            state = "upcoming"
        rows.append(
            {
                "stage": stage,
                "state": state,
                "checks": results,
                "done": done,
                "total": len(stage.checks),
                "ready": done == len(stage.checks),
                "left_by": last_moves.get(stage.key) if state == "done" else None,
            }
        )
    return rows


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff dashboard: the current cycle's stages and checks, and the municipality's data."""
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "core.view_dashboard", municipality)) is not None:
        return response
    cycles = list(municipality.cycles.all())
    cycle = cycles[0] if cycles else None
    counts = {
        "zones": municipality.zones.count(),
        "organisations": municipality.organisations.count(),
        "members": municipality.memberships.values("user").distinct().count(),
    }
    context = {
        "municipality": municipality,
        "cycles": cycles,
        "nav_counts": counts,
        "can_add_cycle": request.user.has_perm("core.add_strategycycle", municipality),
    }
    if cycle is not None:
        context.update(_cycle_context(request, cycle))
    return render(request, "core/dashboard.html", context)


def _cycle_context(request, cycle):
    can_rollback = request.user.has_perm("core.rollback_strategycycle", cycle)
    return {
        "cycle": cycle,
        "track": stage_track(cycle),
        "transitions": cycle.transitions.select_related("user")[:20],
        "advance_form": StageChangeForm(initial={"expected_stage": cycle.active_stage}),
        "rollback_form": RollbackForm(initial={"expected_stage": cycle.active_stage}),
        "can_advance": request.user.has_perm("core.advance_strategycycle", cycle),
        "can_rollback": can_rollback,
        "rollback_impacts": rollback_impacts(cycle) if can_rollback else [],
    }


def _get_cycle(municipality, pk) -> StrategyCycle:
    return get_object_or_404(
        StrategyCycle.objects.select_related("municipality"), municipality=municipality, pk=pk
    )


def cycle_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "core.view_dashboard", municipality)) is not None:
        return response
    cycle = _get_cycle(municipality, pk)
    context = {"municipality": municipality, **_cycle_context(request, cycle)}
    context["history"] = history_entries(cycle)
    return render(request, "core/cycle_detail.html", context)


@require_POST
def cycle_advance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "core.view_dashboard", municipality)) is not None:
        return response
    cycle = _get_cycle(municipality, pk)
    require(request, "core.advance_strategycycle", cycle)
    form = StageChangeForm(request.POST)
    if form.is_valid():
        try:
            transition = services.advance_stage(
                cycle=cycle, user=request.user, expected_stage=form.cleaned_data["expected_stage"]
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The cycle moved to the stage “%(stage)s”.")
                % {"stage": transition.to_stage_label},
            )
    else:
        messages.error(request, _("The request was incomplete; try again."))
    return redirect(cycle.get_absolute_url())


@require_POST
def cycle_rollback(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "core.view_dashboard", municipality)) is not None:
        return response
    cycle = _get_cycle(municipality, pk)
    require(request, "core.rollback_strategycycle", cycle)
    form = RollbackForm(request.POST)
    if form.is_valid():
        try:
            transition = services.rollback_stage(
                cycle=cycle,
                user=request.user,
                expected_stage=form.cleaned_data["expected_stage"],
                reason=form.cleaned_data["reason"],
                confirmed=form.cleaned_data["confirm"],
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The cycle went back to the stage “%(stage)s”.")
                % {"stage": transition.to_stage_label},
            )
    else:
        messages.error(request, _("Say why the cycle goes back a stage."))
    return redirect(cycle.get_absolute_url())


class MunicipalityMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Resolves the municipality from the URL; querysets are always filtered by it."""

    permission_required = "core.view_dashboard"

    def dispatch(self, request, *args, **kwargs):
        self.municipality = get_municipality(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.municipality

    def get_queryset(self):
        return super().get_queryset().filter(municipality=self.municipality)

    def get_context_data(self, **kwargs):
        return super().get_context_data(municipality=self.municipality, **kwargs)


class ScopedFormMixin:
    success_message = ""
    new_heading = ""

    def get_context_data(self, **kwargs):
        heading = str(self.object) if getattr(self, "object", None) else self.new_heading
        return super().get_context_data(heading=heading, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, self.success_message % {"name": self.object})
        return response


class HistoryMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if getattr(self, "object", None) is not None and self.object.pk:
            context["history"] = history_entries(self.object)
        return context


class ZoneListView(MunicipalityMixin, ListView):
    model = Zone
    paginate_by = 50
    template_name = "core/zone_list.html"


class ZoneEditMixin(MunicipalityMixin, ScopedFormMixin):
    model = Zone
    form_class = ZoneForm
    permission_required = "core.manage_zone"
    template_name = "core/object_form.html"

    new_heading = gettext_lazy("New zone")

    @property
    def success_message(self):
        return _("The zone “%(name)s” was saved.")

    def get_success_url(self):
        return reverse("zone-list", kwargs={"slug": self.municipality.slug})


class ZoneCreateView(ZoneEditMixin, CreateView):
    pass


class ZoneUpdateView(ZoneEditMixin, HistoryMixin, UpdateView):
    pass


class OrganisationListView(MunicipalityMixin, ListView):
    model = Organisation
    paginate_by = 50
    template_name = "core/organisation_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .order_by("name")
            .annotate(member_count=Count("memberships", filter=Q(memberships__role=Role.PROVIDER)))
        )


class OrganisationEditMixin(MunicipalityMixin, ScopedFormMixin):
    model = Organisation
    form_class = OrganisationForm
    permission_required = "core.manage_organisation"
    template_name = "core/object_form.html"

    new_heading = gettext_lazy("New organisation")

    @property
    def success_message(self):
        return _("The organisation “%(name)s” was saved.")

    def get_success_url(self):
        return reverse("organisation-list", kwargs={"slug": self.municipality.slug})


class OrganisationCreateView(OrganisationEditMixin, CreateView):
    pass


class OrganisationUpdateView(OrganisationEditMixin, HistoryMixin, UpdateView):
    pass


class StrategyCycleCreateView(MunicipalityMixin, ScopedFormMixin, CreateView):
    model = StrategyCycle
    form_class = StrategyCycleForm
    permission_required = "core.add_strategycycle"
    template_name = "core/object_form.html"

    new_heading = gettext_lazy("New strategy cycle")

    @property
    def success_message(self):
        return _("The strategy cycle “%(name)s” was created.")

    def get_success_url(self):
        return self.object.get_absolute_url()


class MembershipListView(MunicipalityMixin, ListView):
    model = Membership
    paginate_by = 50
    permission_required = "core.manage_membership"
    template_name = "core/membership_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("user", "organisation")
            .order_by("role", "user__last_name", "user__first_name")
        )

    def get_context_data(self, **kwargs):
        role_history = (
            Membership.history.filter(municipality=self.municipality, history_type__in=["+", "-"])
            .select_related("history_user", "user")
            .order_by("-history_date")[:20]
        )
        return super().get_context_data(
            form=MembershipForm(municipality=self.municipality), role_history=role_history, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = MembershipForm(request.POST, municipality=self.municipality)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            context = self.get_context_data()
            context["form"] = form
            return self.render_to_response(context, status=400)
        data = form.cleaned_data
        with transaction.atomic():
            user, created = _get_or_invite_user(data)
            services.grant_role(
                municipality=self.municipality,
                user=user,
                role=data["role"],
                organisation=data["organisation"],
                is_organisation_admin=data["is_organisation_admin"],
                public_kind=data["public_kind"],
                by=request.user,
            )
        if created:
            _send_invitation(request, user)
            messages.success(
                request,
                _("%(email)s was invited: they received an e-mail to set a password.")
                % {"email": user.email},
            )
        else:
            messages.success(request, _("The role was given to %(user)s.") % {"user": user})
        return redirect("membership-list", slug=self.municipality.slug)


def _get_or_invite_user(data):
    User = get_user_model()
    user = User.objects.filter(email__iexact=data["email"]).first()
    if user:
        return user, False
    user = User(
        username=data["email"].lower(),
        email=data["email"].lower(),
        first_name=data["first_name"],
        last_name=data["last_name"],
    )
    # A random password, so that the invitation (a password-reset link) can set the real one.
    user.set_password(get_random_string(40))
    user.save()
    return user, True


def _send_invitation(request, user):
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.txt",
        )


@require_POST
def membership_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "core.manage_membership", municipality)) is not None:
        return response
    membership = get_object_or_404(
        Membership.objects.select_related("user"), municipality=municipality, pk=pk
    )
    try:
        services.revoke_role(membership=membership, by=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s no longer has the role “%(role)s”.")
            % {"user": membership.user, "role": membership.get_role_display()},
        )
    return redirect("membership-list", slug=municipality.slug)


def public_signup(request: HttpRequest, slug: str) -> HttpResponse:
    """Register as a member of the public of one municipality (or join it with an account)."""
    municipality = get_municipality(slug)
    if request.user.is_authenticated:
        if request.method == "POST":
            services.grant_role(
                municipality=municipality,
                user=request.user,
                role=Role.PUBLIC,
                public_kind=request.POST.get("public_kind") or Membership.PublicKind.CITIZEN,
                by=request.user,
            )
            messages.success(request, _("You now follow %(name)s.") % {"name": municipality})
            return redirect(municipality.get_absolute_url())
        return render(
            request,
            "core/public_join.html",
            {"municipality": municipality, "kinds": Membership.PublicKind.choices},
        )
    form = PublicSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=data["email"],
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            services.grant_role(
                municipality=municipality,
                user=user,
                role=Role.PUBLIC,
                public_kind=data["public_kind"],
                by=user,
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready. Welcome!"))
        return redirect(municipality.get_absolute_url())
    return render(request, "core/public_signup.html", {"municipality": municipality, "form": form})


def account(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("municipality", "organisation")
        .order_by("municipality__name", "role")
    )
    return render(request, "core/account.html", {"memberships": memberships})


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
