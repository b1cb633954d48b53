"""Forms of the plan's files: the budget import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.tabular import MAX_BYTES


class BudgetImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("One row per budget line; the columns are described above."),
    )
    replace = forms.BooleanField(
        label=_("Replace all budget lines of the plan"),
        required=False,
        help_text=_(
            "Ticked: the lines the file does not list are deleted. Not ticked: the file's lines "
            "are added or updated and the others are kept."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB.") % {"limit": MAX_BYTES // 1024 // 1024}
            )
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Only .xlsx and .csv files can be imported."))
        return upload
