import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beneficiaries.xlsx import workbook_bytes
from consultations import services as guide_services
from consultations.forms import GuideFilterForm, SocialServiceForm
from consultations.models import FundingSource, ServiceChange, SocialService
from core.access import get_municipality, login_or_403
from core.exceptions import DomainError
from core.history import history_entries
from core.models import Membership, Role

TYPE_PATTERNS = {"CR": r"^[0-9]{4} CR(-|$)", "CZ": r"^[0-9]{4} CZ(-|$)", "ID": r"^[0-9]{4} ID(-|$)"}


def _filtered_guide(request, municipality):
    form = GuideFilterForm(request.GET or None, municipality=municipality)
    services = (
        SocialService.objects.approved()
        .filter(municipality=municipality)
        .select_related("organisation", "zone")
        .prefetch_related("categories")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            services = services.filter(
                Q(name__icontains=data["q"])
                | Q(organisation__name__icontains=data["q"])
                | Q(code__icontains=data["q"])
            )
        if data["category"]:
            services = services.filter(categories=data["category"])
        if data["zone"]:
            services = services.filter(zone=data["zone"])
        kind = data["service_type"]
        if kind in TYPE_PATTERNS:
            services = services.filter(code__regex=TYPE_PATTERNS[kind])
        elif kind == "community":
            for pattern in TYPE_PATTERNS.values():
                services = services.exclude(code__regex=pattern)
    return form, services


def guide(request: HttpRequest, slug: str) -> HttpResponse:
    """The public guide of approved social services, filterable, with a map."""
    municipality = get_municipality(slug)
    form, services = _filtered_guide(request, municipality)
    page = Paginator(services, 25).get_page(request.GET.get("page"))
    markers = [
        {
            "name": s.name,
            "provider": s.organisation.name,
            "lat": float(s.latitude),
            "lon": float(s.longitude),
        }
        for s in page.object_list
        if s.latitude is not None
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultations/guide.html",
        {
            "municipality": municipality,
            "form": form,
            "page_obj": page,
            "services": page.object_list,
            "markers": {"markers": markers},
            "query": query.urlencode(),
            "funding_labels": dict(FundingSource.choices),
            "can_manage": request.user.has_perm("core.view_dashboard", municipality),
        },
    )


def guide_export(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    _form, services = _filtered_guide(request, municipality)
    funding = dict(FundingSource.choices)
    rows = [
        [
            s.code,
            s.name,
            s.organisation.name,
            s.licence_number,
            s.licence_expiry,
            s.capacity,
            ", ".join(c.name for c in s.categories.all()),
            s.zone.name if s.zone else "",
            s.address,
            s.phone,
            s.email,
            s.opening_hours,
            ", ".join(str(funding.get(f, f)) for f in s.funding_sources),
        ]
        for s in services
    ]
    header = [
        _("Code"),
        _("Service"),
        _("Provider"),
        _("Licence"),
        _("Licence valid until"),
        _("Capacity"),
        _("Beneficiary categories"),
        _("Zone"),
        _("Address"),
        _("Telephone"),
        _("E-mail"),
        _("Opening hours"),
        _("Funding sources"),
    ]
    response = HttpResponse(
        workbook_bytes([(str(_("Social services")), [str(h) for h in header], rows)]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ghidul-serviciilor-{slug}.xlsx"'
    return response


def service_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Staff add and correct services; what staff save is approved at once."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    service = get_object_or_404(SocialService, municipality=municipality, pk=pk) if pk else None
    form = SocialServiceForm(request.POST or None, instance=service, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.instance.approved_at = timezone.now()
        form.instance.approved_by = request.user
        service = form.save()
        messages.success(request, _("The service “%(name)s” was saved.") % {"name": service})
        return redirect("guide", slug=slug)
    return render(
        request,
        "consultations/service_form.html",
        {
            "municipality": municipality,
            "form": form,
            "object": service,
            "history": history_entries(service) if service else [],
        },
        status=400 if form.errors else 200,
    )


# --- Providers keep their own entries; staff approve --------------------------------------


def _provider_organisation(request, municipality):
    """The organisation the logged-in provider member acts for here (403 if none)."""
    membership = (
        Membership.objects.filter(user=request.user, municipality=municipality, role=Role.PROVIDER)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        raise PermissionDenied
    return membership.organisation


def provider_services(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_or_403(request, "core.view_dashboard", municipality)
    organisation = _provider_organisation(request, municipality)
    services = organisation.services.prefetch_related("categories").select_related("zone")
    changes = ServiceChange.objects.filter(organisation=organisation).select_related(
        "service", "decided_by"
    )[:30]
    return render(
        request,
        "consultations/provider_services.html",
        {
            "municipality": municipality,
            "organisation": organisation,
            "services": services,
            "changes": changes,
        },
    )


def provider_service_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_or_403(request, "core.view_dashboard", municipality)
    organisation = _provider_organisation(request, municipality)
    service = get_object_or_404(SocialService, organisation=organisation, pk=pk) if pk else None
    form = SocialServiceForm(
        request.POST or None, instance=service, municipality=municipality, provider=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            guide_services.propose_change(
                organisation=organisation,
                user=request.user,
                cleaned=form.cleaned_data,
                service=service,
            )
        except DomainError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your change was sent; it appears in the public guide once staff approve it.")
                if service is not None
                else _(
                    "Your new service was sent; it appears in the public guide once staff "
                    "approve it."
                ),
            )
            return redirect("provider-services", slug=slug)
    return render(
        request,
        "consultations/service_form.html",
        {"municipality": municipality, "form": form, "object": service, "provider_view": True},
        status=400 if form.errors else 200,
    )


def service_changes(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff: the providers' proposals waiting for approval, each beside the current entry."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    pending = list(
        ServiceChange.objects.filter(municipality=municipality, status=ServiceChange.Status.PENDING)
        .select_related("organisation", "service__zone", "submitted_by")
        .prefetch_related("service__categories")
    )
    zones = {z.pk: z.name for z in municipality.zones.all()}
    categories = {c.pk: c.name for c in municipality.beneficiary_categories.all()}
    for change in pending:
        change.rows = _compare(change, zones, categories)
    return render(
        request,
        "consultations/service_changes.html",
        {"municipality": municipality, "pending": pending},
    )


def _funding_text(sources) -> str:
    chosen = set(sources)
    return ", ".join(str(label) for value, label in FundingSource.choices if value in chosen) or "—"


def _date_text(day) -> str:
    """A date as the rest of the application writes it: 31.05.2027."""
    return day.strftime("%d.%m.%Y") if day else "—"


def _compare(change, zones, categories):
    labels = {
        f.name: f.verbose_name
        for f in SocialService._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    current = change.service
    rows = []
    for field in guide_services.EDITABLE:
        new = change.data.get(field)
        if field == "zone":
            new_text = zones.get(new, "—")
            old_text = current.zone.name if current and current.zone else "—"
        elif field == "categories":
            # Also a set, listed by name on both sides.
            new_text = ", ".join(sorted(categories.get(pk, "?") for pk in new or [])) or "—"
            old_text = (
                ", ".join(sorted(c.name for c in current.categories.all())) if current else "—"
            ) or "—"
        elif field == "funding_sources":
            # A set: the same sources in another order are no change. Both sides are listed
            # in the order of the choices.
            new_text = _funding_text(new or [])
            old_text = _funding_text(current.funding_sources) if current else "—"
        elif field == "licence_expiry":
            new_text = _date_text(datetime.date.fromisoformat(new) if new else None)
            old_text = _date_text(current.licence_expiry if current else None)
        else:
            new_text = "—" if new in (None, "") else str(new)
            value = getattr(current, field, None) if current else None
            old_text = "—" if value in (None, "") else str(value)
        rows.append(
            {
                "label": labels.get(field, field),
                "old": old_text,
                "new": new_text,
                "changed": old_text != new_text,
            }
        )
    return rows


@require_POST
def service_change_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    change = get_object_or_404(ServiceChange, municipality=municipality, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        guide_services.decide_change(
            change=change, user=request.user, approve=approve, reason=request.POST.get("reason", "")
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The change was approved and is public.")
            if approve
            else _("The change was rejected."),
        )
    return redirect("service-changes", slug=slug)
