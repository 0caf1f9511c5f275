"""Issuing an emergency from a phone left logged in (docs/security.md 25): the session's
password check must be recent (``emergency_reauth_s``, 15 minutes), else the issue form asks
for the password once more and issues in the same request; "Dừng" never asks; an API token
older than the window is refused with a reason to get a new one.

Sessions age by ``app.state.session_clock``: the tests set it to a clock of their own and move
it (no sleeping); the login limiter counts on the app's clock, as on the login form."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from content_library.emergency_models import Emergency, EmergencyBundle
from content_library.models import AuditEvent
from web.settings import SettingsError

from .conftest import Clock, password_for
from .test_emergency import ISSUERS, Recorder, _issue, _issue_api, _template, _token, world

__all__ = ["world"]  # the fixture, shared with test_emergency

FIELD = 'name="reauth_password"'
ASK_VI = "Nhập lại mật khẩu để phát khẩn cấp"


@pytest.fixture
def wall(app) -> Clock:
    """The sessions' clock, set before anyone logs in."""
    clock = Clock(datetime(2026, 10, 15, 1, 0, tzinfo=UTC))
    app.state.session_clock = clock
    return clock


def _issue_with(p, tid, areas, clock, password=None):
    """The phone form's POST, with the password field when given."""
    data = {
        "template_id": str(tid),
        "repeats": "1",
        "gap_s": "0",
        "expires_in_min": "60",
        "slot_bao": "3",
        "slot_gio": "12",
        "slot_nuoc": "2,5",
        "slot_gio_den": "14:30",
        "slot_ngay": clock.now.date().isoformat(),
        "slot_noi": str(areas["Ấp Ngọc Bình"].id),
        "slot_viec": "sơ tán",
        "area_ids": [str(areas["Ngọc Chúc"].id)],
        "csrf_token": p.csrf(),
    }
    if password is not None:
        data["reauth_password"] = password
    return p.client.post("/emergencies/new", data=data, follow_redirects=False)


def _actions(db) -> list[AuditEvent]:
    db.expire_all()
    return list(db.exec(select(AuditEvent)).all())


def _nothing_issued(db, app) -> None:
    db.expire_all()
    assert db.exec(select(Emergency)).all() == []
    assert db.exec(select(EmergencyBundle)).all() == []
    assert "emergency.issue" not in {e.action for e in _actions(db)}
    assert app.state.push_publisher.sent == []


def test_a_fresh_login_issues_without_a_password(world, wall, panel, db, clock, app):
    tid = _template(panel, world)
    p = panel("chutich")
    wall.advance(minutes=14)
    form = p.get(f"/emergencies/new?template_id={tid}")
    assert form.status_code == 200 and FIELD not in form.text and ASK_VI not in form.text
    r = _issue_with(p, tid, world, clock)
    assert r.status_code == 303, r.text
    assert len(app.state.push_publisher.sent) == 1


def test_sixteen_minutes_later_the_form_asks_and_without_the_password_nothing_is_issued(
    world, wall, panel, db, clock, app
):
    tid = _template(panel, world)
    p = panel("chutich")
    wall.advance(minutes=16)
    form = p.get(f"/emergencies/new?template_id={tid}")
    assert form.status_code == 200 and FIELD in form.text and ASK_VI in form.text
    # the form as it was before the password was asked for (no field): refused
    r = _issue_with(p, tid, world, clock)
    assert r.status_code == 422
    assert ASK_VI in r.text and FIELD in r.text
    assert 'value="12"' in r.text  # what was filled in stays on the form
    _nothing_issued(db, app)
    refused = [e for e in _actions(db) if e.action == "emergency.issue_refused"]
    assert [e.detail["reason"] for e in refused] == ["password_required"]
    assert refused[0].object_id == str(tid)


def test_a_wrong_password_is_refused_audited_and_counted_by_the_login_limiter(
    world, wall, panel, db, clock, app, settings
):
    tid = _template(panel, world)
    p = panel("chutich")
    wall.advance(minutes=16)
    r = _issue_with(p, tid, world, clock, password="sai-mat-khau")
    assert r.status_code == 422 and "Mật khẩu không đúng" in r.text
    assert "sai-mat-khau" not in r.text  # the password is never shown back
    _nothing_issued(db, app)
    refused = [e for e in _actions(db) if e.action == "emergency.issue_refused"]
    assert [e.detail["reason"] for e in refused] == ["password_wrong"]
    # the login limiter counts it: at its limit even the right password is refused ...
    for _ in range(settings.login_max_failures - 1):
        assert _issue_with(p, tid, world, clock, password="sai").status_code == 422
    r = _issue_with(p, tid, world, clock, password=password_for("chutich"))
    assert r.status_code == 429 and "Retry-After" in r.headers
    _nothing_issued(db, app)
    # ... and the login form of the same account from the same place too: one count
    other = panel()
    assert other.login("chutich").status_code == 429
    # after the window, the right password issues
    clock.advance(seconds=settings.login_window_s + 1)
    r = _issue_with(p, tid, world, clock, password=password_for("chutich"))
    assert r.status_code == 303, r.text


def test_the_right_password_issues_at_once_and_the_next_issue_needs_none(
    world, wall, panel, db, clock, app
):
    tid = _template(panel, world)
    p = panel("chutich")
    wall.advance(minutes=16)
    r = _issue_with(p, tid, world, clock, password=password_for("chutich"))
    assert r.status_code == 303, r.text  # one tap more, the same request issues
    db.expire_all()
    assert [e.state for e in db.exec(select(Emergency)).all()] == ["active"]
    assert len(app.state.push_publisher.sent) == 1
    # the check is recent now: the form does not ask, and a second issue needs no password
    form = p.get(f"/emergencies/new?template_id={tid}")
    assert FIELD not in form.text
    wall.advance(minutes=10)
    assert _issue_with(p, tid, world, clock).status_code == 303
    assert len(app.state.push_publisher.sent) == 2
    # the typed check ages like the login did
    wall.advance(minutes=6)
    assert FIELD in p.get(f"/emergencies/new?template_id={tid}").text
    assert _issue_with(p, tid, world, clock).status_code == 422
    # another browser of the same user is not made recent by this one's password
    q = panel("chutich")
    wall.advance(minutes=16)
    assert _issue_with(q, tid, world, clock).status_code == 422
    assert len(app.state.push_publisher.sent) == 2


@pytest.mark.parametrize("settings_overrides", [{"emergency_reauth_s": 60}])
def test_the_window_is_a_setting(world, wall, panel, db, clock, app, settings):
    tid = _template(panel, world)
    p = panel("chutich")
    wall.advance(seconds=60)
    assert FIELD not in p.get(f"/emergencies/new?template_id={tid}").text
    wall.advance(seconds=1)
    assert FIELD in p.get(f"/emergencies/new?template_id={tid}").text
    for bad in (0, -1):
        with pytest.raises(SettingsError, match="emergency_reauth_s"):
            dataclasses.replace(settings, emergency_reauth_s=bad)


def test_stop_never_asks_for_the_password(world, wall, panel, db, clock, app, client):
    tid = _template(panel, world)
    p = panel("chutich")
    r = _issue(p, tid, world, clock)
    assert r.status_code == 303, r.text
    eid = r.headers["location"].rsplit("/", 1)[1]
    wall.advance(minutes=119)  # an hour and more past the window, inside the idle limit
    page = p.get(f"/emergencies/{eid}")
    assert 'id="stop"' in page.text and FIELD not in page.text
    r = p.post(f"/emergencies/{eid}/stop")
    assert r.status_code == 303, r.text
    db.expire_all()
    assert db.get(Emergency, eid).state == "stopped"
    # an API token older than the window stops too
    eid2 = _issue(p, tid, world, clock, area_ids=("Ngọc Chúc",))
    assert eid2.status_code == 422  # the browser's check is old: issuing asks ...
    token = _token(client, "chutich")
    eid2 = _issue_api(client, token, tid, world, clock).json()["id"]
    wall.advance(minutes=30)
    r = client.post(
        f"/api/v1/emergencies/{eid2}/stop", headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 200, r.text  # ... stopping never does
    assert "emergency.issue_refused" not in {e.action for e in _actions(db) if e.object_id == eid2}


def test_an_api_token_issues_inside_the_window_and_is_refused_after_it(
    world, wall, panel, db, clock, app, client
):
    tid = _template(panel, world)
    token = _token(client, "chutich")
    wall.advance(minutes=14)
    r = _issue_api(client, token, tid, world, clock)
    assert r.status_code == 201, r.text
    wall.advance(minutes=2)
    r = _issue_api(client, token, tid, world, clock)
    assert r.status_code == 403
    body = r.json()
    assert body["code"] == "reauth_required"
    assert "POST /api/v1/token" in body["reason"] and "mã mới" in body["reason_vi"]
    db.expire_all()
    assert len(db.exec(select(Emergency)).all()) == 1
    assert len(app.state.push_publisher.sent) == 1
    refused = [e for e in _actions(db) if e.action == "emergency.issue_refused"]
    assert [e.detail["reason"] for e in refused] == ["token_too_old"]
    # the token still reads (status, templates): only issuing needs a recent password
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/emergency-templates", headers=headers).status_code == 200
    # a new token (the password again) issues at once
    assert _issue_api(client, _token(client, "chutich"), tid, world, clock).status_code == 201


def test_the_second_persons_approval_of_a_free_text_asks_when_the_check_is_old(
    world, wall, panel, db, clock, app
):
    writer = panel("chutich")
    r = writer.post(
        "/emergencies/free",
        {
            "title": "Cháy rừng",
            "text": "Cháy rừng ở ấp Ngọc Thạnh, bà con tránh xa khu vực.",
            "repeats": "1",
            "gap_s": "0",
            "expires_in_min": "60",
            "voice_region": "south",
            "area_ids": [str(world["Ngọc Chúc"].id)],
        },
    )
    assert r.status_code == 303, r.text
    eid = r.headers["location"].rsplit("/", 1)[1]
    db.expire_all()
    sha = db.get(Emergency, eid).audio_sha256
    second = panel("truongcongan")
    assert ISSUERS["truongcongan"] == "Ngọc Chúc"
    wall.advance(minutes=16)
    page = second.get(f"/emergencies/{eid}")
    assert FIELD in page.text and ASK_VI in page.text
    r = second.post(f"/emergencies/{eid}/approve", {"audio_sha256": sha})
    assert r.status_code == 422 and ASK_VI in r.text
    r = second.post(f"/emergencies/{eid}/approve", {"audio_sha256": sha, "reauth_password": "x"})
    assert r.status_code == 422 and "Mật khẩu không đúng" in r.text
    db.expire_all()
    assert db.get(Emergency, eid).state == "pending"
    assert db.exec(select(EmergencyBundle)).all() == []
    assert app.state.push_publisher.sent == []
    assert [
        e.detail["reason"]
        for e in _actions(db)
        if e.action == "emergency.issue_refused" and e.object_id == eid
    ] == ["password_required", "password_wrong"]
    r = second.post(
        f"/emergencies/{eid}/approve",
        {"audio_sha256": sha, "reauth_password": password_for("truongcongan")},
    )
    assert r.status_code == 303, r.text
    db.expire_all()
    assert db.get(Emergency, eid).state == "active"
    assert len(app.state.push_publisher.sent) == 1


def test_the_writer_is_not_asked_for_a_password_only_refused(world, wall, panel, db, clock):
    writer = panel("chutich")
    r = writer.post(
        "/emergencies/free",
        {
            "title": "Cháy rừng",
            "text": "Cháy rừng ở ấp Ngọc Thạnh.",
            "repeats": "1",
            "gap_s": "0",
            "expires_in_min": "60",
            "voice_region": "south",
            "area_ids": [str(world["Ngọc Chúc"].id)],
        },
    )
    eid = r.headers["location"].rsplit("/", 1)[1]
    wall.advance(minutes=16)
    db.expire_all()
    sha = db.get(Emergency, eid).audio_sha256
    r = writer.post(f"/emergencies/{eid}/approve", {"audio_sha256": sha})
    assert r.status_code == 403 and "người thứ hai" in r.text
    assert "emergency.issue_refused" not in {e.action for e in _actions(db)}


def test_recorder_is_the_publisher(world, app):
    # the world fixture swaps the push publisher for a recorder: nothing leaves the test
    assert isinstance(app.state.push_publisher, Recorder)
