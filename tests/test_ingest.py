import json

from dateline.io import byline, clean
from dateline.io.decode import decode
from dateline.io.documents import Document, Failure
from dateline.io.files import read_path
from dateline.io.formats import from_text

REPORT = """# Militia fighters seize checkpoint near river town

Jane Roe 3 May 2010

Fighters loyal to a local commander took over a checkpoint on Sunday, residents said. The **army** said it
would respond, and a spokesman put the cost of repairs at \\$2 million.

The attack came after weeks of tension between the two sides, which had clashed repeatedly in the

surrounding villages since March.

Share this article

To contact the newsroom visit:

example.org/contact
"""


def test_markdown_emphasis_escapes_and_footer_are_cleaned():
    doc = from_text(REPORT, "r1", "<test>")
    assert isinstance(doc, Document)
    assert "*" not in doc.text and "\\$" not in doc.text and "$2 million" in doc.text
    assert "To contact" not in doc.text and "example.org" not in doc.text and "Share this" not in doc.text


def test_paragraph_broken_mid_sentence_is_rejoined():
    doc = from_text(REPORT, "r1", "<test>")
    assert "clashed repeatedly in the surrounding villages" in doc.text


def test_headline_and_byline():
    doc = from_text(REPORT, "r1", "<test>")
    assert doc.article.title == "Militia fighters seize checkpoint near river town"
    assert doc.article.author == "Jane Roe"
    assert doc.article.published == "2010-05-03"


def test_byline_formats():
    for line, author, date in [
        ("By Jane Roe, May 3, 2010", "Jane Roe", "2010-05-03"),
        ("Jane Roe | 03/05/2010", "Jane Roe", "2010-05-03"),
        ("By John Smith and Ann Lee", "John Smith and Ann Lee", None),
        ("Peter Symonds 4 April 2008", "Peter Symonds", "2008-04-04"),
    ]:
        head = byline.parse_head(f"A headline about a vote\n\n{line}\n\nThe body of the story begins here.")
        assert (head.author, head.published) == (author, date), line


def test_outlet_from_byline():
    for line, author, outlet in [
        ("By Jane Roe, Reuters", "Jane Roe", "Reuters"),
        ("By Jane Roe, The Kano Herald", "Jane Roe", "The Kano Herald"),
        ("Jane Roe | Lagos Daily Courier | 03/05/2010", "Jane Roe", "Lagos Daily Courier"),
        ("By Jane Roe, Senior Correspondent", "Jane Roe", None),
    ]:
        head = byline.parse_head(f"A headline about a vote\n\n{line}\n\nThe body of the story begins here.")
        assert (head.author, head.outlet) == (author, outlet), line


def test_outlet_from_dateline_and_footer():
    assert byline.find_outlet("KABUL, May 3 (Reuters) - Two rockets hit the airport.") == "Reuters"
    assert (byline.find_outlet("Body text.\n\nTo contact the WSWS visit:\n\nwsws.org/contact")
            == "World Socialist Web Site")
    assert byline.find_outlet("He told Reuters that the talks had failed.") is None


def test_given_metadata_wins_over_the_page():
    doc = from_text("Headline here\n\nBy Jane Roe, May 3, 2010\n\nBody text.", "x", "<t>",
                    {"title": "Given title", "published": "2011-01-02"})
    assert doc.article.title == "Given title" and doc.article.published == "2011-01-02"


def test_other_encodings_are_detected(tmp_path):
    text = "Les manifestants se sont réunis à Bamako, a déclaré le ministère. " * 5
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = next(read_path(str(path)))
    assert isinstance(doc, Document) and "réunis" in doc.text and "déclaré" in doc.text
    assert decode("naïve".encode()) == "naïve"


def test_bad_files_fail_with_a_named_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    items = list(read_path(str(tmp_path / "missing.txt"))) + list(read_path(str(tmp_path / "empty.txt"))) \
        + list(read_path(str(tmp_path / "blob.txt")))
    assert all(isinstance(i, Failure) for i in items)
    assert "no such file" in items[0].message and "empty" in items[1].message and "binary" in items[2].message
    assert items[0].source.endswith("missing.txt")


def test_jsonl_bad_line_is_named_and_others_survive(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Police arrested two men in Lagos on Monday.", "published": "2020-01-07"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Protesters marched in Accra."}),
    ]))
    items = list(read_path(str(path)))
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Failure", "Document"]
    assert items[1].source.endswith("batch.jsonl:2") and items[2].source.endswith("batch.jsonl:3")
    assert items[0].article.published == "2020-01-07" and items[0].id == "a"


def test_jsonl_splits_on_newlines_only(tmp_path):
    # Unicode line separators (NEL, LS) are legal inside a JSON string and must not end a record.
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Troops\x85 entered Basra.\u2028 Fighting stopped."},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(read_path(str(path)))
    assert [type(i).__name__ for i in items] == ["Document"]


def test_html_main_text_and_metadata(tmp_path):
    body = "".join(f"<p>Paragraph {i}: troops moved into the northern district after talks with local elders "
                   f"broke down, officials said on Tuesday.</p>" for i in range(6))
    html = (f"<html><head><title>Troops enter district</title><meta name='author' content='Sam Doe'>"
            f"<meta property='article:published_time' content='2021-06-01'></head><body><nav>Home | World</nav>"
            f"<article><h1>Troops enter district</h1>{body}</article><footer>Subscribe now</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html)
    doc = next(read_path(str(path)))
    assert isinstance(doc, Document)
    assert "troops moved into the northern district" in doc.text and "Subscribe now" not in doc.text
    assert doc.article.title == "Troops enter district" and doc.article.published == "2021-06-01"


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("Title one\n\nBody of the first story.")
    (tmp_path / "two.txt").write_text("Title two\n\nBody of the second story.")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG\x00")
    ids = [d.id for d in read_path(str(tmp_path))]
    assert ids == ["one.md", "two.txt"]


def test_clean_keeps_lists_and_drops_links():
    text = clean.clean("See [the report](http://x.org/r) here.\n\n- one\n- two\n")
    assert "See the report here." in text and "http" not in text


def test_clean_prose_keeps_its_offsets():
    # Whitespace is rewritten one character for one, so spans found in the record fit the input too.
    raw = "\n  Rebels  took\tthe town.\nTroops\u00a0fled.\n \n\n   ___.\n\nTalks resume  on Monday."
    text = clean.clean(raw)
    assert len(text.rstrip()) == len(raw.rstrip())
    for word in ("Rebels", "Troops", "fled", "Monday"):
        assert text.index(word) == raw.index(word)
    assert "___." in text  # a separator is not emphasis
