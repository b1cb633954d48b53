from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.xlsx import workbook_bytes
from consultations.forms import GuideFilterForm, SocialServiceForm
from consultations.models import FundingSource, SocialService
from core.access import get_municipality, login_or_403
from core.history import history_entries

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
