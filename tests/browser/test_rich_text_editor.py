"""Staff write a strategy chapter in the rich-text editor, by keyboard and by pasting from Word,
and the saved body holds clean markup; the page breaks no rule of the CSP."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from strategy.models import Section, Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What Word puts on the clipboard, trimmed: a heading, a list written as styled paragraphs with
# the bullet typed out, a table with a merged cell, and spans, classes and mso- styles all over.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style>p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:"Calibri"}</style></head>
<body lang="RO" style="tab-interval:35.4pt">
<h1 style="mso-margin-top-alt:auto"><span lang="RO" style="mso-ansi-language:RO">Servicii din
Word</span></h1>
<p class="MsoListParagraphCxSpFirst" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1">
<!--[if !supportLists]--><span style="font-family:Symbol;mso-list:Ignore">·<span
style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp;</span></span><!--[endif]-->
<span style="color:red">Cantină socială</span></p>
<p class="MsoListParagraphCxSpLast" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1">
<!--[if !supportLists]--><span style="font-family:Symbol;mso-list:Ignore">·<span
style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp;</span></span><!--[endif]-->
Centru de zi<o:p></o:p></p>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse;mso-yfti-tbllook:1184">
<tr><td colspan="2" style="mso-border-alt:solid windowtext .5pt"><p class="MsoNormal">
<b><span style="font-size:11pt">Zona</span></b></p></td></tr>
<tr><td style="width:100pt"><p class="MsoNormal"><span>Valea Borcutului</span></p></td>
<td><p class="MsoNormal"><span>120</span></p></td></tr>
</table>
<p class="MsoNormal"><span style="mso-bidi-font-weight:bold">Sfârșit</span>, <span
style="font-style:italic">notă</span>.</p>
</body></html>"""

PASTE = """(html) => {
  const editor = document.querySelector(".rich-text .ProseMirror");
  editor.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "Servicii din Word");
  editor.dispatchEvent(
    new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
  );
}"""


def log_in(page, base, username):
    page.goto(base + "/cont/autentificare/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def test_staff_format_a_chapter_by_keyboard_and_paste_from_word(live_server, page, console_errors):
    call_command("load_demo", verbosity=0)
    strategy = Strategy.objects.select_related("municipality", "cycle").get()
    strategy.cycle.active_stage = "objectives"
    strategy.cycle.save()
    section = strategy.sections.order_by("position").first()
    url = live_server.url + reverse(
        "section-update",
        kwargs={"slug": strategy.municipality.slug, "pk": strategy.pk, "section_pk": section.pk},
    )
    # The site has no favicon; the browser's own request for it is not the page's error.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    errors = []  # console errors, CSP violations among them (conftest reports those there)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    log_in(page, live_server.url, "personal")
    page.goto(url)
    editor = page.locator(".rich-text .ProseMirror[contenteditable=true]")
    editor.wait_for()
    assert page.locator("#id_body").is_hidden()  # the raw HTML is no longer what staff see
    assert editor.get_attribute("aria-labelledby")
    # The toolbar is made of real buttons, named in the page's language.
    bold = page.locator(".prose-menubar button[data-name='bold']")
    expect(bold).to_have_attribute("aria-label", "Aldin")
    bold.focus()
    assert page.evaluate("document.activeElement.dataset.name") == "bold"

    # Keyboard only: select everything, replace it, then use Tiptap's shortcuts.
    editor.focus()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.press("Control+Alt+3")
    page.keyboard.type("Obiectivele capitolului")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+8")
    page.keyboard.type("Primul punct")
    page.keyboard.press("Enter")
    page.keyboard.type("Al doilea punct")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.keyboard.press("Control+b")
    page.keyboard.type("Important")
    page.keyboard.press("Control+b")
    page.keyboard.type(" și restul.")
    page.keyboard.press("Enter")

    page.evaluate(PASTE, WORD_HTML)
    assert editor.locator("table td").count() >= 3
    page.get_by_role("button", name=re.compile("^(Salvați|Save)$")).click()
    page.wait_for_load_state()

    body = Section.objects.get(pk=section.pk).body
    assert "<h3>Obiectivele capitolului</h3>" in body
    assert re.search(r"<ul><li><p>Primul punct</p></li><li><p>Al doilea punct</p></li></ul>", body)
    assert "<strong>Important</strong> și restul." in body
    # Word's heading, its list (paragraphs with a typed bullet) and its table survive...
    assert "<h3>Servicii din" in body
    assert re.search(r"<ul><li><p>\s*Cantină socială\s*</p></li><li><p>\s*Centru de zi", body)
    assert "·" not in body
    assert re.search(r"<table><tbody><tr><td colspan=\"2\"><p><strong>Zona</strong>", body)
    assert "Valea Borcutului" in body and "Sfârșit, <em>notă</em>." in body
    # ... and nothing else of Word's does.
    for leftover in ("style=", "class=", "<span", "mso-", "<o:p", "<!--", "lang="):
        assert leftover not in body, leftover
    assert errors == []
    assert console_errors.errors == []
