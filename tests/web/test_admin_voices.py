"""/admin/voices: administrators see the installed piper voices and choose, per region,
espeak-ng or one of them; renders of that region then use it (and re-render what changed),
and fall back to espeak-ng, saying so on the script, once the voice is removed."""

from __future__ import annotations

from click.testing import CliRunner
from sqlmodel import select

from content_library.models import AuditEvent, ScriptVersion
from loa.cli import main
from tests.tts.test_voices import NAME, make_tiny_voice
from tts.engines import default_voice
from tts.render import render_fingerprint
from tts.voices import VoiceRegistry
from web.services.render import merged_lexicon

from .conftest import new_script_form, script_id_from

SOUTH_TEXT = "Kính thưa bà con, chiều nay có mưa lớn."


def cli(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def install(settings, tmp_path) -> VoiceRegistry:
    model = make_tiny_voice(tmp_path / "download")
    cli("tts", "voices", "add", str(model), "--data-dir", str(settings.data_dir))
    return VoiceRegistry.for_data_dir(settings.data_dir)


def version_of(db, script_id: int) -> ScriptVersion:
    db.expire_all()
    return db.exec(
        select(ScriptVersion)
        .where(ScriptVersion.script_id == script_id)
        .order_by(ScriptVersion.number.desc())
    ).first()


def fingerprint(db, text: str, region: str, *, engine: str, voice: str, registry) -> str:
    return render_fingerprint(
        text,
        engine=engine,
        voice=voice,
        region=region,
        engine_options={"voices_dir": registry.root} if engine == "piper" else None,
        lexicon=merged_lexicon(db),
    )


def test_only_admins_see_or_choose_voices(panel, settings, tmp_path) -> None:
    registry = install(settings, tmp_path)
    assert 'href="/admin/voices"' in panel("quantri").get("/").text  # in the admin's menu
    for username in ("daixa", "doanvien", "congan"):
        p = panel(username)
        assert 'href="/admin/voices"' not in p.get("/").text
        assert p.get("/admin/voices").status_code == 403
        r = p.post("/admin/voices", {"region": "south", "voice": f"piper:{NAME}"})
        assert r.status_code == 403
    assert registry.choices() == {"north": "espeak", "central": "espeak", "south": "espeak"}


def test_the_page_lists_installed_voices_and_saves_the_choice(
    panel, app, db, settings, tmp_path
) -> None:
    admin = panel("quantri")
    empty = admin.get("/admin/voices")
    assert empty.status_code == 200 and "Chưa cài giọng piper nào." in empty.text
    registry = install(settings, tmp_path)
    page = admin.get("/admin/voices").text
    assert f'data-voice="{NAME}"' in page and "vi_VN" in page and "CC BY 4.0" in page
    assert f'<option value="piper:{NAME}" >piper: {NAME} (medium)</option>' in page
    assert "espeak-ng (vi-vn-x-south)" in page

    r = admin.post("/admin/voices", {"region": "south", "voice": f"piper:{NAME}"})
    assert r.status_code == 303 and r.headers["location"] == "/admin/voices"
    after = admin.get("/admin/voices").text
    assert "Đã lưu giọng đọc" in after
    assert f'<option value="piper:{NAME}" selected>' in after
    assert f"<code>piper:{NAME}</code>" in after and "<code>espeak-ng:vi</code>" in after
    assert registry.choices()["south"] == f"piper:{NAME}"
    assert app.state.render_service.config.voice_for("south") == ("piper", NAME)
    assert app.state.render_service.config.voice_for("north") == ("espeak", None)
    db.expire_all()
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "voice.choose")).one()
    assert (event.object_id, event.detail) == (
        "south",
        {"choice": f"piper:{NAME}", "previous": "espeak"},
    )


def test_a_bad_choice_is_refused_and_nothing_changes(panel, db, settings, tmp_path) -> None:
    registry = install(settings, tmp_path)
    admin = panel("quantri")
    r = admin.post("/admin/voices", {"region": "south", "voice": "piper:vi_VN-khong-co"})
    assert r.status_code == 422 and "Không có giọng đã cài tên &#39;vi_VN-khong-co&#39;" in r.text
    r = admin.post("/admin/voices", {"region": "west", "voice": "espeak"})
    assert r.status_code == 422 and "Vùng không hợp lệ." in r.text
    assert registry.choices()["south"] == "espeak"
    db.expire_all()
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "voice.choose")).all() == []


def test_renders_use_the_chosen_voice_and_fall_back_to_espeak_once_it_is_removed(
    panel, app, db, settings, tmp_path
) -> None:
    registry = install(settings, tmp_path)
    author, reviewer, admin = panel("doanvien"), panel("congan"), panel("quantri")
    espeak_south = fingerprint(
        db,
        SOUTH_TEXT,
        "south",
        engine="espeak",
        voice=default_voice("espeak", "south"),
        registry=registry,
    )
    piper_south = fingerprint(
        db, SOUTH_TEXT, "south", engine="piper", voice=NAME, registry=registry
    )
    # Approved while the south is read by espeak-ng ...
    sid = script_id_from(author.post("/scripts/new", new_script_form(db, text=SOUTH_TEXT)))
    v = version_of(db, sid)
    assert (v.render_status, v.render_fingerprint) == ("done", espeak_south)
    import re

    sha = re.search(r'src="/assets/([0-9a-f]{64})"', reviewer.get(f"/review/{v.id}").text).group(1)
    assert reviewer.post(f"/versions/{v.id}/approve", {"audio_sha256": sha}).status_code == 303
    north = script_id_from(
        author.post(
            "/scripts/new",
            new_script_form(db, title="Tin miền Bắc", text=SOUTH_TEXT, voice_region="north"),
        )
    )
    north_fp = version_of(db, north).render_fingerprint

    # ... then the admin gives the south the piper voice: that script is read again by it and
    # needs review again; the northern one is untouched.
    assert (
        admin.post("/admin/voices", {"region": "south", "voice": f"piper:{NAME}"}).status_code
        == 303
    )
    v = version_of(db, sid)
    assert (v.state, v.render_status, v.render_message) == ("submitted", "done", None)
    assert v.render_fingerprint == piper_south != espeak_south
    assert version_of(db, north).render_fingerprint == north_fp

    # The voice is removed on the server: the next southern render is read by espeak-ng and
    # says so on the script.
    cli("tts", "voices", "remove", NAME, "--data-dir", str(settings.data_dir))
    later = script_id_from(
        author.post("/scripts/new", new_script_form(db, title="Tin sau", text=SOUTH_TEXT))
    )
    v = version_of(db, later)
    assert (v.render_status, v.render_fingerprint) == ("done", espeak_south)
    assert v.render_message.startswith(
        f"Đã dùng giọng đọc ngoại tuyến espeak-ng:vi-vn-x-south vì Không có giọng piper '{NAME}'"
    )
    assert "Đã dùng giọng đọc ngoại tuyến" in author.get(f"/scripts/{later}").text
    page = admin.get("/admin/voices").text
    assert f"piper:{NAME} chưa được cài: vùng này được đọc bằng espeak-ng." in page
