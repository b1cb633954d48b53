"""The plan's files made in the background (the stored-file pattern): the PDF of the plan.

Registered when the app is ready, so the generic file pages know its label, who may download it
(staff, and the council secretary who puts the plan before the council) and the way back.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.generated import register_kind

PDF_KIND = "action_plan_pdf"


def _back_url(file) -> str | None:
    plan_id = file.params.get("plan")
    if not plan_id:
        return None
    return reverse("plan-detail", args=[file.municipality.slug, plan_id])


register_kind(
    PDF_KIND,
    label=_("Annual action plan (PDF)"),
    perm="actionplans.download_plan_file",
    back_url=_back_url,
    back_label=_("Back to the plan"),
)
