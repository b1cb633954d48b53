from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views
from core.forms import LoginForm
from core.urls import municipality_patterns

auth_patterns = [
    path(
        "autentificare/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("iesire/", auth_views.LogoutView.as_view(), name="logout"),
    path("parola/resetare/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "parola/resetare/trimis/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "parola/resetare/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "parola/resetare/gata/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("parola/schimbare/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "parola/schimbare/gata/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", core_views.account, name="account"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("glosar/", core_views.glossary, name="glossary"),
    path("cont/", include(auth_patterns)),
    path("m/<slug:slug>/", include(municipality_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "core.views.permission_denied"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
