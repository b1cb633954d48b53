"""No SSRF from the PDFs: WeasyPrint reads our own static files and data: URLs (the generated
charts) and nothing else. Hostile markup (images, stylesheets, CSS url() and @import, fonts,
attachments, SVG images, a <base>, file:///etc/passwd) put into a strategy chapter and a public
comment makes no request to a local HTTP listener and puts no local file into the PDF, rendered
directly, as the council dossier and as the strategy PDF; our static CSS is still applied."""

import base64
import contextlib
import http.server
import io
import re
import threading
import zlib
from pathlib import Path

import pypdf
import pytest
from django.conf import settings

from actionplans import dossier
from core.pdf import RefusedURL, html_to_pdf, static_only_fetcher
from strategy.models import Section, StrategyVersion
from strategy.pdf import strategy_pdf
from strategy.sanitise import sanitise
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    CommentFactory,
    DraftDecisionFactory,
    IndicatorFactory,
    MeasureFactory,
    PublicConsultationFactory,
    SectionFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
)

PASSWD_LINE = "root:x:0:0"
SPIRALA_CSS = Path(settings.BASE_DIR) / "static" / "css" / "spirala.css"
# .bg-spirala { background-color: #0b4f6c } in static/css/spirala.css, as WeasyPrint writes it.
SPIRALA_FILL = b"0.043137 0.309804 0.423529 rg"


# --- A local listener that records every request -------------------------------------------------


class Listener:
    """An HTTP server on 127.0.0.1 (random port) recording every connection and request path.
    /redirect* answers 302 to /elsewhere; every other path answers a small stylesheet."""

    def __init__(self):
        self.paths: list[str] = []
        self.connections = 0
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            timeout = 2  # a client that is not HTTP (ftp:) is dropped, not waited for

            def _answer(self):
                listener.paths.append(self.path)
                if self.path.startswith("/redirect"):
                    self.send_response(302)
                    self.send_header("Location", f"http://127.0.0.1:{listener.port}/elsewhere")
                    self.end_headers()
                    return
                body = b"p { color: red }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def verify_request(self, request, client_address):
                listener.connections += 1
                return True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.stop()


def hostile_markup(listener: Listener, label: str, *, base: bool = True) -> str:
    """Every way HTML and CSS make WeasyPrint load a URL, aimed at the listener and at local
    files; `label` is visible text, to find the markup in the PDF. With `base`, a <base> aims
    the relative URLs at the listener too."""
    url = listener.url
    port = listener.port
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="20" height="20">'
        f'<image href="{url("/svg-image")}" width="10" height="10"/>'
        f'<image xlink:href="file:///etc/passwd" width="10" height="10"/>'
        f'<use href="{url("/svg-use")}#x"/></svg>'
    )
    svg_data = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    css_data = (
        "data:text/css;base64,"
        + base64.b64encode(f'@import url("{url("/data-import.css")}");'.encode()).decode()
    )
    return f"""
{f'<base href="{url("/base/")}">' if base else ""}
<p>{label}</p>
<img src="{url("/img")}" alt="">
<img src="http://localhost:{port}/img-localhost" alt="">
<img src="http://[::ffff:127.0.0.1]:{port}/img-mapped" alt="">
<img src="https://127.0.0.1:{port}/img-https" alt="">
<img src="ftp://127.0.0.1:{port}/img-ftp" alt="">
<img src="file://127.0.0.1:{port}/img-file-host" alt="">
<img src="{url("/redirect-img")}" alt="">
<img src="{url("/static/css/spirala.css")}" alt="">
<img src="{svg_data}" alt="">
<link rel="stylesheet" href="{url("/link.css")}">
<link rel="stylesheet" href="{url("/redirect.css")}">
<link rel="stylesheet" href="{css_data}">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="attachment" href="{url("/attachment")}">
<link rel="attachment" href="file:///etc/passwd">
<a rel="attachment" href="file:///etc/passwd">passwd</a>
<a rel="attachment" href="{url("/a-attachment")}">attachment</a>
<p style="background: url({url("/style-attr")})">styled</p>
<p style="background-image: url('file:///etc/passwd'); list-style-image: url({url("/list")})">
  styled again</p>
<style>
  @import url("{url("/import.css")}");
  @import "{url("/redirect-import.css")}";
  @import url("file:///etc/passwd");
  @font-face {{ font-family: Hostile; src: url("{url("/font.woff")}"); }}
  body {{ background-image: url("{url("/style-element")}"); }}
  .hostile {{ font-family: Hostile; content: url("{url("/content")}"); }}
  .hostile::before {{ content: url("file:///etc/passwd"); }}
</style>
<p class="hostile">hostile</p>
<img src="file:///etc/passwd" alt="">
<img src="file://localhost/etc/passwd" alt="">
<img src="{SPIRALA_CSS.parent.as_uri()}/../../../../etc/passwd" alt="">
<img src="/etc/passwd" alt="">
<img src="../../../../../etc/passwd" alt="">
<object data="file:///etc/passwd"></object>
<object data="{url("/object")}"></object>
<embed src="{url("/embed")}">
<iframe src="{url("/iframe")}"></iframe>
<svg width="20" height="20"><image href="{url("/inline-svg")}" width="10" height="10"/></svg>
"""


# --- Reading a PDF back ---------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_bytes(content: bytes) -> bytes:
    """The file with each of its streams inflated: whatever it embeds, readable."""
    found = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.DOTALL):
        with contextlib.suppress(zlib.error):
            found.append(zlib.decompressobj().decompress(match.group(1)))
    return b"\n".join(found)


def attachment_names(content: bytes) -> set[str]:
    return set(pypdf.PdfReader(io.BytesIO(content)).attachments)


def assert_nothing_reached(listener: Listener, content: bytes):
    assert listener.paths == []
    assert listener.connections == 0
    assert content.startswith(b"%PDF")
    assert PASSWD_LINE not in pdf_text(content)
    assert PASSWD_LINE.encode() not in pdf_bytes(content)


# --- (a) html_to_pdf with hostile HTML ----------------------------------------------------------


def test_the_hostile_markup_does_reach_the_listener_with_weasyprints_own_fetcher(listener):
    """The control: the listener, the redirect and the markup work, so zero requests below means
    our fetcher refused them (not that nothing was tried)."""
    from weasyprint import HTML

    content = HTML(
        string=hostile_markup(listener, "Control"), base_url=SPIRALA_CSS.parent.as_uri() + "/"
    ).write_pdf()
    assert {
        "/img",
        "/img-localhost",
        "/link.css",
        "/data-import.css",
        "/import.css",
        "/redirect-import.css",
        "/font.woff",
        "/style-attr",
        "/style-element",
        "/attachment",
        "/a-attachment",
        "/object",
        "/embed",
        "/svg-image",
        "/inline-svg",
        "/etc/passwd",  # a relative URL, resolved against the <base>
    } <= set(listener.paths)
    assert "/elsewhere" in listener.paths  # the redirect was followed
    assert PASSWD_LINE.encode() in pdf_bytes(content)  # embedded as an attachment


def test_html_to_pdf_loads_nothing_from_hostile_markup(listener):
    content = html_to_pdf(hostile_markup(listener, "Textul de lângă marcajul ostil"))

    assert_nothing_reached(listener, content)
    assert "Textul de lângă marcajul ostil" in pdf_text(content)
    assert attachment_names(content) == set()


def test_html_to_pdf_with_attachments_loads_nothing_either(listener):
    markup = hostile_markup(listener, "Cu anexă")
    content = html_to_pdf(markup, attachments=[("plan.xlsx", b"PK-xlsx", "Planul anual")])

    assert_nothing_reached(listener, content)
    assert attachment_names(content) == {"plan.xlsx"}


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        f"file://{SPIRALA_CSS.parent}/../../../../etc/passwd",
        f"file://example.org{SPIRALA_CSS}",
        "http://127.0.0.1/static/css/spirala.css",
        "https://example.org/static/css/spirala.css",
        "ftp://127.0.0.1/x",
        "gopher://127.0.0.1/x",
        "javascript:alert(1)",
    ],
)
def test_the_fetcher_refuses_other_schemes_hosts_and_paths(url):
    with pytest.raises((RefusedURL, ValueError)):
        static_only_fetcher().fetch(url)


def test_the_fetcher_refuses_a_link_from_the_static_folder_to_elsewhere(settings, tmp_path):
    static_root = tmp_path / "staticfiles"
    static_root.mkdir()
    (static_root / "passwd.css").symlink_to("/etc/passwd")
    settings.STATIC_ROOT = static_root

    with pytest.raises(RefusedURL):
        static_only_fetcher().fetch((static_root / "passwd.css").as_uri())


def test_the_fetcher_follows_no_redirect(listener):
    """Even an http URL let through by mistake would not be redirected: the fetcher's opener
    has no redirect handler."""
    fetcher = static_only_fetcher()
    assert not any(type(handler).__name__ == "HTTPRedirectHandler" for handler in fetcher.handlers)
    with pytest.raises(RefusedURL):
        fetcher.fetch(listener.url("/redirect.css"))
    assert listener.paths == []


# --- (c) our own static files and generated charts still load ----------------------------------


def test_the_fetcher_serves_our_static_css():
    response = static_only_fetcher().fetch(SPIRALA_CSS.as_uri())
    assert response.read() == SPIRALA_CSS.read_bytes()
    assert response.content_type == "text/css"


def test_our_static_css_and_data_charts_are_applied_in_the_pdf(listener, settings, tmp_path):
    """A stylesheet of STATICFILES_DIRS by its file URL, one of STATIC_ROOT by a relative URL,
    and an SVG chart as a data: URL all reach the PDF, next to the hostile markup."""
    static_root = tmp_path / "staticfiles"
    (static_root / "css").mkdir(parents=True)
    (static_root / "css" / "pdf-test.css").write_text(".collected { background: #123456 }")
    settings.STATIC_ROOT = static_root
    chart = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
        '<rect width="40" height="40" fill="#654321"/></svg>'
    )
    chart_url = "data:image/svg+xml;base64," + base64.b64encode(chart.encode()).decode()
    html = f"""
<link rel="stylesheet" href="{SPIRALA_CSS.as_uri()}">
<link rel="stylesheet" href="css/pdf-test.css">
<div class="bg-spirala" style="height: 40px">static</div>
<div class="collected" style="height: 40px">collected</div>
<img src="{chart_url}" alt="chart">
{hostile_markup(listener, "Alături", base=False)}
"""
    streams = pdf_bytes(html_to_pdf(html))

    assert SPIRALA_FILL in streams
    assert b"0.070588 0.203922 0.337255 rg" in streams  # #123456, from STATIC_ROOT
    assert b"0.396078 0.262745 0.129412 rg" in streams  # #654321, the data: chart
    assert listener.paths == []


def test_without_our_stylesheet_the_colour_is_not_there():
    """The check above can fail: the fill appears only when the stylesheet was read."""
    streams = pdf_bytes(html_to_pdf('<div class="bg-spirala" style="height: 40px">x</div>'))
    assert SPIRALA_FILL not in streams


# --- (b) end to end: a chapter and a comment in the dossier and the strategy PDF -----------------


def hostile_strategy(world, listener):
    """A strategy version whose chapters hold the hostile markup (one cleaned as the form does,
    one written raw past the form), a consultation comment holding it too, and a strategy
    decision on a one-measure plan."""
    cycle = world.cycle
    cycle.active_stage = "council_approval"
    cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=cycle)
    SectionFactory(
        strategy=strategy,
        title="Capitol curățat",
        body=sanitise(hostile_markup(listener, "Capitolul curățat la salvare")),
    )
    raw = SectionFactory(strategy=strategy, title="Capitol scris direct")
    Section.objects.filter(pk=raw.pk).update(
        body=hostile_markup(listener, "Capitolul scris pe lângă formular")
    )
    objective = StrategicObjectiveFactory(strategy=strategy, title="Vârstnicii trăiesc demn")
    specific = SpecificObjectiveFactory(objective=objective, title="Îngrijire la domiciliu")
    IndicatorFactory(specific_objective=specific)
    version = StrategyVersionFactory(strategy=strategy, published_by=world.users["staff"])
    assert any(
        'rel="attachment"' in section["body"]
        for section in StrategyVersion.objects.get(pk=version.pk).snapshot["sections"]
    )
    consultation = PublicConsultationFactory(version=version, opened_by=world.users["staff"])
    CommentFactory(
        consultation=consultation,
        author=world.users["public"],
        text=hostile_markup(listener, "Recomandarea ostilă"),
    )
    plan = ActionPlanFactory(municipality=world.municipality, cycle=cycle)
    BudgetLineFactory(measure=MeasureFactory(plan=plan, specific_objective=specific))
    decision = DraftDecisionFactory(plan=plan, kind="strategy", strategy_version=version)
    return version, decision


def test_the_council_dossier_with_hostile_chapters_and_comments_loads_nothing(world, listener):
    version, decision = hostile_strategy(world, listener)

    content = dossier.render(decision)

    assert_nothing_reached(listener, content)
    text = pdf_text(content)
    assert "Capitolul curățat la salvare" in text
    assert "Capitolul scris pe lângă formular" in text
    assert "Recomandarea ostilă" in text
    assert attachment_names(content) == {dossier.xlsx_name(decision.plan)}


def test_the_strategy_pdf_with_hostile_chapters_loads_nothing(world, listener):
    version, _decision = hostile_strategy(world, listener)

    content = strategy_pdf(version)

    assert_nothing_reached(listener, content)
    text = pdf_text(content)
    assert "Capitolul curățat la salvare" in text
    assert "Capitolul scris pe lângă formular" in text
    assert attachment_names(content) == set()
