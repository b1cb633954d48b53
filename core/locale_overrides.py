"""Strings of Django's that its Romanian catalogue gets wrong or lacks, corrected by ours.

Romanian writes month names in lower case (“1 decembrie 2026”), but Django's catalogue
capitalises them. Our catalogue (LOCALE_PATHS) takes precedence over Django's, so listing the
msgids here, where makemessages finds them, lets the Romanian .po correct them."""

from django.utils.translation import gettext_noop, pgettext_lazy

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]

MONTHS_ALT = [  # the "E" date format (months in a date)
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

# Django 6.1's empty choice of a select ("- Select an option -") is not in its Romanian
# catalogue yet; without this, every form's drop-downs would start in English.
BLANK_CHOICE = gettext_noop("- Select an option -")

# Romanian writes weekday names in lower case too (“se încheie duminică, 31 mai 2026”); the
# date filter's “l” takes them from these msgids.
WEEKDAYS = [
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
]

# The label of the e-mail field of Django's password-reset form: the rest of our forms say
# “Adresă de e-mail”.
EMAIL_LABEL = gettext_noop("Email")
