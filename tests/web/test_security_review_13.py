"""A thirteenth independent security review (docs/security.md 32), as a hostile user would test
it: an admin's found phone managing accounts without the password, report exports sent at the
very same moment passing the bound together, and a writer submitting versions without end.
Each test is the regression of a hole it found; every refusal is tried beside the legitimate
path, which still works."""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, create_engine, select

from content_library import jobs as queue
from content_library import security, services
from content_library.demo import seed_demo
from content_library.errors import LimitReached
from content_library.job_models import Job, JobState
from content_library.models import Area, AuditEvent, Membership, Script, ScriptVersion, Topic, User
from content_library.ports import RecordedRenders
from content_library.types import Role
from web.services import report_jobs
from web.settings import Settings, SettingsError

from .conftest import SECRET, Clock, new_script_form, password_for


def _text(r) -> str:
    return html.unescape(r.text)


# --- 1. an admin's found phone managing accounts without the password ------------------------

FIELD = 'name="reauth_password"'
ASK_VI = "Nhập lại mật khẩu của bạn để quản lý tài khoản"
REFUSED_VI = "Nhập lại mật khẩu của bạn để quản lý tài khoản; chưa có gì thay đổi."
WRONG_VI = "Mật khẩu của bạn không đúng; chưa có gì thay đổi."
FOUND_PASSWORD = "mat-khau-ke-nhat-duoc-42"  # what the finder would set


@pytest.fixture
def wall(app) -> Clock:
    """The sessions' clock, set before anyone logs in; the tests move it (no sleeping)."""
    clock = Clock(datetime(2026, 10, 15, 1, 0, tzinfo=UTC))
    app.state.session_clock = clock
    return clock


def _user(db, username: str) -> User | None:
    db.expire_all()
    return db.exec(select(User).where(User.username == username)).first()


def _roles(db, username: str) -> list[tuple[str, int]]:
    user = _user(db, username)
    assert user is not None
    return sorted(
        (m.role, m.area_id)
        for m in db.exec(select(Membership).where(Membership.user_id == user.id)).all()
    )


def _area(db, name: str) -> int:
    area = db.exec(select(Area).where(Area.name == name)).one()
    assert area.id is not None
    return area.id


def _refusals(db) -> list[AuditEvent]:
    db.expire_all()
    return list(
        db.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "user.change_refused")
            .order_by(col(AuditEvent.id))
        ).all()
    )


def _account_actions(db) -> dict[str, tuple[str, Callable[[], dict], Callable[[], object]]]:
    """Each account-management form: (its URL, its fields, what it changes, read back)."""
    writer = _user(db, "doanvien")
    assert writer is not None
    nc = _area(db, "Ngọc Chúc")
    return {
        "user.create": (
            "/admin/users",
            lambda: {
                "username": "tv_moi",
                "full_name": "Tài khoản của kẻ nhặt được",
                "password": FOUND_PASSWORD,
                "role": Role.ISSUER.value,
                "area_id": str(nc),
            },
            lambda: _user(db, "tv_moi") is not None,
        ),
        "user.roles": (
            f"/admin/users/{writer.id}/roles",
            lambda: {
                "keep": [f"{r}:{a}" for r, a in _roles(db, "doanvien")],
                "role": Role.ADMIN.value,
                "area_id": str(nc),
            },
            lambda: _roles(db, "doanvien"),
        ),
        "user.password_reset": (
            f"/admin/users/{writer.id}/password",
            lambda: {"new_password": FOUND_PASSWORD},
            lambda: security.verify_password(_user(db, "doanvien").password_hash, FOUND_PASSWORD),
        ),
        "user.active": (
            f"/admin/users/{writer.id}/active",
            lambda: {"active": "0"},
            lambda: _user(db, "doanvien").is_active,
        ),
    }


def test_a_fresh_login_manages_accounts_without_typing_the_password_again(wall, panel, db) -> None:
    """The window counts from the login: fourteen minutes on, nothing more is asked."""
    admin = panel("quantri")
    wall.advance(minutes=14)
    page = admin.get("/admin/users")
    assert page.status_code == 200 and FIELD not in page.text and ASK_VI not in _text(page)
    for url, fields, _ in _account_actions(db).values():
        r = admin.post(url, fields())
        assert r.status_code == 303, _text(r)[:300]
    assert _user(db, "tv_moi") is not None
    assert (Role.ADMIN.value, _area(db, "Ngọc Chúc")) in _roles(db, "doanvien")
    assert not _user(db, "doanvien").is_active
    assert _refusals(db) == []


@pytest.mark.parametrize(
    "action", ["user.create", "user.roles", "user.password_reset", "user.active"]
)
def test_a_found_admin_phone_changes_no_account_without_the_password(
    action, wall, panel, db
) -> None:
    """§31 left it: a phone found logged in as an admin created an account with a password its
    finder chose and gave it the issuer (or admin) role, reset another person's password, or
    disabled them, without the admin's password. Sixteen minutes after the login every form
    asks for it; without it, or with a wrong one, the answer is 422 with a Vietnamese sentence,
    nothing changes and the refusal is audited; typed right, the same request does it and the
    next action asks nothing."""
    writer_phone = panel("doanvien")
    admin = panel("quantri")
    url, fields, state = _account_actions(db)[action]
    before = state()
    wall.advance(minutes=16)
    page = admin.get("/admin/users")
    assert page.status_code == 200 and FIELD in page.text and ASK_VI in _text(page)

    r = admin.post(url, fields())  # the form as it was before the field was asked for
    assert r.status_code == 422 and REFUSED_VI in _text(r) and FIELD in r.text
    assert state() == before
    r = admin.post(url, {**fields(), "reauth_password": "sai-mat-khau"})
    assert r.status_code == 422 and WRONG_VI in _text(r)
    assert "sai-mat-khau" not in r.text and FOUND_PASSWORD not in r.text  # never shown back
    assert state() == before
    assert writer_phone.get("/scripts").status_code == 200  # the writer's session lives on
    refused = _refusals(db)
    assert [(e.detail["reason"], e.detail["attempted"]) for e in refused] == [
        ("password_required", action),
        ("password_wrong", action),
    ]
    assert {e.actor_id for e in refused} == {_user(db, "quantri").id}

    r = admin.post(url, {**fields(), "reauth_password": password_for("quantri")})
    assert r.status_code == 303, _text(r)[:300]
    assert state() != before
    # The typed password counts as a fresh check for the window: the next form asks nothing.
    assert FIELD not in admin.get("/admin/users").text
    r = admin.post("/admin/users", {**_account_actions(db)["user.create"][1](), "username": "tv_2"})
    assert r.status_code == 303, _text(r)[:300]


def test_wrong_passwords_on_the_users_page_count_as_failed_logins(
    wall, panel, db, settings
) -> None:
    """The password typed again is checked like a login: at the limit even the right one is
    refused (429, Retry-After), and the login form of the account from the same place too."""
    admin = panel("quantri")
    url, fields, state = _account_actions(db)["user.active"]
    wall.advance(minutes=16)
    for _ in range(settings.login_max_failures):
        r = admin.post(url, {**fields(), "reauth_password": "sai"})
        assert r.status_code == 422
    r = admin.post(url, {**fields(), "reauth_password": password_for("quantri")})
    assert r.status_code == 429 and "Retry-After" in r.headers
    assert state() is True
    assert panel().login("quantri").status_code == 429
    assert [e.detail["reason"] for e in _refusals(db)][-1] == "locked"


def test_an_old_api_token_manages_no_account(wall, client, db) -> None:
    """The API's twins (POST /api/v1/users, PUT /api/v1/users/{id}/roles): a token older than
    the window is refused with 403 and code reauth_required, nothing changes; a new token
    (the password typed again) does it."""

    def token() -> dict[str, str]:
        r = client.post(
            "/api/v1/token", json={"username": "quantri", "password": password_for("quantri")}
        )
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    nc = _area(db, "Ngọc Chúc")
    writer = _user(db, "doanvien")
    assert writer is not None
    before = _roles(db, "doanvien")
    new_user = {
        "username": "tv_moi",
        "password": FOUND_PASSWORD,
        "full_name": "Tài khoản của kẻ nhặt được",
        "roles": [[Role.ISSUER.value, nc]],
    }
    roles = {"roles": [*before, [Role.ADMIN.value, nc]]}
    old = token()
    wall.advance(minutes=16)
    r = client.post("/api/v1/users", json=new_user, headers=old)
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "reauth_required" and "đã cũ" in r.json()["reason_vi"]
    r = client.put(f"/api/v1/users/{writer.id}/roles", json=roles, headers=old)
    assert r.status_code == 403 and r.json()["code"] == "reauth_required"
    assert _user(db, "tv_moi") is None and _roles(db, "doanvien") == before
    assert [(e.detail["reason"], e.detail["attempted"]) for e in _refusals(db)] == [
        ("token_too_old", "user.create"),
        ("token_too_old", "user.roles"),
    ]
    fresh = token()
    assert client.post("/api/v1/users", json=new_user, headers=fresh).status_code == 201
    r = client.put(f"/api/v1/users/{writer.id}/roles", json=roles, headers=fresh)
    assert r.status_code == 200, r.text
    assert (Role.ADMIN.value, nc) in _roles(db, "doanvien")


@pytest.mark.parametrize("settings_overrides", [{"account_reauth_s": 60}])
def test_the_window_is_the_account_reauth_setting(wall, panel, db) -> None:
    """LOA_ACCOUNT_REAUTH_S sets the window (here a minute), apart from the emergency's."""
    admin = panel("quantri")
    url, fields, state = _account_actions(db)["user.active"]
    wall.advance(seconds=61)
    assert admin.post(url, fields()).status_code == 422
    assert state() is True


def test_the_account_window_must_be_positive(tmp_path) -> None:
    with pytest.raises(SettingsError, match="account_reauth_s"):
        Settings(data_dir=tmp_path, secret_key=SECRET, environment="test", account_reauth_s=0)
    settings = Settings(data_dir=tmp_path, secret_key=SECRET, environment="test")
    assert settings.account_reauth_s == 15 * 60


# --- 2. report exports sent at the very same moment ----------------------------------------

THREADS = 8


def _person(engine, now, username: str = "daixa") -> int:
    with Session(engine, expire_on_commit=False) as s:
        user = services.create_user(
            s, actor=None, username=username, password="mat-khau-dai-xa-42", full_name="", now=now
        )
        s.commit()
        assert user.id is not None
        return user.id


@pytest.fixture
def ready(engine):
    """The test's database with a connection open for every thread before the race (one
    opened during it would spread the threads out and hide the race)."""
    if engine.dialect.name == "postgresql":
        engine = create_engine(engine.url, pool_size=2 * THREADS, max_overflow=0)
    opened = [engine.connect() for _ in range(THREADS)]
    for conn in opened:
        conn.close()
    yield engine
    if engine.dialect.name == "postgresql":
        engine.dispose()


def _at_once(work: Callable[[], object]) -> tuple[int, list[BaseException]]:
    """Runs ``work`` on THREADS threads released together: (how many passed, other errors)."""
    start = threading.Barrier(THREADS)
    passed: list[object] = []
    errors: list[BaseException] = []

    def one() -> None:
        start.wait()
        try:
            passed.append(work())
        except LimitReached:
            pass
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(passed), errors


@pytest.fixture
def slow_enqueue(monkeypatch) -> None:
    """Widens the gaps a loaded server leaves: between a count and the job that adds to it
    (§31 counted first, outside a lock), and between the job and the commit (a count that
    sees only what others committed)."""
    real = queue.enqueue

    def slow(*args, **kwargs):
        time.sleep(0.05)
        real(*args, **kwargs)
        time.sleep(0.15)

    monkeypatch.setattr(queue, "enqueue", slow)


def _export_jobs(engine, user_id: int) -> list[Job]:
    with Session(engine) as s:
        return list(
            s.exec(select(Job).where(Job.kind == report_jobs.KIND, Job.user_id == user_id)).all()
        )


def test_exports_sent_at_the_same_moment_never_pass_the_open_bound_together(
    ready, db_backend, now, slow_enqueue
) -> None:
    """§31 counted a person's exports before queuing one, outside a lock: eight requests sent
    at once all saw none in the making and all queued. Now the count and the new job are one
    step (SQLite's one writer; a row lock on the person on PostgreSQL): exactly two."""
    uid = _person(ready, now)
    jobs = report_jobs.ExportJobs(ready, now=lambda: now)

    def export() -> object:
        return jobs.create(
            user_id=uid,
            area_id=1,
            period="month",
            start=now.date(),
            fmt="csv",
            locale="vi",
            now=now,
        )

    passed, errors = _at_once(export)
    assert errors == []
    assert passed == report_jobs.MAX_OPEN
    assert len(_export_jobs(ready, uid)) == report_jobs.MAX_OPEN


def test_exports_sent_at_the_same_moment_never_pass_the_hourly_bound_together(
    ready, db_backend, now, slow_enqueue
) -> None:
    """Thirty-nine finished exports in the last hour: of eight sent at once, one goes."""
    uid = _person(ready, now)
    with Session(ready) as s:
        for i in range(report_jobs.MAX_PER_KEEP - 1):
            s.add(
                Job(
                    kind=report_jobs.KIND,
                    key=f"cu-{i}",
                    state=JobState.DONE,
                    user_id=uid,
                    params="{}",
                    created_at=now - timedelta(minutes=10),
                )
            )
        s.commit()
    jobs = report_jobs.ExportJobs(ready, now=lambda: now)

    def export() -> object:
        return jobs.create(
            user_id=uid,
            area_id=1,
            period="month",
            start=now.date(),
            fmt="csv",
            locale="vi",
            now=now,
        )

    passed, errors = _at_once(export)
    assert errors == []
    assert passed == 1
    assert len(_export_jobs(ready, uid)) == report_jobs.MAX_PER_KEEP
    other = _person(ready, now, "congan_moi")  # another person is not held up
    assert jobs.create(
        user_id=other, area_id=1, period="month", start=now.date(), fmt="csv", locale="vi", now=now
    )


# --- 3. a writer submitting versions without end -------------------------------------------


def _api_script(client, headers, db, title: str):
    form = new_script_form(db)
    body = {
        "title": title,
        "topic_id": int(form["topic_id"]),
        "area_id": int(form["area_id"]),
        "text": form["text"],
        "submit": True,
    }
    return client.post("/api/v1/scripts", json=body, headers=headers)


def _stored(db) -> tuple[int, int, int]:
    """Scripts, versions and submits on record."""
    db.expire_all()
    submits = db.exec(select(AuditEvent).where(AuditEvent.action == "version.submit")).all()
    return (
        len(db.exec(select(Script)).all()),
        len(db.exec(select(ScriptVersion)).all()),
        len(submits),
    )


@pytest.mark.parametrize("settings_overrides", [{"max_submits_per_hour": 2}])
def test_a_writer_sends_at_most_so_many_versions_for_review_an_hour(
    client, api, panel, db, clock
) -> None:
    """Each submit queues a render; a found phone or a script looping on the form submitted
    without bound (§31 left it). Past ``max_submits_per_hour`` (2 here, 60 by default) the page,
    the API and the submit button answer 429 with Retry-After and a Vietnamese sentence, and
    nothing is stored (not the new script either); saving a draft still works; another writer
    is not held up; an hour on, the writer submits again."""
    writer = api("doanvien")
    assert _api_script(client, writer, db, "Bản tin 1").status_code == 201
    clock.advance(minutes=10)
    assert _api_script(client, writer, db, "Bản tin 2").status_code == 201
    before = _stored(db)

    r = _api_script(client, writer, db, "Bản tin 3")
    assert r.status_code == 429, r.text
    assert r.json()["reason_vi"] == (
        "Bạn đã gửi duyệt 2 phiên bản trong một giờ qua (tối đa 2); hãy thử lại sau 50 phút."
    )
    assert r.json()["code"] == "too_many" and r.headers["retry-after"] == str(50 * 60)
    assert _stored(db) == before

    phone = panel("doanvien")
    r = phone.post("/scripts/new", new_script_form(db, title="Bản tin gõ tay"))
    assert r.status_code == 429 and r.headers["retry-after"] == str(50 * 60)
    assert "Bạn đã gửi duyệt 2 phiên bản" in _text(r)
    assert 'value="Bản tin gõ tay"' in _text(r)  # what was typed stays on the form
    assert _stored(db) == before

    r = phone.post("/scripts/new", new_script_form(db, title="Bản nháp", action="save"))
    assert r.status_code == 303, _text(r)[:300]
    draft = db.exec(select(ScriptVersion).where(ScriptVersion.title == "Bản nháp")).one()
    r = phone.post(f"/versions/{draft.id}/submit")
    assert r.status_code == 429 and "Bạn đã gửi duyệt 2 phiên bản" in _text(r)
    r = client.post(f"/api/v1/versions/{draft.id}/submit", headers=writer)
    assert r.status_code == 429 and r.json()["code"] == "too_many"
    db.expire_all()
    assert db.get(ScriptVersion, draft.id).state == "draft"

    assert _api_script(client, api("tonghop"), db, "Của người khác").status_code == 201

    clock.advance(minutes=51)  # the first submit has left the hour
    r = phone.post(f"/versions/{draft.id}/submit")
    assert r.status_code == 303, _text(r)[:300]


def test_every_api_operation_that_submits_documents_its_429(client) -> None:
    """The bound's 429 is in the API's contract wherever a version may be sent for review
    (schemathesis found it undocumented once 60 generated submits had passed)."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/scripts",
        "/api/v1/scripts/recording",
        "/api/v1/scripts/{script_id}/versions",
        "/api/v1/versions/{version_id}/submit",
    ):
        assert "429" in paths[path]["post"]["responses"], path
    assert "429" not in paths["/api/v1/versions/{version_id}/withdraw"]["post"]["responses"]


def test_the_default_bound_is_the_use_cases(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key=SECRET, environment="test")
    assert settings.max_submits_per_hour == services.SUBMITS_PER_HOUR == 60
    with pytest.raises(SettingsError, match="max_submits_per_hour"):
        Settings(data_dir=tmp_path, secret_key=SECRET, environment="test", max_submits_per_hour=0)


@pytest.fixture
def drafts(engine, now) -> tuple[User, list[int]]:
    """The demo's writer with eight drafts, committed."""
    with Session(engine, expire_on_commit=False) as s:
        seed_demo(s, now=now, passwords={"doanvien": "mk-demo-doanvien-1"})
        writer = s.exec(select(User).where(User.username == "doanvien")).one()
        area = s.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
        topic = s.exec(select(Topic)).first()
        assert topic is not None
        ids = []
        for i in range(THREADS):
            v = services.create_script(
                s,
                actor=writer,
                title=f"Bản tin {i}",
                topic_id=topic.id,
                area_id=area.id,
                text="Kính thưa bà con, chiều nay cắt điện.",
                valid_until=now + timedelta(days=30),
                now=now,
            )
            ids.append(v.id)
        s.commit()
        return writer, ids


def test_submits_sent_at_the_same_moment_never_pass_the_bound_together(
    ready, db_backend, now, drafts, monkeypatch
) -> None:
    """Eight drafts sent for review at once, two allowed an hour: two go, six are refused and
    stay drafts (the count and the submit are one step; without the lock on PostgreSQL each
    counted only what the others had committed)."""
    writer, ids = drafts
    real = services._check_submits

    def slow(*args, **kwargs):
        time.sleep(0.3)  # a loaded server between the write and the count
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_check_submits", slow)
    pending = list(ids)
    lock = threading.Lock()

    def submit() -> object:
        with lock:
            vid = pending.pop()
        with Session(ready, expire_on_commit=False) as s:
            services.submit(
                s, actor=writer, version_id=vid, now=now, renders=RecordedRenders(), max_per_hour=2
            )
            s.commit()
        return vid

    passed, errors = _at_once(submit)
    assert errors == []
    assert passed == 2
    with Session(ready) as s:
        states = [s.get(ScriptVersion, i).state for i in ids]
    assert sorted(states) == ["draft"] * (THREADS - 2) + ["submitted"] * 2
