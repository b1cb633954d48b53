"""The council secretary's record of the vote on a draft decision (the outcome is computed, not
typed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans import voting
from actionplans.models import CouncilVote

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CouncilVoteForm(forms.ModelForm):
    class Meta:
        model = CouncilVote
        fields = voting.VOTE_FIELDS
        widgets = {
            "decision_date": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "decision_number": _(
                "Required when the council adopts the draft, e.g. “123/2027”. Leave empty only "
                "when it was not adopted and no decision was numbered."
            ),
            "majority": _(
                "Strategies and annual plans are not among the decisions of art. 139(3) of the "
                "Administrative Code, so a simple majority of those present adopts them, unless "
                "the council's rules of procedure require more or the decision also covers the "
                "budget, patrimony or an association."
            ),
            "present": _("A quorum is a majority of the councillors in office (art. 137)."),
            "notes": _("For the record only; not shown on the public page."),
        }

    def __init__(self, *args, decision, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.instance.decision = decision
        self.instance.recorded_by = user
        self.fields["decision_number"].widget.attrs["autocomplete"] = "off"
        for name in ("in_office", "present", "votes_for", "votes_against", "abstentions"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean(self):
        data = super().clean()
        for field, message in voting.vote_errors(self.decision, data).items():
            if field not in self.errors:
                self.add_error(field, message)
        counts = ("in_office", "present", "votes_for")
        if all(data.get(key) is not None for key in counts) and data["in_office"] > 0:
            self.instance.adopted = voting.outcome(data)["adopted"]
        else:
            self.instance.adopted = False
        return data
