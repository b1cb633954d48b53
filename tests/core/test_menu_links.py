"""No persona is offered a link that refuses them: every link of the menus and of the dashboard
answers 200, for every demo account and for an anonymous visitor."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from strategy.models import Comment

DEMO_ACCOUNTS = [
    "admin",
    "personal",
    "facilitator",
    "furnizor",
    "furnizor2",
    "furnizor3",
    "secretar",
    "cetatean",
    "dgaspc",
    "admin-seini",
]
SKIPPED_PREFIXES = ("/i18n/", "/static/", "/media/", "/cont/iesire/")


class LinkCollector(HTMLParser):
    """The hrefs inside <nav> elements and inside <main> (the page's own content)."""

    def __init__(self):
        super().__init__()
        self.nav_depth = 0
        self.main_depth = 0
        self.nav_links: list[str] = []
        self.main_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.nav_depth += 1
        elif tag == "main":
            self.main_depth += 1
        elif tag == "a":
            href = dict(attrs).get("href")
            if href and self.nav_depth:
                self.nav_links.append(href)
            if href and self.main_depth:
                self.main_links.append(href)

    def handle_endtag(self, tag):
        if tag == "nav" and self.nav_depth:
            self.nav_depth -= 1
        elif tag == "main" and self.main_depth:
            self.main_depth -= 1


def links_of(response, *, with_main: bool) -> list[str]:
    collector = LinkCollector()
    collector.feed(response.content.decode())
    found = collector.nav_links + (collector.main_links if with_main else [])
    links = []
    for href in found:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # another site, mailto:, or an anchor on the same page
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url not in links:
            links.append(url)
    return links


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction that is rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def client_as(username: str | None) -> Client:
    client = Client()
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def refusals(client: Client, urls: list[str]) -> list[str]:
    """Each URL that does not end at 200, or ends at the login page, with what it answered."""
    login = reverse("login")
    failures = []
    for url in urls:
        response = client.get(url, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else url
        at_login = urlsplit(landed).path == login and urlsplit(url).path != login
        if response.status_code != 200 or at_login:
            failures.append(f"{url} -> {response.status_code} {landed}")
    return failures


@pytest.mark.parametrize("username", [*DEMO_ACCOUNTS, None])
def test_every_menu_and_dashboard_link_opens_for_every_demo_persona(demo, db, username):
    client = client_as(username)
    home = client.get("/")
    assert home.status_code == 200
    pages = links_of(home, with_main=True)
    # The user's dashboards are the places the main menu offers (the staff dashboard, the
    # provider's organisation, the council workspace, the SPIRAL sessions): follow their links.
    dashboards = [url for url in links_of(home, with_main=False) if url.startswith("/m/")]
    if username is not None:
        assert dashboards, f"{username} has no place in the menu"
    for url in dashboards:
        response = client.get(url)
        assert response.status_code == 200, url
        pages += [link for link in links_of(response, with_main=True) if link not in pages]
    failures = refusals(client, pages)
    assert not failures, "\n".join(failures)


def test_staff_dashboard_offers_people_and_roles_only_to_administrators(demo, db):
    dashboard = reverse("municipality-dashboard", kwargs={"slug": "baia-mare"})
    roles = reverse("membership-list", kwargs={"slug": "baia-mare"})
    staff_links = links_of(client_as("personal").get(dashboard), with_main=True)
    admin_links = links_of(client_as("admin").get(dashboard), with_main=True)
    assert roles not in staff_links
    assert roles in admin_links


def test_account_menu_links_my_recommendations_for_those_who_have_any(demo, db):
    authors = set(Comment.objects.values_list("author__username", flat=True))
    assert "cetatean" in authors
    comment = Comment.objects.filter(author__username="cetatean").select_related(
        "consultation__municipality"
    )[0]
    url = reverse(
        "my-comments",
        kwargs={"slug": comment.consultation.municipality.slug, "pk": comment.consultation_id},
    )
    citizen_home = client_as("cetatean").get("/")
    assert url in links_of(citizen_home, with_main=False)
    assert "Recomandările mele" in citizen_home.content.decode()
    without = next(name for name in DEMO_ACCOUNTS if name not in authors)
    assert "Recomandările mele" not in client_as(without).get("/").content.decode()
