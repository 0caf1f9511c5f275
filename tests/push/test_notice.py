"""protocol.notice: the signed push notice and every refusal the unit makes."""

from __future__ import annotations

import json

import pytest

from protocol.canonical import canonical_json
from protocol.keys import generate_keypair, key_id
from protocol.notice import (
    MAX_SKEW_S,
    NoticeRejected,
    ReplayGuard,
    area_topic,
    sign_notice,
    topics_for_unit,
    unit_topic,
    verify_notice,
)

NOW = 1_800_000_000.0  # a fixed unix time passed to the code; no clock is read here
FIELDS = {
    "kind": "emergency",
    "bundle_id": "b-7f3a",
    "emergency_id": "5d0c2a8e-7c7e-4a32-9a45-1b2c3d4e5f60",
    "action": "play",
    "sequence": 17,
    "sha256": "ab" * 32,
    "priority": "emergency",
}


@pytest.fixture
def panel():
    priv, pub = generate_keypair()
    return priv, {key_id(pub): pub}


def check(payload, trusted, **kw):
    args = {"unit_id": "cl-01", "unit_areas": ("1", "4", "9"), "now": NOW} | kw
    return verify_notice(payload, trusted_keys=trusted, **args)


def test_unit_notice_round_trip(panel):
    priv, trusted = panel
    payload = sign_notice(priv, FIELDS, unit_id="cl-01", now=NOW)
    notice = check(payload, trusted, topic=unit_topic("cl-01"))
    assert (notice.bundle_id, notice.action, notice.sequence) == ("b-7f3a", "play", 17)
    assert notice.to_unit == "cl-01" and notice.to_area is None
    assert notice.expires_at - notice.issued_at == 300


def test_area_notice_reaches_every_unit_below_the_area(panel):
    priv, trusted = panel
    payload = sign_notice(priv, FIELDS, area_id=4, now=NOW)
    assert check(payload, trusted, topic=area_topic(4)).to_area == 4
    assert check(payload, trusted, unit_id="cl-02", unit_areas=("1", "4")).to_area == 4


def test_ids_travel_as_text(panel):
    priv, trusted = panel
    payload = sign_notice(priv, FIELDS | {"bundle_id": 42}, unit_id="cl-01", now=NOW)
    assert check(payload, trusted).bundle_id == "42"


def test_topics_of_a_unit():
    assert topics_for_unit("cl-01", ("1", "4")) == [
        "loa/v1/unit/cl-01",
        "loa/v1/area/1",
        "loa/v1/area/4",
    ]
    with pytest.raises(ValueError, match="topic"):
        unit_topic("cl/#")
    with pytest.raises(ValueError, match="number"):
        area_topic("4/+")


def test_bad_signature_refused(panel):
    priv, trusted = panel
    outer = json.loads(sign_notice(priv, FIELDS, unit_id="cl-01", now=NOW))
    outer["body"]["sequence"] = 18  # changed after signing
    with pytest.raises(NoticeRejected) as err:
        check(canonical_json(outer), trusted)
    assert err.value.code == "bad_signature"
    assert "chữ ký sai" in err.value.reason_vi


def test_signature_of_another_key_refused(panel):
    _, trusted = panel
    other, _ = generate_keypair()
    payload = sign_notice(other, FIELDS, unit_id="cl-01", now=NOW)
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted)
    assert err.value.code == "unknown_key"
    # the same bytes under the trusted key id: the signature does not verify
    outer = json.loads(payload)
    outer["key_id"] = next(iter(trusted))
    with pytest.raises(NoticeRejected) as err:
        check(canonical_json(outer), trusted)
    assert err.value.code == "bad_signature"


def test_expired_and_future_notices_refused(panel):
    priv, trusted = panel
    payload = sign_notice(priv, FIELDS, unit_id="cl-01", now=NOW, ttl_s=60)
    assert check(payload, trusted, now=NOW + 60 + MAX_SKEW_S).sequence == 17  # within the skew
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted, now=NOW + 61 + MAX_SKEW_S)
    assert err.value.code == "expired"
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted, now=NOW - MAX_SKEW_S - 1)
    assert err.value.code == "not_yet_valid"


@pytest.mark.parametrize(
    ("to", "kw"),
    [
        ({"unit_id": "cl-02"}, {}),  # another unit's notice
        ({"area_id": 5}, {}),  # an area this unit is not in
        ({"unit_id": "cl-01"}, {"topic": "loa/v1/unit/cl-02"}),  # came on the wrong topic
        ({"area_id": 4}, {"topic": "loa/v1/area/9"}),
    ],
)
def test_wrong_unit_refused(panel, to, kw):
    priv, trusted = panel
    payload = sign_notice(priv, FIELDS, now=NOW, **to)
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted, **kw)
    assert err.value.code == "wrong_unit"


def test_replay_refused_until_expiry_then_pruned(panel):
    priv, trusted = panel
    guard = ReplayGuard()
    payload = sign_notice(priv, FIELDS, unit_id="cl-01", now=NOW)
    check(payload, trusted, guard=guard)
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted, guard=guard, now=NOW + 5)
    assert err.value.code == "replay"
    # a second notice for the same bundle (e.g. on the area topic) has its own nonce
    check(sign_notice(priv, FIELDS, area_id=4, now=NOW), trusted, guard=guard)
    # kept across a restart of the unit
    restored = ReplayGuard()
    restored.load(json.loads(json.dumps(guard.export())), now=NOW + 10)
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted, guard=restored, now=NOW + 10)
    assert err.value.code == "replay"
    guard.prune(NOW + 300 + MAX_SKEW_S + 1)
    assert guard.export() == {}


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[]",
        b'{"body": {}, "key_id": "x"}',
        b'{"body": 1, "key_id": "0011223344556677", "sig": "00"}',
        b"{" + b'"a":"' + b"x" * 5000 + b'"}',
    ],
)
def test_malformed_refused(panel, payload):
    _, trusted = panel
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted)
    assert err.value.code in ("malformed", "unknown_key")


def test_signed_but_malformed_body_refused(panel):
    priv, trusted = panel
    body = {"v": 1, "kind": "emergency", "to": {"unit": "cl-01"}}  # fields missing
    sig = priv.sign(b"loa-notice-v1\n" + canonical_json(body)).hex()
    payload = canonical_json({"body": body, "key_id": next(iter(trusted)), "sig": sig})
    with pytest.raises(NoticeRejected) as err:
        check(payload, trusted)
    assert err.value.code == "malformed"


def test_the_panel_refuses_to_sign_a_bad_notice(panel):
    priv, _ = panel
    with pytest.raises(NoticeRejected):
        sign_notice(priv, FIELDS | {"sha256": "nope"}, unit_id="cl-01", now=NOW)
    with pytest.raises(ValueError, match="exactly one"):
        sign_notice(priv, FIELDS, unit_id="cl-01", area_id=4, now=NOW)
