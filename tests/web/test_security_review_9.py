"""A ninth independent security review (docs/security.md 28): hostile recordings at upload
(names, contents, what the decoder may open) and "only approved audio can ever play" (the
approval bound to the exact audio heard, by whom, of which area). Each test is the
regression of a hole it found, or pins a refusal that held and no earlier test pinned."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from content_library import publishing, services, workflow
from content_library.errors import ValidationError
from content_library.models import Asset, LexiconEntry, Review, ScriptVersion
from web.app import create_app
from web.services.render import mark_queued

from .conftest import Panel, counts, new_script_form, script_id_from, speech_wav_bytes, wav_bytes


def _recording(panel, db, filename: str, data: bytes, *, action: str = "submit"):
    p = panel("doanvien")
    form = new_script_form(db, kind="recording", text="", action=action)
    return p.post("/scripts/new", form, files={"file": (filename, data, "audio/wav")})


def _current(db, script_id: int) -> ScriptVersion:
    db.expire_all()
    return db.exec(
        select(ScriptVersion)
        .where(ScriptVersion.script_id == script_id)
        .order_by(ScriptVersion.number.desc())
    ).first()


# --- (a) hostile recordings ------------------------------------------------------------------


def test_a_long_vietnamese_file_name_does_not_break_the_render(panel, db) -> None:
    """255 characters of Vietnamese are up to 765 bytes: the render named its working link
    after the upload and the file system refused it (ENAMETOOLONG), so a good recording
    never rendered."""
    name = "bản tin phòng chống ma túy ấp Ngọc Chúc " * 8 + ".wav"
    sid = script_id_from(_recording(panel, db, name, speech_wav_bytes()))
    v = _current(db, sid)
    assert v.render_status == "done", v.render_message
    assert v.render_sha256


def test_control_and_bidi_characters_of_a_file_name_never_reach_a_message(panel, db) -> None:
    """The upload's name is shown in the render's messages ("x.wav: no speech found"); an
    RTL override there turns "‮vaw.exe" into what it is not, on the reviewer's page."""
    name = "ghi\u202eam\u200b\x1b[31m.wav"
    sid = script_id_from(_recording(panel, db, name, wav_bytes(2.0)))
    v = _current(db, sid)
    shown = v.render_message or ""
    print(v.render_status, repr(shown))
    for ch in ("\u202e", "\u200b", "\x1b"):
        assert ch not in shown


def _zip_named_wav() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ban-tin.wav", wav_bytes(1.0))
    return buf.getvalue()


def _wav_with(rate: int | None = None, data_size: int | None = None) -> bytes:
    """A second of 16 kHz audio whose header lies: another sample rate, or a data size."""
    data = bytearray(wav_bytes(1.0))
    assert data[:4] == b"RIFF" and data[12:16] == b"fmt "
    if rate is not None:
        data[24:28] = rate.to_bytes(4, "little")
        data[28:32] = (
            (rate * 2).to_bytes(4, "little", signed=False) if rate < 2**31 else b"\xff" * 4
        )
    if data_size is not None:
        at = data.index(b"data")
        data[at + 4 : at + 8] = data_size.to_bytes(4, "little")
        data[4:8] = b"\xff\xff\xff\xff"
    return bytes(data)


@pytest.mark.parametrize(
    ("filename", "data", "says"),
    [
        ("ban-tin.wav", _zip_named_wav(), "Tệp không phải âm thanh"),
        ("ban-tin.mp3", "Kính thưa bà con\n".encode() * 50, "Tệp không phải âm thanh"),
        ("ban-tin.wav", b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 64, "Tệp không phải âm thanh"),
        # a second of audio said to be at 1 Hz: 4.4 hours by its header
        ("ban-tin.wav", _wav_with(rate=1), "vượt quá giới hạn 30 phút"),
    ],
    ids=["zip", "text", "header-only", "rate-1hz"],
)
def test_what_is_not_an_acceptable_recording_is_refused_and_nothing_is_kept(
    panel, db, settings, filename, data, says
) -> None:
    before = counts(db, settings)
    r = _recording(panel, db, filename, data)
    assert r.status_code == 422, r.text[:1000]
    assert says in r.text
    assert counts(db, settings) == before, "a refused upload stored something"


def test_an_absurd_sample_rate_or_a_lying_data_size_never_costs_more_than_the_audio(
    panel, db, settings
) -> None:
    """A header said to be 4 GHz, or a data chunk of 4 GiB: either refused, nothing kept, or
    kept with the length the audio really has (the decode is bounded, 5)."""
    for data in (_wav_with(rate=0xFFFFFFF0), _wav_with(data_size=0xFFFFFFF0)):
        before = counts(db, settings)
        r = _recording(panel, db, "ban-tin.wav", data, action="save")
        if r.status_code == 422:
            assert "Tệp không phải âm thanh" in r.text or "giới hạn" in r.text
            assert counts(db, settings) == before
            continue
        sid = script_id_from(r)
        v = _current(db, sid)
        asset = db.get(Asset, v.asset_sha256)
        assert asset.duration_s is not None and asset.duration_s < 5, asset.duration_s


@pytest.mark.parametrize(
    "filename",
    ["concat:/etc/passwd|ban-tin.wav", "http://10.0.0.1/x.wav", "../../../etc/cron.d/ban-tin.wav"],
)
def test_a_file_name_is_only_a_name(panel, db, settings, filename) -> None:
    """ffmpeg opens the stored file as ``file:<path>`` under a protocol whitelist (6), and the
    path is the store's, by hash: a name holding a protocol or path parts opens nothing and
    writes nothing outside the store; only its last part is kept, as a label."""
    sid = script_id_from(_recording(panel, db, filename, speech_wav_bytes()))
    v = _current(db, sid)
    assert v.render_status == "done", v.render_message
    kept = db.get(Asset, v.asset_sha256)
    assert "/" not in kept.original_name
    assert settings.assets_dir / kept.sha256[:2] / kept.sha256 == (
        panel("doanvien").client.app.state.asset_store.path_for(kept.sha256)
    )


def _raw_multipart(fields: dict, filename: bytes, data: bytes) -> tuple[bytes, str]:
    """A multipart body written by hand: a browser or httpx would percent-encode a NUL."""
    b = b"----loa-review-9"
    parts = [
        b"--"
        + b
        + b'\r\nContent-Disposition: form-data; name="'
        + k.encode()
        + b'"\r\n\r\n'
        + str(v).encode()
        + b"\r\n"
        for k, v in fields.items()
    ]
    parts.append(
        b"--"
        + b
        + b'\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\nContent-Type: audio/wav\r\n\r\n'
        + data
        + b"\r\n--"
        + b
        + b"--\r\n"
    )
    return b"".join(parts), f"multipart/form-data; boundary={b.decode()}"


def test_a_nul_in_a_file_name_is_refused_and_nothing_is_kept(panel, db, settings) -> None:
    p = panel("doanvien")
    form = {**new_script_form(db, kind="recording", text="", action="save"), "csrf_token": p.csrf()}
    body, ctype = _raw_multipart(form, b"ban\x00tin.wav", wav_bytes(1.0))
    before = counts(db, settings)
    r = p.client.post(
        "/scripts/new", content=body, headers={"content-type": ctype}, follow_redirects=False
    )
    assert r.status_code == 422, r.text[:500]
    assert "NUL" in r.text
    assert counts(db, settings) == before


# --- (b) only approved audio can ever play --------------------------------------------------

OTHER_TEXT = "Kính thưa bà con, hãy báo ngay cho công an xã khi thấy người lạ mời chích hút."


def _submitted_text(panel, db) -> tuple[int, ScriptVersion]:
    sid = script_id_from(panel("doanvien").post("/scripts/new", new_script_form(db)))
    v = _current(db, sid)
    assert v.state == "submitted" and v.render_status == "done", v.render_message
    return sid, v


def _edit(panel, db, sid: int, text: str, *, files=None, kind: str = "text") -> ScriptVersion:
    form = new_script_form(db, text=text, kind=kind)
    form.pop("topic_id"), form.pop("area_id")
    r = panel("doanvien").post(f"/scripts/{sid}/edit", form, files=files)
    assert r.status_code == 303, r.text[:800]
    return _current(db, sid)


def _reviews(db) -> list[Review]:
    db.expire_all()
    return db.exec(select(Review)).all()


def test_another_communes_reviewer_can_neither_hear_nor_approve(panel, api, client, db) -> None:
    """By every id: the version, its render, the uploaded recording, the render's progress."""
    sid, v = _submitted_text(panel, db)
    rec = script_id_from(_recording(panel, db, "ghi-am.wav", speech_wav_bytes()))
    upload = _current(db, rec).asset_sha256
    stranger = panel("congan_tl")  # reviews Thạnh Lộc only
    for url in (
        f"/review/{v.id}",
        f"/assets/{v.render_sha256}",
        f"/assets/{upload}",
        f"/versions/{v.id}/render-status",
        f"/versions/{v.id}/mp3",
        f"/scripts/{sid}",
    ):
        r = stranger.get(url)
        assert r.status_code == 404, (url, r.status_code)
        assert "RIFF" not in r.text[:8]
    r = stranger.post(f"/versions/{v.id}/approve", {"audio_sha256": v.render_sha256})
    assert r.status_code == 404
    r = client.post(
        f"/api/v1/versions/{v.id}/approve",
        json={"audio_sha256": v.render_sha256},
        headers=api("congan_tl"),
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert "Không tìm thấy" in r.json()["reason_vi"]
    assert _reviews(db) == []


def test_the_writer_who_also_reviews_cannot_approve_their_own_item(panel, api, client, db) -> None:
    p = panel("tonghop")  # author and reviewer of Ngọc Chúc
    sid = script_id_from(p.post("/scripts/new", new_script_form(db)))
    v = _current(db, sid)
    r = p.post(f"/versions/{v.id}/approve", {"audio_sha256": v.render_sha256})
    assert r.status_code == 403 and "không được tự duyệt" in r.text
    r = client.post(
        f"/api/v1/versions/{v.id}/approve",
        json={"audio_sha256": v.render_sha256},
        headers=api("tonghop"),
    )
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert _reviews(db) == [] and _current(db, sid).state == "submitted"


def test_the_audio_heard_before_an_edit_approves_neither_version(panel, db) -> None:
    """The reviewer opened v1 and heard it; the author then changed the text (v2, rendered
    anew). Sending v1's hash approves neither the superseded v1 nor v2."""
    sid, v1 = _submitted_text(panel, db)
    heard = v1.render_sha256
    v2 = _edit(panel, db, sid, OTHER_TEXT)
    assert v2.render_status == "done" and v2.render_sha256 != heard
    reviewer = panel("congan")
    r = reviewer.post(f"/versions/{v1.id}/approve", {"audio_sha256": heard})
    assert r.status_code == 409, r.status_code
    r = reviewer.post(f"/versions/{v2.id}/approve", {"audio_sha256": heard})
    assert r.status_code == 422
    assert "Âm thanh đã thay đổi kể từ khi bạn nghe" in r.text
    assert _reviews(db) == []
    r = reviewer.post(f"/versions/{v2.id}/approve", {"audio_sha256": v2.render_sha256})
    assert r.status_code == 303
    (review,) = _reviews(db)
    assert review.audio_sha256 == v2.render_sha256 and review.version_id == v2.id


def test_an_item_whose_render_is_running_cannot_be_approved(panel, api, client, db) -> None:
    _sid, v = _submitted_text(panel, db)
    heard = v.render_sha256
    v.render_status = "running"  # re-rendered (a lexicon edit) while the reviewer listened
    db.add(v)
    db.commit()
    r = client.post(
        f"/api/v1/versions/{v.id}/approve", json={"audio_sha256": heard}, headers=api("congan")
    )
    assert r.status_code == 422, r.text
    assert r.json()["reason_vi"].startswith("Âm thanh đang được dựng")
    assert _reviews(db) == []


def test_a_new_upload_after_approval_keeps_only_the_heard_audio_on_the_air(
    app, panel, db, clock
) -> None:
    """Approved v1 (a recording); the author uploads another recording (v2, awaiting review):
    v1 still plays exactly what was heard, v2 cannot be packed until approved itself."""
    sid = script_id_from(_recording(panel, db, "ban-tin.wav", speech_wav_bytes()))
    v1 = _current(db, sid)
    r = panel("congan").post(f"/versions/{v1.id}/approve", {"audio_sha256": v1.render_sha256})
    assert r.status_code == 303
    other = speech_wav_bytes("Kính thưa bà con, xã tổ chức tiêm phòng dại cho chó mèo.")
    v2 = _edit(panel, db, sid, "", kind="recording", files={"file": ("moi.wav", other)})
    assert v2.id != v1.id and v2.state == "submitted"
    db.expire_all()
    store = app.state.asset_store
    item = publishing.approved_item(db, store, db.get(ScriptVersion, v1.id), now=clock.now)
    assert item.item.audio_sha256 == v1.render_sha256
    with pytest.raises(ValidationError) as refused:
        publishing.approved_item(db, store, db.get(ScriptVersion, v2.id), now=clock.now)
    assert "chưa được duyệt" in refused.value.reason_vi


def test_a_rejected_item_never_gets_into_a_bundle(app, panel, db, clock) -> None:
    _sid, v = _submitted_text(panel, db)
    r = panel("congan").post(f"/versions/{v.id}/reject", {"reason": "Sai số điện thoại."})
    assert r.status_code == 303
    db.expire_all()
    version = db.get(ScriptVersion, v.id)
    assert version.state == "rejected"
    assert version.id not in {
        x.id for x in services.approved_versions(db, area_ids=None, now=clock.now)
    }
    with pytest.raises(ValidationError) as refused:
        publishing.approved_item(db, app.state.asset_store, version, now=clock.now)
    assert "chưa được duyệt" in refused.value.reason_vi


def _app_with(settings, clock, template: Path):
    """The panel (started again) on the same database and data folder, with this template."""
    return create_app(dataclasses.replace(settings, programme_template=template), clock=clock)


def _as(app, username: str) -> Panel:
    p = Panel(TestClient(app, base_url="http://testserver"))
    assert p.login(username).status_code == 303
    return p


@pytest.mark.parametrize("change", ["none", "loudness", "jingle"])
def test_an_approval_does_not_outlive_a_change_of_the_mix(
    settings, db, clock, tmp_path, change
) -> None:
    """The mix (loudness target, a jingle's sound under the same file name) changed after the
    approval: at the next start the approval goes (back to awaiting review, rendered anew)
    and the old review packs nothing; with nothing changed it stays."""
    jingle = tmp_path / "nhac-hieu.wav"
    jingle.write_bytes(wav_bytes(0.5, freq=660.0))
    tpl = tmp_path / "mau.json"
    tpl.write_text(json.dumps({"intro": "nhac-hieu.wav", "target_lufs": -16.0}))
    first = _app_with(settings, clock, tpl)
    with TestClient(first):
        r = _as(first, "doanvien").post("/scripts/new", new_script_form(db))
        v = _current(db, script_id_from(r))
        heard, vid = v.render_sha256, v.id
        assert v.render_status == "done" and heard
        r = _as(first, "congan").post(f"/versions/{vid}/approve", {"audio_sha256": heard})
        assert r.status_code == 303
    first.state.engine.dispose()
    if change == "loudness":
        tpl.write_text(json.dumps({"intro": "nhac-hieu.wav", "target_lufs": -20.0}))
    elif change == "jingle":
        jingle.write_bytes(wav_bytes(0.5, freq=880.0))
    second = _app_with(settings, clock, tpl)
    with TestClient(second):  # startup rechecks every approval against the settings
        db.expire_all()
        version = db.get(ScriptVersion, vid)
        if change == "none":
            assert version.state == "approved" and version.render_sha256 == heard
            item = publishing.approved_item(db, second.state.asset_store, version, now=clock.now)
            assert item.item.audio_sha256 == heard
        else:
            assert version.state == "submitted"
            assert version.render_status == "done" and version.render_sha256 != heard
            with pytest.raises(ValidationError):
                publishing.approved_item(db, second.state.asset_store, version, now=clock.now)
    second.state.engine.dispose()


def test_an_approval_whose_render_is_made_again_goes_with_it(
    settings, app, panel, db, clock
) -> None:
    """An approved version whose render carries no fingerprint (rendered before fingerprints
    were kept) is rendered again at start-up: its approval stayed, now over audio nobody
    heard (the page and the MP3 called it approved; only the bundle's check refused it)."""
    _sid, v = _submitted_text(panel, db)
    heard, vid = v.render_sha256, v.id
    r = panel("congan").post(f"/versions/{vid}/approve", {"audio_sha256": heard})
    assert r.status_code == 303
    db.expire_all()
    old = db.get(ScriptVersion, vid)
    old.render_fingerprint = None
    db.add(old)
    db.commit()
    again = create_app(settings, clock=clock)
    with TestClient(again):
        db.expire_all()
        version = db.get(ScriptVersion, vid)
        assert version.render_status == "done"
        assert version.state == "submitted", "approved over a render nobody heard"
        assert services.effective_state(version, clock.now) != "approved"
    again.state.engine.dispose()


def test_the_shared_mp3_is_only_ever_the_audio_that_was_approved(panel, db) -> None:
    """The approval holds the hash heard; the MP3 for Zalo was made from whatever the version's
    render was now. A render replaced under an approval (a re-render racing the approval on
    PostgreSQL, an older row) was shared as approved audio nobody heard."""
    _sid, v = _submitted_text(panel, db)
    reviewer = panel("congan")
    assert (
        reviewer.post(f"/versions/{v.id}/approve", {"audio_sha256": v.render_sha256}).status_code
        == 303
    )
    author = panel("doanvien")
    r = author.get(f"/versions/{v.id}/mp3")
    assert r.status_code == 200 and r.headers["content-type"] == "audio/mpeg"
    other = script_id_from(author.post("/scripts/new", new_script_form(db, text=OTHER_TEXT)))
    unheard = _current(db, other).render_sha256
    version = db.get(ScriptVersion, v.id)
    version.render_sha256 = unheard  # what the race leaves: approved, over another render
    db.add(version)
    db.commit()
    r = author.get(f"/versions/{v.id}/mp3")
    assert r.status_code == 409, r.status_code
    assert "không phải bản đã được duyệt" in r.text
    assert r.headers["content-type"] != "audio/mpeg"


def test_a_refused_upload_on_an_approved_item_changes_nothing(panel, db, settings) -> None:
    """Editing an approved recording with a file that is not audio: no new version, no file,
    and the approved version plays on as it was."""
    sid = script_id_from(_recording(panel, db, "ban-tin.wav", speech_wav_bytes()))
    v1 = _current(db, sid)
    heard, vid = v1.render_sha256, v1.id
    assert (
        panel("congan").post(f"/versions/{vid}/approve", {"audio_sha256": heard}).status_code == 303
    )
    before = counts(db, settings)
    form = new_script_form(db, kind="recording", text="")
    form.pop("topic_id"), form.pop("area_id")
    r = panel("doanvien").post(
        f"/scripts/{sid}/edit", form, files={"file": ("moi.wav", _zip_named_wav(), "audio/wav")}
    )
    assert r.status_code == 422 and "Tệp không phải âm thanh" in r.text
    assert counts(db, settings) == before
    now = _current(db, sid)
    assert now.id == vid and now.state == "approved" and now.render_sha256 == heard


def test_an_approval_racing_a_re_render_does_not_stand_over_the_new_audio(
    app, panel, db, clock
) -> None:
    """The reviewer's approval read the render as done (hash A) while a lexicon edit queued
    the version again (SQLite runs a request's reads outside its write transaction, so neither
    saw the other): the approval stored A, the render then stored B, and the version read
    "approved" over audio nobody heard (the page, the MP3; only the bundle's check refused)."""
    _sid, v = _submitted_text(panel, db)
    heard, vid = v.render_sha256, v.id
    assert (
        panel("congan").post(f"/versions/{vid}/approve", {"audio_sha256": heard}).status_code == 303
    )
    # What the lexicon edit wrote, having read the version while it was still submitted.
    db.add(LexiconEntry(term="ma túy", spoken="chất ma túy"))
    version = db.get(ScriptVersion, vid)
    mark_queued(db, version)
    db.commit()
    outcome = app.state.render_service.render_now(vid)
    assert outcome.status == "done" and outcome.sha256 != heard
    db.expire_all()
    version = db.get(ScriptVersion, vid)
    assert version.render_sha256 == outcome.sha256
    assert version.state == "submitted", "approved over a render nobody heard"


@pytest.mark.parametrize("route", ["form", "api"])
def test_an_approval_racing_a_finished_re_render_is_refused(
    app, panel, api, client, db, monkeypatch, route
) -> None:
    """The other order: the approval read render A as done; before it wrote, the re-render
    stored B. It stored "approved" with A over B; now it is refused as changed audio, and
    nothing is stored."""
    _sid, v = _submitted_text(panel, db)
    heard, vid = v.render_sha256, v.id
    other = script_id_from(
        panel("doanvien").post("/scripts/new", new_script_form(db, text=OTHER_TEXT))
    )
    replaced = _current(db, other).render_sha256
    real = workflow.check_heard

    def render_lands_meanwhile(**kw):
        with Session(app.state.engine) as s:  # the render worker's own commit
            row = s.get(ScriptVersion, vid)
            row.render_sha256 = replaced
            s.add(row)
            s.commit()
        return real(**kw)

    monkeypatch.setattr(workflow, "check_heard", render_lands_meanwhile)
    if route == "form":
        r = panel("congan").post(f"/versions/{vid}/approve", {"audio_sha256": heard})
        assert r.status_code == 422, r.status_code
        assert "Âm thanh đã thay đổi kể từ khi bạn nghe" in r.text
    else:
        r = client.post(
            f"/api/v1/versions/{vid}/approve", json={"audio_sha256": heard}, headers=api("congan")
        )
        assert r.status_code == 422, r.text
        assert r.json()["code"] == "audio_changed"
    assert _reviews(db) == []
    assert db.get(ScriptVersion, vid).state == "submitted"


def test_a_failed_render_does_not_show_the_servers_folders(
    panel, db, settings, monkeypatch
) -> None:
    """A render that fails on the file system said so with its paths ("OSError: … '/srv/loa/
    assets/1f/1f28…' -> '/srv/loa/assets/tmp/render-…'") on the author's page."""
    import web.services.render as render_module

    def full_disk(path, **_kw):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(render_module, "render_recording", full_disk)
    sid = script_id_from(_recording(panel, db, "ban-tin.wav", speech_wav_bytes()))
    v = _current(db, sid)
    assert v.render_status == "failed"
    assert "No space left on device" in v.render_message
    root = str(settings.assets_dir)
    assert root not in v.render_message and str(settings.data_dir) not in v.render_message
    page = panel("doanvien").get(f"/scripts/{sid}").text
    assert str(settings.data_dir) not in page
