"""The render service: submitting renders the exact audio reviewers hear and approve; anything
that changes that audio (here: a lexicon entry the script uses) drops the approval."""

from __future__ import annotations

import io
import json
import re
import subprocess

import numpy as np
import pytest
import soundfile as sf
from sqlmodel import select

from content_library.models import AuditEvent, Review, ScriptVersion

from .conftest import new_script_form, script_id_from, speech_wav_bytes, wav_bytes

AUDIO = re.compile(r'<audio controls[^>]*src="/assets/([0-9a-f]{64})"')


def version_of(db, script_id: int) -> ScriptVersion:
    db.expire_all()
    return db.exec(
        select(ScriptVersion)
        .where(ScriptVersion.script_id == script_id)
        .order_by(ScriptVersion.number.desc())
    ).first()


def approve_heard(reviewer, vid: int) -> str:
    m = AUDIO.search(reviewer.get(f"/review/{vid}").text)
    assert m, "no audio player on the review page"
    r = reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": m.group(1)})
    assert r.status_code == 303, r.text
    return m.group(1)


def test_submitting_renders_the_audio_the_review_page_plays(panel, db, app) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(
        author.post(
            "/scripts/new",
            new_script_form(db, text="Gọi 113 khi có việc khẩn cấp. UBND xã thông báo."),
        )
    )
    v = version_of(db, sid)
    assert v.render_status == "done" and v.render_progress == 1.0, v.render_message
    # the file is stored under its own sha256, and it is what the review page plays
    path = app.state.asset_store.path_for(v.render_sha256)
    import hashlib

    assert hashlib.sha256(path.read_bytes()).hexdigest() == v.render_sha256
    data, rate = sf.read(path)
    assert (
        rate == 48000 and data.ndim == 1 and len(data) / rate == pytest.approx(v.render_duration_s)
    )
    served = reviewer.get(f"/assets/{v.render_sha256}")
    assert served.status_code == 200 and served.content == path.read_bytes()
    sha = approve_heard(reviewer, v.id)
    db.expire_all()
    review = db.exec(select(Review)).one()
    assert sha == v.render_sha256 == review.audio_sha256
    assert review.render_fingerprint == v.render_fingerprint


def test_rendering_is_deterministic_across_scripts(panel, db) -> None:
    author = panel("doanvien")
    form = new_script_form(db, text="Bà con chú ý phòng chống cháy nổ mùa khô.")
    a = version_of(db, script_id_from(author.post("/scripts/new", form)))
    b = version_of(db, script_id_from(author.post("/scripts/new", dict(form, title="Bản sao"))))
    assert a.render_sha256 == b.render_sha256 and a.render_fingerprint == b.render_fingerprint


def test_progress_is_shown_while_queued_and_the_page_reloads_when_done(panel, db) -> None:
    author = panel("doanvien")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    v = version_of(db, sid)
    v.render_status, v.render_progress = "running", 0.4
    db.add(v)
    db.commit()
    r = author.get(f"/versions/{v.id}/render-status")
    assert r.status_code == 200 and "Đang dựng âm thanh… 40%" in r.text
    assert "HX-Refresh" not in r.headers and 'hx-get="/versions/' in r.text
    v.render_status, v.render_progress = "done", 1.0
    db.add(v)
    db.commit()
    r = author.get(f"/versions/{v.id}/render-status")
    assert r.headers.get("HX-Refresh") == "true"
    # someone outside the area cannot poll it
    assert panel("congan_tl").get(f"/versions/{v.id}/render-status").status_code in (403, 404)


def test_approval_needs_a_finished_render(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    v = version_of(db, sid)
    sha = v.render_sha256
    v.render_status = "queued"
    db.add(v)
    db.commit()
    r = reviewer.post(f"/versions/{v.id}/approve", {"audio_sha256": sha})
    assert r.status_code == 422 and "Âm thanh đang được dựng" in r.text
    db.expire_all()
    assert db.get(ScriptVersion, v.id).state == "submitted" and db.exec(select(Review)).all() == []


def test_changing_a_lexicon_entry_the_script_uses_drops_its_approval(panel, db) -> None:
    author, reviewer, admin = panel("doanvien"), panel("congan"), panel("quantri")
    uses = version_of(
        db,
        script_id_from(
            author.post(
                "/scripts/new",
                new_script_form(db, title="Dùng từ ANTT", text="Bảo đảm ANTT trên địa bàn xã."),
            )
        ),
    )
    other = version_of(
        db,
        script_id_from(
            author.post(
                "/scripts/new",
                new_script_form(db, title="Không dùng", text="Bà con chú ý phòng cháy."),
            )
        ),
    )
    approve_heard(reviewer, uses.id)
    approve_heard(reviewer, other.id)
    old_sha = uses.render_sha256

    r = admin.post("/admin/lexicon", {"term": "ANTT", "spoken": "an ninh và trật tự"})
    assert r.status_code == 303, r.text
    db.expire_all()
    uses, other = db.get(ScriptVersion, uses.id), db.get(ScriptVersion, other.id)
    assert uses.state == "submitted"  # back to awaiting review...
    assert uses.render_status == "done" and uses.render_sha256 != old_sha  # ...with new audio
    assert other.state == "approved"  # a script that does not use the entry keeps its approval
    dropped = db.exec(
        select(AuditEvent).where(AuditEvent.action == "version.approval_dropped")
    ).all()
    assert [e.detail.get("version") or e.object_id for e in dropped] and len(dropped) == 1
    assert "ANTT" in json.dumps(dropped[0].detail, ensure_ascii=False)
    # the old audio can no longer be approved; the new one can
    r = reviewer.post(f"/versions/{uses.id}/approve", {"audio_sha256": old_sha})
    assert r.status_code == 422
    assert approve_heard(reviewer, uses.id) == uses.render_sha256
    # saving the same reading again changes nothing
    admin.post("/admin/lexicon", {"term": "ANTT", "spoken": "an ninh và trật tự"})
    db.expire_all()
    assert db.get(ScriptVersion, uses.id).state == "approved"


def test_lexicon_page_is_for_admins_and_refuses_bad_entries(panel, db) -> None:
    assert panel("doanvien").get("/admin/lexicon").status_code == 403
    from content_library.models import LexiconEntry

    admin = panel("quantri")
    before = sorted((e.term, e.spoken) for e in db.exec(select(LexiconEntry)).all())
    page = admin.get("/admin/lexicon")
    assert page.status_code == 200 and "Từ điển phát âm" in page.text and "UBND" in page.text
    for bad in (
        {"term": "", "spoken": "x"},
        {"term": "ANTT", "spoken": ""},
        {"term": "A\x00B", "spoken": "a b"},
    ):
        r = admin.post("/admin/lexicon", bad)
        assert r.status_code == 422, bad
    db.expire_all()
    assert sorted((e.term, e.spoken) for e in db.exec(select(LexiconEntry)).all()) == before


def test_approved_audio_downloads_as_mp3(panel, db, tmp_path) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    v = version_of(db, script_id_from(author.post("/scripts/new", new_script_form(db))))
    assert author.get(f"/versions/{v.id}/mp3").status_code == 409  # not approved yet
    approve_heard(reviewer, v.id)
    r = author.get(f"/versions/{v.id}/mp3")
    assert r.status_code == 200 and r.headers["content-type"] == "audio/mpeg"
    assert r.headers["content-disposition"].endswith('.mp3"')
    mp3 = tmp_path / "x.mp3"
    mp3.write_bytes(r.content)
    probe = json.loads(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(mp3)],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    assert probe["format"]["format_name"] == "mp3" and probe["streams"][0]["codec_name"] == "mp3"
    assert float(probe["format"]["duration"]) == pytest.approx(v.render_duration_s, abs=0.2)


def test_a_silent_recording_is_refused_with_a_reason(panel, db, app) -> None:
    author = panel("doanvien")
    silence = io.BytesIO()
    sf.write(silence, np.zeros(16000 * 2, dtype=np.float32), 16000, format="WAV", subtype="PCM_16")
    form = new_script_form(db, kind="recording", text="")
    sid = script_id_from(
        author.post(
            "/scripts/new", form, files={"file": ("im-lang.wav", silence.getvalue(), "audio/wav")}
        )
    )
    v = version_of(db, sid)
    assert v.render_status == "failed" and v.render_sha256 is None
    assert "không tìm thấy tiếng nói" in v.render_message
    assert "không tìm thấy tiếng nói" in author.get(f"/scripts/{sid}").text
    # a tone is not speech either
    sid = script_id_from(
        author.post("/scripts/new", form, files={"file": ("tone.wav", wav_bytes(1.0), "audio/wav")})
    )
    assert version_of(db, sid).render_status == "failed"


def test_a_clipping_recording_is_limited_with_a_warning(panel, db, app) -> None:
    author = panel("doanvien")
    data, rate = sf.read(io.BytesIO(speech_wav_bytes()), dtype="float32")
    loud = np.clip(data * 40.0, -1.0, 1.0)
    buf = io.BytesIO()
    sf.write(buf, loud, rate, format="WAV", subtype="PCM_16")
    form = new_script_form(db, kind="recording", text="")
    sid = script_id_from(
        author.post(
            "/scripts/new", form, files={"file": ("to-qua.wav", buf.getvalue(), "audio/wav")}
        )
    )
    v = version_of(db, sid)
    assert v.render_status == "done" and v.render_message, v.render_message
    master, _ = sf.read(app.state.asset_store.path_for(v.render_sha256))
    assert np.abs(master).max() < 10 ** (-1 / 20)  # limited below −1 dBFS sample peak


def test_renders_a_crash_left_behind_are_done_at_start_in_the_worker_thread(panel, db, app) -> None:
    import time

    from sqlmodel import Session

    from web.services.render import RenderService

    author = panel("doanvien")
    v = version_of(db, script_id_from(author.post("/scripts/new", new_script_form(db))))
    done_sha = v.render_sha256
    v.render_status, v.render_sha256, v.render_progress = (
        "running",
        None,
        0.3,
    )  # power cut mid-render
    db.add(v)
    db.commit()
    service = RenderService(
        session_factory=lambda: Session(app.state.engine, expire_on_commit=False),
        store=app.state.asset_store,
        config=app.state.render_service.config,
        clock=app.state.clock,
        inline=False,
    )
    service.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            db.expire_all()
            if db.get(ScriptVersion, v.id).render_status not in ("queued", "running"):
                break
            time.sleep(0.05)
    finally:
        service.stop()
    db.expire_all()
    v = db.get(ScriptVersion, v.id)
    assert v.render_status == "done" and v.render_sha256 == done_sha  # same inputs, same bytes
    assert not service.running


def test_a_render_whose_storage_fails_is_marked_failed_with_the_reason(
    panel, db, app, monkeypatch
) -> None:
    def disk_full(src):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app.state.asset_store, "put_file", disk_full)
    author = panel("doanvien")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    v = version_of(db, sid)
    assert v.render_status == "failed" and v.render_sha256 is None
    assert "Không lưu được âm thanh" in v.render_message and "No space left" in v.render_message
    assert "Không lưu được âm thanh" in author.get(f"/scripts/{sid}").text
    workdirs = [
        p for p in (app.state.asset_store.root / "tmp").iterdir() if p.name.startswith("render-")
    ]
    assert workdirs == []


def test_leftover_temp_files_are_removed_when_the_service_starts(app) -> None:
    import os

    from sqlmodel import Session

    from web.services.render import RenderService

    tmp = app.state.asset_store.root / "tmp"
    dead = subprocess.Popen(["true"])  # a process that has exited: its id is free
    dead.wait()
    crashed = tmp / f"render-{dead.pid}-abc123"  # a worker process that died mid-render
    crashed.mkdir()
    (crashed / "render.wav").write_bytes(b"x" * 1000)
    legacy = tmp / "render-k2j3h4"  # named before workdirs carried their process id
    legacy.mkdir()
    (legacy / "part.wav").write_bytes(b"x")
    old_spool = tmp / "tmpold123"  # an upload cut off by a crash, two days ago
    old_spool.write_bytes(b"x" * 10)
    fresh = tmp / "tmpfresh456"  # an upload in progress in another worker
    fresh.write_bytes(b"x")
    # Ages are on the filesystem's clock (the moved-clock pass moves only the process's).
    two_days_ago = fresh.stat().st_mtime - 2 * 86400
    for p in (old_spool, legacy / "part.wav", legacy):
        os.utime(p, (two_days_ago, two_days_ago))
    mine = tmp / f"render-{os.getpid()}-live99"  # this process renders right now
    mine.mkdir()
    service = RenderService(
        session_factory=lambda: Session(app.state.engine, expire_on_commit=False),
        store=app.state.asset_store,
        config=app.state.render_service.config,
        clock=app.state.clock,
        inline=True,
    )
    service.start()
    left = sorted(p.name for p in tmp.iterdir())
    assert left == sorted([fresh.name, mine.name])


def test_a_lexicon_edit_that_drops_an_aired_approval_reissues_its_bundle(panel, db) -> None:
    from content_library.models import Publication, Schedule
    from tests.web.test_schedules import week_form

    author, reviewer, admin, op = (
        panel("doanvien"),
        panel("congan"),
        panel("quantri"),
        panel("daixa"),
    )
    uses = version_of(
        db,
        script_id_from(
            author.post(
                "/scripts/new",
                new_script_form(db, title="Dùng từ ANTT", text="Bảo đảm ANTT trên địa bàn xã."),
            )
        ),
    )
    approve_heard(reviewer, uses.id)
    assert op.post("/schedules/new", week_form([uses.id], times="17:00")).status_code == 303
    sid = db.exec(select(Schedule)).one().id
    assert op.post(f"/schedules/{sid}/publish").status_code == 303
    r = admin.post("/admin/lexicon", {"term": "ANTT", "spoken": "an ninh và trật tự"})
    assert r.status_code == 303, r.text
    db.expire_all()
    pubs = db.exec(select(Publication).order_by(Publication.sequence)).all()
    assert len(pubs) == 2 and pubs[1].revokes == [uses.id] and pubs[1].version_ids == []
