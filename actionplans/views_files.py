"""The plan's files: import the budget lines from a spreadsheet, download the plan as XLSX, and
ask for its PDF (made in the background through the stored-file pattern).

The plan is fetched through the municipality of the URL, so an id from elsewhere gives 404;
anonymous visitors are sent to log in; others without the permission get 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actionplans import export, importing
from actionplans.files import PDF_KIND
from actionplans.forms_files import BudgetImportForm
from actionplans.models import ActionPlan
from actionplans.predicates import manages_plan_municipality
from consultations.models import FundingSource
from core.access import get_municipality, login_redirect
from core.exceptions import DomainError
from core.generated import create_generated_file


def _plan(request, slug, pk, perm="actionplans.view_plan"):
    """(plan, None) when the user may; (None, login redirect) for anonymous visitors."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    plan = get_object_or_404(
        ActionPlan.objects.select_related("municipality", "cycle"), municipality=municipality, pk=pk
    )
    if not request.user.has_perm(perm, plan):
        raise PermissionDenied
    return plan, None


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=export.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def plan_budget_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The form (GET), the template to fill (GET ?template=1) and the import itself (POST)."""
    plan, response = _plan(request, slug, pk)
    if response:
        return response
    if not manages_plan_municipality.test(request.user, plan):
        raise PermissionDenied
    if not request.user.has_perm("actionplans.change_plan", plan):
        # Staff on a plan that is not an editable draft: say why, write nothing.
        from actionplans.editing import refusal_message

        return render(
            request,
            "actionplans/files/import_refused.html",
            {"municipality": plan.municipality, "plan": plan, "message": refusal_message(plan)},
            status=403,
        )
    if request.method == "GET" and request.GET.get("template"):
        return _xlsx_response(
            export.template_xlsx(plan), export.filename(plan, "xlsx").replace("plan-", "buget-", 1)
        )
    form = (
        BudgetImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else BudgetImportForm()
    )
    errors, more = [], 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importing.import_budget_lines(
                plan=plan,
                user=request.user,
                filename=upload.name,
                data=upload.read(),
                replace=form.cleaned_data["replace"],
            )
        except importing.BudgetImportFailed as failure:
            errors = failure.errors[: importing.MAX_ERRORS]
            more = len(failure.errors) - len(errors)
            form.add_error(None, failure.messages[0])
        except DomainError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Budget imported: %(created)d line(s) added, %(updated)d updated, "
                    "%(unchanged)d unchanged, %(deleted)d deleted."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "deleted": result.deleted,
                },
            )
            return redirect("plan-detail", slug=slug, pk=plan.pk)
    return render(
        request,
        "actionplans/files/budget_import.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "form": form,
            "errors": errors,
            "more_errors": more,
            "columns": importing.header_labels(),
            "sources": [
                {"label": label, "aliases": importing.SOURCE_ALIASES.get(key, ())}
                for key, label in FundingSource.choices
            ],
            "max_mb": importing.MAX_BYTES // 1024 // 1024,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def plan_export_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The plan in the framework model's table layout, downloaded at once."""
    plan, response = _plan(request, slug, pk)
    if response:
        return response
    return _xlsx_response(export.plan_xlsx(plan), export.filename(plan, "xlsx"))


@require_POST
def plan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask for the PDF: a GeneratedFile row now, the task after the commit, then its page."""
    from actionplans.tasks import render_plan_pdf

    plan, response = _plan(request, slug, pk)
    if response:
        return response
    file = create_generated_file(
        municipality=plan.municipality,
        kind=PDF_KIND,
        params={"plan": plan.pk},
        user=request.user,
        task=render_plan_pdf,
    )
    return redirect("generated-file", slug=slug, pk=file.pk)
