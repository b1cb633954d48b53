"""The chapter editor on the server: the page offers the rich-text editor from our static files,
and whatever the editor (or a paste it let through) posts is cleaned to the allow-list."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from strategy.forms_document import SectionForm
from strategy.models import Section
from strategy.sanitise import sanitise
from tests.conftest import client_for
from tests.factories import SectionFactory, StrategyFactory

pytestmark = pytest.mark.django_db

# What the editor posts after a paste from Word that its schema did not fully clean (an old
# browser, a script-less client): Word's styles, classes, spans and conditional comments.
WORD_LEFTOVERS = (
    '<h3 class="MsoHeading3" style="mso-margin-top-alt:auto">Servicii</h3>'
    '<p class="MsoNormal"><span style="mso-ansi-language:RO" lang="RO">Text</span>'
    "<!--[if !supportLists]--><o:p></o:p></p>"
    "<ul><li><p><strong>Cantină</strong></p></li></ul>"
    '<table class="MsoTableGrid" style="border-collapse:collapse"><tbody>'
    '<tr><th colspan="2" rowspan="1" style="width:100pt">Zona</th></tr>'
    '<tr><td colspan="1">Valea</td><td rowspan="0">120</td><td colspan="999">x</td></tr>'
    "</tbody></table>"
)


@pytest.fixture
def strategy(world):
    world.cycle.active_stage = "objectives"
    world.cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    strategy.section = SectionFactory(strategy=strategy, position=0, body="<p>Vechi</p>")
    return strategy


def edit_url(strategy):
    return reverse(
        "section-update",
        args=[strategy.municipality.slug, strategy.pk, strategy.section.pk],
    )


def test_the_chapter_page_offers_the_rich_text_editor_from_our_static_files(world, strategy):
    client = client_for(world.users["staff"])
    page = client.get(edit_url(strategy)).content.decode()
    textarea = re.search(r"<textarea[^>]*name=\"body\"[^>]*>", page).group(0)
    module = re.search(r'data-rich-text="([^"]+)"', textarea).group(1)
    assert module == "/static/django_prose_editor/editor.js"
    assert finders.find("django_prose_editor/editor.js")  # served by us, not a CDN
    assert re.search(r'<script type="module" src="/static/js/rich-text-editor.js" nonce="', page)
    # The old raw-HTML toolbar is gone; no inline script or style comes with the editor.
    assert "data-html-toolbar" not in page and "data-wrap=" not in page
    assert "importmap" not in page and "<style" not in page


def test_word_leftovers_posted_by_the_editor_are_cleaned_to_the_allow_list(world, strategy):
    client = client_for(world.users["staff"])
    response = client.post(
        edit_url(strategy), {"kind": strategy.section.kind, "title": "Cap", "body": WORD_LEFTOVERS}
    )
    assert response.status_code == 302
    body = Section.objects.get(pk=strategy.section.pk).body
    assert "<h3>Servicii</h3>" in body
    assert "<p>Text</p>" in body
    assert "<ul><li><p><strong>Cantină</strong></p></li></ul>" in body
    # Merged cells keep their span; a span of 1 or out of range is dropped.
    assert '<th colspan="2">Zona</th>' in body
    assert "<td>Valea</td><td>120</td><td>x</td>" in body
    for gone in ("style=", "class=", "lang=", "<span", "<o:p", "<!--", "mso-"):
        assert gone not in body, gone


def test_the_form_cleans_the_body_itself():
    form = SectionForm(
        data={
            "kind": "diagnosis",
            "title": "Cap",
            "body": '<p onclick="x()">A</p><script>b</script>',
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "<p>A</p>"


@pytest.mark.parametrize(
    ("cell", "kept"),
    [
        ('<td colspan="3">a</td>', '<td colspan="3">a</td>'),
        ('<td rowspan=" 2 ">a</td>', '<td rowspan="2">a</td>'),
        ('<td colspan="1">a</td>', "<td>a</td>"),
        ('<td colspan="101">a</td>', "<td>a</td>"),
        ('<td colspan="2;x">a</td>', "<td>a</td>"),
        ('<th rowspan="-2">a</th>', "<th>a</th>"),
        ('<td width="2" onclick="x()">a</td>', "<td>a</td>"),
    ],
)
def test_table_cells_keep_only_a_sensible_span(cell, kept):
    assert kept in sanitise(f"<table><tr>{cell}</tr></table>")


def test_a_span_attribute_outside_a_table_cell_is_dropped():
    assert sanitise('<p colspan="2">a</p>') == "<p>a</p>"


def test_the_history_of_a_chapter_reads_as_text_never_as_tags(db):
    """Staff reading who changed a chapter see its words, not the HTML it is stored as."""
    from core.history import history_entries
    from tests.factories import SectionFactory

    section = SectionFactory(body="<p>Vârstnicii <strong>singuri</strong> &amp; bolnavi</p>")
    section.body = "<h3>Nevoi</h3><ul><li>îngrijire la domiciliu</li><li>teleasistență</li></ul>"
    section.save()
    (change,) = history_entries(section)[0].changes  # the body, the only field changed
    assert change.old == "Vârstnicii singuri & bolnavi"
    assert change.new == "Nevoi\nîngrijire la domiciliu\nteleasistență"
