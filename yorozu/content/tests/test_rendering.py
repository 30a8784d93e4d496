"""The Markdown sanitizer: staff-written Markdown renders, and no injection gets through."""

from html.parser import HTMLParser

import pytest

from yorozu.content.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<a href="/" onclick="alert(1)">x</a>',
    '<p onmouseover="alert(1)">hover</p>',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<style>body { display: none }</style>",
    '<p style="background: url(javascript:alert(1))">styled</p>',
    '<svg onload="alert(1)"><circle /></svg>',
    '<form action="https://evil.example/"><input name="password"></form>',
    "[x](javascript&#58;alert(1))",
    '<a href="https://ok.example/" {: onclick="alert(1)"}>x</a>',
    "text{: onclick='alert(1)' }",
]


class _Inspector(HTMLParser):
    """Collects every tag and attribute in the output: the proof is structural, not textual."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)


def inspect(html: str) -> _Inspector:
    parser = _Inspector()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_dangerous_gets_through(attack):
    html = str(render_markdown(f"Hello\n\n{attack}\n\nbye"))
    found = inspect(html)
    assert found.tags <= ALLOWED_TAGS, html
    for tag, name, value in found.attrs:
        assert not name.startswith("on"), html
        assert name != "style", html
        assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, html
        if name == "href":
            scheme = value.strip().lower().split(":", 1)[0] if ":" in value else ""
            assert scheme in {"", "http", "https", "mailto"}, html
    assert "alert(1)</" not in html.lower()
    assert "<script" not in html.lower()


def test_script_content_is_dropped_not_just_unwrapped():
    html = str(render_markdown("a <script>steal(document.cookie)</script> b"))
    assert "steal" not in html
    assert "cookie" not in html


def test_ordinary_markdown_renders():
    html = str(
        render_markdown(
            "## 見出し\n\n**太字** と *斜体*\n\n- 一\n- 二\n\n1. first\n\n> quote\n\n`code`"
        )
    )
    assert "<h2>見出し</h2>" in html
    assert "<strong>太字</strong>" in html
    assert "<em>斜体</em>" in html
    assert "<ul>" in html and "<li>一</li>" in html
    assert "<ol>" in html
    assert "<blockquote>" in html
    assert "<code>code</code>" in html


def test_links_get_nofollow_noopener_and_keep_safe_urls():
    html = str(
        render_markdown("[ガイドライン](/help/guidelines/#prohibited-mlm) [x](https://a.example/)")
    )
    assert 'href="/help/guidelines/#prohibited-mlm"' in html
    assert 'href="https://a.example/"' in html
    assert html.count('rel="nofollow noopener"') == 2


def test_author_cannot_override_rel():
    html = str(render_markdown('<a href="https://a.example/" rel="dofollow">x</a>'))
    assert "dofollow" not in html
    assert 'rel="nofollow noopener"' in html


def test_empty_text_renders_empty():
    assert render_markdown("") == ""
