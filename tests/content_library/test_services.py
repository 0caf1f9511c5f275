"""Use cases over a real, migrated SQLite database: validation, permissions, audit, the
approval bound to the audio heard, render queueing and lexicon edits through the port."""

from __future__ import annotations

import io
import unicodedata
from datetime import timedelta

import numpy as np
import pytest
import soundfile as sf
from sqlmodel import select

from content_library import access, services
from content_library.assets import AssetStore, store_upload
from content_library.demo import seed_demo
from content_library.errors import NotFound, PermissionDenied, ValidationError
from content_library.models import Area, AuditEvent, Review, Script, ScriptVersion, Topic, User
from content_library.ports import RecordedRenders
from content_library.types import Role
from content_library.workflow import AudioNotHeard, AudioRefusal


@pytest.fixture
def world(session, now):
    logins = seed_demo(
        session,
        now=now,
        passwords={u: "mat-khau-demo" for u in ("doanvien", "congan", "daixa", "quantri")},
    )
    session.commit()
    users = {u.username: u for u in session.exec(select(User)).all()}
    areas = {a.name: a for a in session.exec(select(Area)).all()}
    topics = {t.code: t for t in session.exec(select(Topic)).all()}
    return logins, users, areas, topics


def test_demo_seed_has_the_plan_areas_and_roles(session, world):
    logins, users, areas, topics = world
    assert {"Ngọc Chúc", "Thạnh Lộc", "An Giang"} <= set(areas)
    # today's two levels: the communes sit right under the province, no district between
    assert {a.kind for a in areas.values()} == {"province", "commune", "village"}
    for commune in ("Ngọc Chúc", "Thạnh Lộc"):
        assert areas[commune].parent_id == areas["An Giang"].id
    # the reviewer (Công an tỉnh) covers both communes
    for commune in ("Ngọc Chúc", "Thạnh Lộc"):
        assert access.has_role(session, users["congan"], Role.REVIEWER.value, areas[commune].id)
    assert {"ANTT", "ATGT", "MA-TUY", "PCCC", "LUA-DAO", "THIEN-TAI"} <= set(topics)
    assert sorted(x.role for x in logins) == ["admin", "author", "issuer", "operator", "reviewer"]


def _script(session, users, areas, topics, now, text="Đêm nay tuần tra ANTT."):
    return services.create_script(
        session,
        actor=users["doanvien"],
        title="Tuần tra",
        topic_id=topics["ANTT"].id,
        area_id=areas["Ngọc Chúc"].id,
        text=text,
        valid_until=now + timedelta(days=30),
        now=now,
    )


def _rendered(session, v, sha="ab" * 32) -> str:
    """What the render service does when it finishes: the version's audio is ready."""
    v.render_status, v.render_sha256 = "done", sha
    session.add(v)
    session.flush()
    return sha


def test_submit_approve_and_audit(session, world, now):
    _, users, areas, topics = world
    renders = RecordedRenders()
    v = _script(session, users, areas, topics, now)
    services.submit(session, actor=users["doanvien"], version_id=v.id, now=now, renders=renders)
    assert renders.queued == [v.id]  # submitting queues the render the reviewer will hear
    queue = services.review_queue(session, actor=users["congan"], now=now + timedelta(hours=2))
    assert [row.version.id for row in queue] == [v.id]
    session.commit()
    # Approving audio nobody heard is refused, whatever the route: no audio yet, nothing
    # heard, or another file than the render. Each refusal stores nothing.
    for sha, code in (
        ("", AudioRefusal.NOT_RENDERED),
        ("", AudioRefusal.NOT_HEARD),
        ("cd" * 32, AudioRefusal.CHANGED),
    ):
        if code is not AudioRefusal.NOT_RENDERED:
            _rendered(session, v)
        with pytest.raises(AudioNotHeard) as refused:
            services.approve(
                session, actor=users["congan"], version_id=v.id, audio_sha256=sha, now=now
            )
        assert refused.value.code == code and refused.value.field == "audio_sha256"
        assert refused.value.reason and refused.value.reason_vi
        session.rollback()
        assert session.get(ScriptVersion, v.id).state == "submitted"
        assert session.exec(select(Review)).all() == []
    sha = _rendered(session, v)
    review = services.approve(
        session, actor=users["congan"], version_id=v.id, audio_sha256=sha, now=now
    )
    assert review.audio_sha256 == sha
    session.commit()
    actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    assert actions[-3:] == ["script.create", "version.submit", "version.approve"]
    assert services.effective_state(session.get(ScriptVersion, v.id), now) == "approved"
    assert (
        services.effective_state(session.get(ScriptVersion, v.id), now + timedelta(days=31))
        == "expired"
    )


def test_nfd_is_stored_as_nfc(session, world, now):
    _, users, areas, topics = world
    nfd = unicodedata.normalize("NFD", "Phòng chống ma túy")
    v = _script(session, users, areas, topics, now, text=nfd)
    assert v.text == unicodedata.normalize("NFC", nfd)
    assert v.text == "Phòng chống ma túy"


@pytest.mark.parametrize(
    ("text", "field_vi"),
    [
        ("", "trống"),
        ("   \n ", "trống"),
        ("a" * 20_001, "vượt giới hạn"),
        ("xin\x07chào", "ký tự điều khiển"),
    ],
)
def test_bad_text_stores_nothing(session, world, now, text, field_vi):
    _, users, areas, topics = world
    before = len(session.exec(select(Script)).all())
    with pytest.raises(ValidationError) as exc:
        _script(session, users, areas, topics, now, text=text)
    assert field_vi in exc.value.reason_vi
    session.rollback()
    assert len(session.exec(select(Script)).all()) == before


def test_unknown_topic_and_area(session, world, now):
    _, users, areas, topics = world
    with pytest.raises(ValidationError, match="topic"):
        services.create_script(
            session,
            actor=users["doanvien"],
            title="x",
            topic_id=999,
            area_id=areas["Ngọc Chúc"].id,
            text="x",
            now=now,
        )
    with pytest.raises(ValidationError, match="area"):
        services.create_script(
            session,
            actor=users["doanvien"],
            title="x",
            topic_id=topics["ANTT"].id,
            area_id=999,
            text="x",
            now=now,
        )


@pytest.mark.parametrize(
    ("area", "refusal", "says"),
    [
        # another commune's area reads exactly like an id that does not exist (security 30)
        ("Thạnh Lộc", ValidationError, "Địa bàn không tồn tại."),
        # the province above, which the writer may know of, is refused as such
        ("An Giang", PermissionDenied, "Bạn chỉ được soạn kịch bản cho địa bàn của mình."),
    ],
)
def test_author_outside_own_area_refused(session, world, now, area, refusal, says):
    _, users, areas, topics = world
    with pytest.raises(refusal) as refused:
        services.create_script(
            session,
            actor=users["doanvien"],
            title="x",
            topic_id=topics["ANTT"].id,
            area_id=areas[area].id,
            text="x",
            now=now,
        )
    assert type(refused.value) is refusal and refused.value.reason_vi == says
    assert session.exec(select(Script).where(Script.title == "x")).first() is None


def test_reviewer_outside_area_refused(session, world, now):
    _, users, areas, topics = world
    outsider = services.create_user(
        session,
        actor=None,
        username="congan-tl",
        password="12345678",
        roles=[("reviewer", areas["Thạnh Lộc"].id)],
        now=now,
    )
    v = _script(session, users, areas, topics, now)
    services.submit(
        session, actor=users["doanvien"], version_id=v.id, now=now, renders=RecordedRenders()
    )
    # the person is refused before the audio is looked at: another area's version is "not
    # found", like an id that does not exist
    with pytest.raises(NotFound):
        services.approve(session, actor=outsider, version_id=v.id, audio_sha256="", now=now)
    assert services.review_queue(session, actor=outsider, now=now) == []


def _give_roles(session, user, areas, now, *roles: tuple[str, str]) -> None:
    """The admin's form: ``user`` now holds exactly ``roles`` ((role, area name) pairs)."""
    services.set_roles(
        session,
        actor=None,
        user_id=user.id,
        roles=[(role, areas[name].id) for role, name in roles],
        now=now,
    )
    session.commit()


def _listed(session, user, now) -> set[int]:
    return {r.script.id for r in services.my_scripts(session, actor=user, now=now)}


@pytest.mark.parametrize(
    "kept",
    [[], [("author", "Thạnh Lộc")], [("reviewer", "Thạnh Lộc")]],
    ids=["no-role", "author-elsewhere", "reviewer-elsewhere"],
)
def test_a_writer_moved_away_no_longer_sees_what_they_wrote(session, world, now, kept):
    """The use cases, not only the routes: having written a script once gives no lasting
    right to it; with a script role there again, it is theirs again."""
    _, users, areas, topics = world
    writer = users["doanvien"]
    v = _script(session, users, areas, topics, now)
    script_id = v.script_id
    session.commit()
    _give_roles(session, writer, areas, now, *kept)
    with pytest.raises(NotFound):
        services.visible_version(session, actor=writer, version_id=v.id)
    with pytest.raises(NotFound):
        services.script_detail(session, actor=writer, script_id=script_id, now=now)
    assert script_id not in _listed(session, writer, now)
    _give_roles(session, writer, areas, now, ("author", "Ngọc Chúc"))
    assert services.visible_version(session, actor=writer, version_id=v.id)[0].id == v.id
    assert script_id in _listed(session, writer, now)


def test_a_reviewer_who_once_wrote_a_script_still_lists_it(session, world, now):
    _, users, areas, topics = world
    writer = users["doanvien"]
    v = _script(session, users, areas, topics, now)
    _give_roles(session, writer, areas, now, ("reviewer", "Ngọc Chúc"))
    assert v.script_id in _listed(session, writer, now)


def test_edit_makes_a_new_version_needing_approval(session, world, now):
    _, users, areas, topics = world
    renders = RecordedRenders()
    v1 = _script(session, users, areas, topics, now)
    services.submit(session, actor=users["doanvien"], version_id=v1.id, now=now, renders=renders)
    services.approve(
        session,
        actor=users["congan"],
        version_id=v1.id,
        now=now,
        audio_sha256=_rendered(session, v1),
    )
    v2 = services.new_version(
        session,
        actor=users["doanvien"],
        script_id=v1.script_id,
        text="Đêm nay tuần tra an ninh.",
        now=now,
    )
    assert (v2.number, v2.state) == (2, "draft")
    assert session.get(ScriptVersion, v1.id).state == "approved"  # keeps playing meanwhile
    services.submit(session, actor=users["doanvien"], version_id=v2.id, now=now, renders=renders)
    assert renders.queued == [v1.id, v2.id]
    services.approve(
        session,
        actor=users["congan"],
        version_id=v2.id,
        now=now,
        audio_sha256=_rendered(session, v2, "ef" * 32),
    )
    assert session.get(ScriptVersion, v1.id).state == "superseded"
    detail = services.script_detail(session, actor=users["congan"], script_id=v1.script_id, now=now)
    assert detail.last_approved_text == "Đêm nay tuần tra ANTT."


def test_lexicon_edits_recheck_renders_only_when_the_reading_changes(session, world, now):
    _, users, _, _ = world
    admin, builtin = users["quantri"], {"UBND": "ủy ban nhân dân"}
    renders = RecordedRenders()
    services.set_lexicon_entry(
        session,
        actor=admin,
        term="UBND",
        spoken="ủy ban nhân dân",
        now=now,
        builtin=builtin,
        renders=renders,
    )
    assert renders.rechecked == []  # stored, but read as before: no audio changes
    services.set_lexicon_entry(
        session,
        actor=admin,
        term="UBND",
        spoken="uỷ ban",
        now=now,
        builtin=builtin,
        renders=renders,
    )
    services.set_lexicon_entry(
        session,
        actor=admin,
        term="CSGT",
        spoken="cảnh sát giao thông",
        now=now,
        builtin=builtin,
        renders=renders,
    )
    services.delete_lexicon_entry(
        session, actor=admin, term="UBND", now=now, builtin=builtin, renders=renders
    )
    services.delete_lexicon_entry(
        session, actor=admin, term="CSGT", now=now, builtin=builtin, renders=renders
    )
    assert [vi for _, vi in renders.rechecked] == [
        "từ điển phát âm thay đổi: “UBND” → “uỷ ban”",
        "từ điển phát âm thay đổi: “CSGT” → “cảnh sát giao thông”",
        "từ điển phát âm thay đổi: “UBND” trở về mặc định “ủy ban nhân dân”",
        "từ điển phát âm thay đổi: xóa “CSGT”",
    ]
    assert not {"UBND", "CSGT"} & set(services.lexicon(session))
    with pytest.raises(NotFound):
        services.delete_lexicon_entry(
            session, actor=admin, term="CSGT", now=now, builtin=builtin, renders=renders
        )
    with pytest.raises(PermissionDenied):
        services.set_lexicon_entry(
            session,
            actor=users["doanvien"],
            term="X",
            spoken="ích",
            now=now,
            builtin=builtin,
            renders=renders,
        )
    actions = [
        e.action
        for e in session.exec(
            select(AuditEvent).where(AuditEvent.object_type == "lexicon").order_by(AuditEvent.id)
        ).all()
    ]
    assert actions == ["lexicon.set"] * 3 + ["lexicon.delete"] * 2


def test_areas_for_is_the_subtrees_of_any_role_in_tree_order(session, world, now):
    _, users, areas, _ = world
    assert access.areas_for(session, users["doanvien"], Role.REVIEWER) == []
    authored = access.areas_for(session, users["doanvien"], Role.AUTHOR)
    assert authored[0] == areas["Ngọc Chúc"] and {a.parent_id for a in authored[1:]} == {
        areas["Ngọc Chúc"].id
    }
    watched = access.areas_for(session, users["congan"], *access.WATCH_ROLES)
    assert watched[0] == areas["An Giang"] and len(watched) == len(areas)  # the whole province
    assert [a.path for a in watched] == sorted(a.path for a in watched)
    assert access.role_area_ids(session, users["quantri"], Role.OPERATOR) == {
        a.id for a in areas.values()
    }


def _wav_bytes() -> bytes:
    t = np.arange(8000) / 8000
    buf = io.BytesIO()
    sf.write(buf, 0.3 * np.sin(2 * np.pi * 440 * t), 8000, format="WAV")
    return buf.getvalue()


def test_upload_probe_and_limits(session, tmp_path, world, now):
    store = AssetStore(tmp_path / "assets")
    asset = store_upload(session, store, io.BytesIO(_wav_bytes()), filename="thu-am.wav")
    assert store.path_for(asset.sha256).exists()
    assert abs(asset.duration_s - 1.0) < 0.01
    for bad in (b"not audio at all" * 100, _wav_bytes()[:30], b""):
        with pytest.raises(ValidationError):
            store_upload(session, store, io.BytesIO(bad), filename="x.wav")
    with pytest.raises(ValidationError, match="larger"):
        store_upload(session, store, io.BytesIO(_wav_bytes()), filename="x.wav", max_bytes=1000)
    leftovers = [p for p in (tmp_path / "assets" / "tmp").iterdir()]
    assert leftovers == []


def test_an_upload_name_is_kept_as_a_clean_label(session, tmp_path, world):
    """A bidi override, a zero-width or control character, a path (either slash) in the name
    a client sends is not stored: the name is a label on the reviewer's page."""
    from content_library.assets import stored_file_name

    store = AssetStore(tmp_path / "assets")
    name = "C:\\Users\\tổ 3\\ghi\u202eâm\u200b\x07 thôn  Bản.wav"
    asset = store_upload(session, store, io.BytesIO(_wav_bytes()), filename=name)
    assert asset.original_name == "ghiâm thôn Bản.wav"
    assert stored_file_name("../../etc/pa\u0301sswd") == "pásswd"  # NFC, last part only
    assert stored_file_name("..") == "" and stored_file_name(None) == ""
    assert len(stored_file_name("ả" * 400 + ".wav")) == 255


@pytest.fixture(autouse=True)
def _every_backend(db_backend):
    """Run this module on SQLite and (in `make test`) on PostgreSQL."""
