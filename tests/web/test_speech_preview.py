"""What the reader will say, shown to the eye: the reviewer sees the spoken form beside the
written text with every reading marked by kind, and the author sees the reader's warnings
before submitting (the form's HTMX preview) and on the script page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from sqlmodel import select

from content_library.models import LexiconEntry, ScriptVersion
from tts.normalize import normalize_with_report
from web.services.speech import KIND_MSGIDS, from_report, speech_view

from .conftest import new_script_form, script_id_from, speech_wav_bytes

MEETING = "Họp lúc 7g30 ngày 15/12 tại trụ sở UBND xã."
UNSURE = "Đề nghị các hộ liên hệ XQZ trước ngày 20/12."


class Speech(HTMLParser):
    """The marks and warnings of a page's .speech section: {side: [(attrs, text)]}."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.marks: dict[str, list[tuple[dict, str]]] = {"written": [], "spoken": []}
        self.text: dict[str, str] = {"written": "", "spoken": ""}
        self.warnings: list[str] = []
        self.sections = 0
        self._side: str | None = None
        self._depth = 0
        self._mark: tuple[dict, list[str]] | None = None
        self._warning: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "speech" in classes:
            self.sections += 1
        if self._side is not None and tag == "div":
            self._depth += 1
        elif tag == "div" and "text" in classes and ({"written", "spoken"} & set(classes)):
            self._side = "written" if "written" in classes else "spoken"
            self._depth = 1
        if tag == "mark" and self._side is not None:
            self._mark = (a, [])
        if tag == "li" and "speech-warning" in classes:
            self._warning = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None and self._side is not None:
            self.marks[self._side].append((self._mark[0], "".join(self._mark[1])))
            self._mark = None
        if tag == "div" and self._side is not None:
            self._depth -= 1
            if self._depth == 0:
                self._side = None
        if tag == "li" and self._warning is not None:
            self.warnings.append("".join(self._warning).strip())
            self._warning = None

    def handle_data(self, data: str) -> None:
        if self._side is not None:
            self.text[self._side] += data
        if self._mark is not None:
            self._mark[1].append(data)
        if self._warning is not None:
            self._warning.append(data)

    def kind_of(self, side: str, text: str) -> str | None:
        for attrs, t in self.marks[side]:
            if t.lower() == text.lower():
                return attrs.get("data-kind")
        return None


def submitted_version(panel, db, text: str, **over) -> tuple[int, int]:
    author = panel("doanvien")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db, text=text, **over)))
    db.expire_all()
    version = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one()
    return sid, version.id


def preview(client, **form) -> str:
    form.setdefault("voice_region", "north")
    form.setdefault("kind", "text")
    r = client.post("/scripts/preview-speech", data=form, headers={"HX-Request": "true"})
    assert r.status_code == 200, r.text[:500]
    return r.text


# --- the reviewer --------------------------------------------------------------------------


def test_the_review_page_shows_the_spoken_form_with_each_reading_marked(panel, db) -> None:
    _, vid = submitted_version(panel, db, MEETING)
    page = panel("congan").get(f"/review/{vid}")
    assert page.status_code == 200
    s = Speech(page.text)
    assert s.sections == 1
    spoken = s.text["spoken"].lower()
    for said in ("bảy giờ ba mươi", "mười lăm tháng mười hai", "ủy ban nhân dân"):
        assert said in spoken
    assert s.kind_of("spoken", "bảy giờ ba mươi phút") == "time"
    assert s.kind_of("spoken", "mười lăm tháng mười hai") == "date"
    assert s.kind_of("spoken", "ủy ban nhân dân") == "lexicon"
    # the written side marks the same pieces, each saying what is read, paired by number
    assert s.text["written"] == MEETING
    written = {t: a for a, t in s.marks["written"]}
    assert written["15/12"]["data-kind"] == "date"
    assert written["15/12"]["data-said"] == "mười lăm tháng mười hai"
    assert written["7g30"]["data-kind"] == "time" and written["UBND"]["data-kind"] == "lexicon"
    pairs = {a["data-n"]: t for a, t in s.marks["spoken"]}
    assert pairs[written["15/12"]["data-n"]] == "mười lăm tháng mười hai"
    # the kind is named in words (title and legend), in Vietnamese
    assert 'title="ngày tháng → mười lăm tháng mười hai"' in page.text
    assert "chữ viết tắt" in page.text or "từ điển phát âm" in page.text
    assert not s.warnings
    # shown once: the plain text block gives way to the written column
    assert page.text.count("trụ sở") == 2


def test_the_review_page_in_english(panel, db) -> None:
    _, vid = submitted_version(panel, db, MEETING)
    page = panel("congan").get(f"/review/{vid}?lang=en").text
    assert "What the reader will say" in page and "As it will be read" in page
    assert 'title="a date → mười lăm tháng mười hai"' in page


def test_an_unknown_acronym_warns_the_author_before_and_the_reviewer_after(panel, db) -> None:
    author = panel("doanvien")
    before = Speech(preview(author.client, text=UNSURE, csrf_token=author.csrf()))
    assert len(before.warnings) == 1
    assert before.warnings[0].startswith("Không chắc cách đọc: “XQZ”")
    assert before.kind_of("written", "XQZ") == "spelling"
    assert any("warned" in a["class"] for a, t in before.marks["written"] if t == "XQZ")

    sid, vid = submitted_version(panel, db, UNSURE)
    on_script_page = Speech(author.get(f"/scripts/{sid}").text)
    assert on_script_page.warnings == before.warnings
    review = panel("congan").get(f"/review/{vid}")
    after = Speech(review.text)
    assert after.warnings == before.warnings
    assert 'class="speech-warnings" role="alert"' in review.text  # prominent, announced
    english = Speech(panel("congan").get(f"/review/{vid}?lang=en").text)
    assert english.warnings[0].startswith("Unsure how to read “XQZ”")


def test_the_same_warning_many_times_is_one_line(panel) -> None:
    author = panel("doanvien")
    s = Speech(preview(author.client, text="Gặp XQZ. " * 5, csrf_token=author.csrf()))
    assert len(s.warnings) == 1 and s.warnings[0].endswith("×5")
    assert sum(1 for a, t in s.marks["written"] if t == "XQZ") == 5


@pytest.mark.parametrize("where", ["preview", "review", "script"])
def test_markup_in_a_script_is_shown_as_text(panel, db, where: str) -> None:
    text = 'Cảnh giác <script>alert("x")</script> <img src=x onerror=alert(1)> lừa đảo 5/12.'
    if where == "preview":
        author = panel("doanvien")
        html = preview(author.client, text=text, csrf_token=author.csrf())
    else:
        sid, vid = submitted_version(panel, db, text)
        html = (
            panel("congan").get(f"/review/{vid}")
            if where == "review"
            else panel("doanvien").get(f"/scripts/{sid}")
        ).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html and "&lt;img src=x onerror=alert" in html
    assert Speech(html).text["written"] == text


# --- the author's preview ------------------------------------------------------------------


def test_the_preview_uses_the_voice_region_and_the_panels_lexicon(panel, db) -> None:
    author = panel("doanvien")
    token = author.csrf()
    north = Speech(preview(author.client, text="Năm 2024 có 1.000 hộ.", csrf_token=token))
    south = Speech(
        preview(author.client, text="Năm 2024 có 1.000 hộ.", voice_region="south", csrf_token=token)
    )
    assert "nghìn" in north.text["spoken"] and "ngàn" in south.text["spoken"]

    db.add(LexiconEntry(term="ĐVTNX", spoken="đoàn viên thanh niên xung kích"))
    db.commit()
    s = Speech(preview(author.client, text="Các ĐVTNX tham gia.", csrf_token=token))
    assert s.kind_of("spoken", "đoàn viên thanh niên xung kích") == "lexicon"
    assert not s.warnings


def test_the_preview_says_nothing_for_a_recording_or_an_empty_text(panel) -> None:
    author = panel("doanvien")
    token = author.csrf()
    assert preview(author.client, text=UNSURE, kind="recording", csrf_token=token).strip() == ""
    assert preview(author.client, text="   ", csrf_token=token).strip() == ""


def test_the_preview_checks_the_text_like_saving(panel, app) -> None:
    author = panel("doanvien")
    token = author.csrf()
    too_long = "a" * (app.state.settings.max_script_chars + 1)
    html = preview(author.client, text=too_long, csrf_token=token)
    assert 'class="error"' in html and Speech(html).sections == 0
    assert 'class="error"' in preview(
        author.client, text="Tin", voice_region="mars", csrf_token=token
    )
    nothing = preview(author.client, text="… !!! ---", csrf_token=token)
    assert 'class="error" role="alert"' in nothing


def test_the_preview_needs_the_csrf_token_and_an_author(panel) -> None:
    author = panel("doanvien")
    r = author.client.post("/scripts/preview-speech", data={"text": MEETING})
    assert r.status_code == 403 and r.headers.get("x-loa-csrf") == "refused"
    operator = panel("daixa")
    r = operator.client.post(
        "/scripts/preview-speech", data={"text": MEETING, "csrf_token": operator.csrf()}
    )
    assert r.status_code == 403


def test_the_form_asks_for_the_preview_and_offers_to_record(panel) -> None:
    author = panel("doanvien")
    form = author.get("/scripts/new").text
    assert 'hx-post="/scripts/preview-speech"' in form
    assert 'hx-params="text,voice_region,kind,csrf_token"' in form
    assert 'id="script-text"' in form and 'id="script-voice"' in form
    for label in ("Ghi âm", "Dừng", "Nghe lại", "Ghi lại", "Gửi bản ghi âm"):
        assert f"{label}</button>" in form
    assert '<script src="/static/recorder.js" defer></script>' in form
    english = author.get("/scripts/new?lang=en").text
    for label in ("Record", "Stop", "Listen again", "Record again", "Send the recording"):
        assert f"{label}</button>" in english


# --- recordings have no text to read -------------------------------------------------------


def test_a_recording_shows_no_spoken_form(panel, db) -> None:
    author = panel("doanvien")
    form = new_script_form(db, kind="recording", text="Ghi chú: tin UBND xã")
    sid = script_id_from(
        author.post(
            "/scripts/new", form, files={"file": ("tin.wav", speech_wav_bytes(), "audio/wav")}
        )
    )
    db.expire_all()
    vid = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one().id
    assert Speech(panel("congan").get(f"/review/{vid}").text).sections == 0
    page = author.get(f"/scripts/{sid}").text
    assert Speech(page).sections == 0 and "Ghi chú: tin UBND xã" in page  # the note, as written


# --- the display model ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        MEETING,
        UNSURE,
        "- Quý III/2026, 05 đ/c trực 19h-21h. Gặp TT",
        "Biển số 68B1-123.45, gọi 0912 345 678 hoặc email ca.xa@gmail.com.",
        "“Hộ an toàn” (trừ trường hợp bất khả kháng)./.",
    ],
)
def test_segments_rebuild_both_texts_and_pair_every_reading(text: str) -> None:
    from tts.lexicon import DEFAULT_LEXICON

    report = normalize_with_report(text, region="north", lexicon=DEFAULT_LEXICON)
    view = from_report(report)
    assert "".join(s.text for s in view.written) == report.written
    assert "".join(s.text for s in view.spoken) == report.spoken
    written = {s.n: s for s in view.written if s.kind}
    spoken = {s.n: s for s in view.spoken if s.kind}
    assert len(written) == len(report.expansions)
    for n, s in spoken.items():
        assert written[n].other == s.text and s.other == written[n].text
        assert s.kind in KIND_MSGIDS
    assert set(view.kinds) == {e.kind for e in report.expansions}
    assert sum(w.count for w in view.warnings) == len(report.warnings)


def test_nothing_readable_is_an_error_in_both_languages() -> None:
    view = speech_view("!!! …", region="north", lexicon={})
    assert view.error and view.error_vi and view.error_en and not view.written
