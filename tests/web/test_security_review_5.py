"""A fifth independent review: what the fourth left open (the unknown-user check under the
current argon2 cost, rehashing a password made under older parameters), and what an attacker
with an account of one commune, a spreadsheet or a found USB stick tries next. Each test is
the regression of a hole it found, or pins a refusal that already held (docs/security.md 24)."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from sqlmodel import select

from content_library import security, services
from content_library.models import Area, Membership, User
from content_library.types import Role

from .conftest import add_people, new_author_form, password_for
from .test_emergency import _issue, _issue_api, _template, _token, world  # noqa: F401

# --- 1. argon2: the dummy follows the cost, old hashes are made again ---------------------------


@pytest.fixture
def restore_hasher(monkeypatch):
    """The test changes the cost the way a restarted panel with new settings would; the
    module's hasher is put back afterwards."""
    monkeypatch.setattr(security, "_hasher", security._hasher)


def _recording_checks(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = services.verify_password

    def recording(password_hash: str, password: str) -> bool:
        seen.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(services, "verify_password", recording)
    return seen


def _stored_hash(db, username: str) -> str:
    db.expire_all()
    return db.exec(select(User).where(User.username == username)).one().password_hash


def test_an_unknown_user_is_checked_against_a_hash_of_the_current_cost(
    panel, monkeypatch, restore_hasher
) -> None:
    seen = _recording_checks(monkeypatch)
    assert panel().login("khongcoai", "sai-mat-khau-1").status_code == 401
    first = extract_parameters(seen[-1])
    assert first == extract_parameters(security.hash_password("mot-mat-khau-that"))
    # The cost is raised (new settings): the unknown-user check follows at once.
    security.configure(time_cost=first.time_cost + 1, memory_cost=16, parallelism=1)
    for username in ("khongcoai", "nguoi-khac", "Không Có Ai"):
        seen.clear()
        assert panel().login(username, "sai-mat-khau-1").status_code == 401
        assert len(seen) == 1
        dummy = extract_parameters(seen[0])
        assert dummy == extract_parameters(security.hash_password("mot-mat-khau-that"))
        assert (dummy.time_cost, dummy.memory_cost) == (first.time_cost + 1, 16)


def test_a_password_hashed_under_an_older_cost_is_hashed_again_at_login(
    panel, db, app, monkeypatch, restore_hasher
) -> None:
    old = _stored_hash(db, "congan")
    old_params = extract_parameters(old)
    security.configure(time_cost=old_params.time_cost + 1, memory_cost=16, parallelism=1)
    assert security.needs_rehash(old)

    # A wrong password changes nothing.
    assert panel().login("congan", "sai-mat-khau-1").status_code == 401
    assert _stored_hash(db, "congan") == old

    # The right one logs in and stores a hash of the current cost.
    assert panel().login("congan").status_code == 303
    new = _stored_hash(db, "congan")
    assert new != old and not security.needs_rehash(new)
    assert extract_parameters(new) == extract_parameters(security.hash_password("x" * 12))
    assert security.verify_password(new, password_for("congan"))

    # Once current it is left alone; the token route rehashes too.
    assert panel().login("congan").status_code == 303
    assert _stored_hash(db, "congan") == new
    old_token_user = _stored_hash(db, "daixa")
    assert security.needs_rehash(old_token_user)
    client = panel().client
    r = client.post("/api/v1/token", json={"username": "daixa", "password": password_for("daixa")})
    assert r.status_code == 200, r.text
    assert not security.needs_rehash(_stored_hash(db, "daixa"))


# --- 2. an issuer trying another commune's area id ------------------------------------------------


def test_an_issuer_cannot_learn_another_communes_area_by_its_id(
    request, panel, client, clock
) -> None:
    areas = request.getfixturevalue("world")  # test_emergency's: issuers, units, no broker
    tid = _template(panel, areas)
    token = _token(client, "chutich")  # issuer over Ngọc Chúc
    answers = {}
    for name, area_id in (
        ("Thạnh Lộc", areas["Thạnh Lộc"].id),  # another commune
        ("unknown", 999_999),  # no such area
    ):
        r = _issue_api(client, token, tid, areas, clock, area_ids=[area_id])
        answers[name] = (r.status_code, r.json())
    assert answers["Thạnh Lộc"] == answers["unknown"], answers
    status, body = answers["Thạnh Lộc"]
    assert status == 403 and body["code"] == "out_of_scope"
    assert "Thạnh Lộc" not in str(body)
    # The page form answers alike, without the name.
    r = _issue(panel("chutich"), tid, areas, clock, area_ids=("Ngọc Chúc", "Thạnh Lộc"))
    assert r.status_code == 403 and "ngoài phạm vi" in r.text and "Thạnh Lộc" not in r.text
    # An area above the commune, which the issuer may know of (its province), is still named.
    province = next(a for a in areas.values() if a.parent_id is None)
    r = _issue_api(client, token, tid, areas, clock, area_ids=[province.id])
    assert r.status_code == 403 and province.name in r.json()["reason_vi"]
    # Its own commune still works.
    assert _issue_api(client, token, tid, areas, clock).status_code == 201


# --- 3. a commune's admin and a user without any role ------------------------------------------


def test_a_communes_admin_cannot_take_over_a_user_whose_roles_were_taken_away(
    panel, db, clock
) -> None:
    """The province took a former officer's roles away (and disabled the account). Before, a
    user without any role was any admin's: the admin of Thạnh Lộc listed them, set a password,
    enabled the account and gave it roles of Thạnh Lộc — approvals would then carry that
    person's name."""
    areas = {a.name: a for a in db.exec(select(Area)).all()}
    add_people(
        db,
        {"quantri_tl": [(Role.ADMIN, areas["Thạnh Lộc"].id)], "cu_congan": []},
        now=clock.now,
    )
    former = db.exec(select(User).where(User.username == "cu_congan")).one()
    former.is_active = False
    db.add(former)
    db.commit()
    before = _stored_hash(db, "cu_congan")
    admin = panel("quantri_tl")
    assert "cu_congan" not in admin.get("/admin/users").text
    # Not theirs to know of: it reads like an unknown id (404 since security 30, was 403).
    r = admin.post(f"/admin/users/{former.id}/password", {"new_password": "Mat-khau-cua-ke-gian"})
    assert r.status_code == 404
    assert admin.post(f"/admin/users/{former.id}/active", {"active": "1"}).status_code == 404
    r = admin.post(
        f"/admin/users/{former.id}/roles",
        {"role": "reviewer", "area_id": str(areas["Thạnh Lộc"].id)},
    )
    assert r.status_code == 404
    db.expire_all()
    assert _stored_hash(db, "cu_congan") == before
    assert not db.get(User, former.id).is_active
    assert db.exec(select(Membership).where(Membership.user_id == former.id)).all() == []
    # The province's admin (a root of the tree) still manages them.
    root = panel("quantri")
    assert "cu_congan" in root.get("/admin/users").text
    assert root.post(f"/admin/users/{former.id}/active", {"active": "1"}).status_code == 303
    # The commune's admin still creates people of the commune and manages them.
    r = admin.post("/admin/users", new_author_form(areas["Thạnh Lộc"].id))
    assert r.status_code == 303, r.text
    new = db.exec(select(User).where(User.username == "tv_thanhloc")).one()
    r = admin.post(f"/admin/users/{new.id}/password", {"new_password": "Mot-mat-khau-khac"})
    assert r.status_code == 303
