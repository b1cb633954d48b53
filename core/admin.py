from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.models import (
    Membership,
    Municipality,
    Organisation,
    StageTransition,
    StrategyCycle,
    User,
    Zone,
)


@admin.register(User)
class SpiralaUserAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "county", "siruta", "kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality", "kind", "priority_rank"]
    list_filter = ["municipality"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality", "kind"]
    list_filter = ["municipality", "kind"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "role", "organisation", "is_organisation_admin"]
    list_filter = ["municipality", "role"]
    raw_id_fields = ["user"]


@admin.register(StrategyCycle)
class StrategyCycleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "active_stage"]
    readonly_fields = ["active_stage"]


@admin.register(StageTransition)
class StageTransitionAdmin(admin.ModelAdmin):
    list_display = ["cycle", "from_stage", "to_stage", "direction", "user", "at"]
    readonly_fields = [
        "cycle",
        "from_stage",
        "to_stage",
        "direction",
        "reason",
        "checks_summary",
        "user",
        "at",
        "notified",
    ]
