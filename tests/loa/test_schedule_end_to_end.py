"""Schedules as an operator types them into the panel's form, published as a signed bundle and
planned the way the unit plans it (`playout.core.build_candidates` on the verified manifest),
against dates worked out here by hand with `datetime`.

Every date is fixed and the panel's clock is injected (`clock`); the unit's `wall` and the
bundle check's `now` are passed in, so moving the machine's clock (tests/timeshift/run) changes
nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from content_library.models import Publication, Schedule
from playout.core import Kind, build_candidates, items_meta
from playout.store import check_schedule
from protocol.bundle import verify_bundle
from protocol.keys import key_id, load_private_key
from tests.web import conftest as web
from tests.web.conftest import Clock, password_for
from tests.web.test_schedules import approved_version

# The panel's fixtures (a seeded database per test, the app, logged-in clients), by name.
template_db, settings_overrides, settings = web.template_db, web.settings_overrides, web.settings
app, db, panel = web.app, web.db, web.panel

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UNIT_HORIZON = timedelta(hours=24)  # playout.config's default horizon_hours


@pytest.fixture
def clock() -> Clock:
    """The panel's clock; each test sets it to the day the operator works on."""
    return Clock(datetime(2026, 12, 28, 8, 0, tzinfo=VN))


def local(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=VN)


def days(first: date, last: date) -> list[date]:
    """first … last, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def form(vid: int, **over: object) -> dict:
    """The panel's form as a browser posts it: every day ticked, the area's quiet hours."""
    values: dict = {
        "name": "Bản tin thường kỳ",
        "target": "unit:ngoc-chuc-01",
        "version_ids": [str(vid)],
        "mode": "times",
        "times": "06:00, 17:00",
        "weekdays": [str(d) for d in range(7)],
        "weekdays_shown": "1",
        "repeat": "1",
        "gap_s": "0",
        "start_date": "",
        "end_date": "",
        "once_at": "",
        "quiet_start": "22:00",
        "quiet_end": "05:00",
        "allowed_weekdays": [str(d) for d in range(7)],
        "allowed_weekdays_shown": "1",
    }
    values.update(over)
    return values


@pytest.fixture
def item(panel, db, clock) -> int:
    """One approved, rendered item (a few seconds of speech)."""
    return approved_version(
        panel, db, title="Phòng cháy chữa cháy", text="Kính thưa bà con, hãy phòng cháy."
    )


def save(op, data: dict, url: str = "/schedules/new") -> int:
    r = op.post(url, data)
    assert r.status_code == 303, r.text[-2000:]
    return int(r.headers["location"].rsplit("/", 1)[1])


def publish(op, db, settings, clock: Clock, schedule_id: int):
    """Publish, download the bundle as for a USB stick and verify it as the unit does."""
    r = op.post(f"/schedules/{schedule_id}/publish")
    assert r.status_code == 303, r.text[-2000:]
    db.expire_all()
    pub = db.exec(
        select(Publication)
        .where(Publication.schedule_id == schedule_id)
        .order_by(col(Publication.sequence).desc())
    ).first()
    download = op.get(f"/publications/{pub.id}/download")
    assert download.status_code == 200
    path = Path(settings.data_dir) / f"bundle-{pub.id}.loa"
    path.write_bytes(download.content)
    public = load_private_key(settings.signing_key_path).public_key()
    verified = verify_bundle(
        path,
        trusted_keys={key_id(public): public},
        now=clock.now,
        unit_id="ngoc-chuc-01",
        manifest_check=check_schedule,
    )
    return verified.manifest


def unit_plays(manifest, first: datetime, last: datetime) -> tuple[list[datetime], list[datetime]]:
    """(what plays, what the scheduler drops) starting in [first, last), as the unit sees it
    with its wall clock moving on an hour at a time and a 24-hour horizon."""
    meta = items_meta(manifest)
    plays: dict[str, datetime] = {}
    dropped: dict[str, datetime] = {}
    wall = first
    while wall < last:
        candidates, _schedule, warnings = build_candidates(
            manifest, meta, wall=wall, horizon_s=UNIT_HORIZON.total_seconds(), lookback_s=0
        )
        assert warnings == []
        for c in candidates:
            assert c.kind is Kind.SCHEDULED and c.start is not None
            if first <= c.start < last:
                (dropped if c.drop_reason else plays)[c.key] = c.start
        wall += timedelta(hours=1)
    assert not set(plays) & set(dropped), "a slot both plays and is dropped"
    return sorted(plays.values()), sorted(dropped.values())


def test_daily_0600_and_1700_across_the_year_end(panel, db, settings, clock, item) -> None:
    op = panel("daixa")
    sid = save(op, form(item))
    manifest = publish(op, db, settings, clock, sid)
    plays, dropped = unit_plays(manifest, local(date(2026, 12, 29), 0), local(date(2027, 1, 4), 0))
    expected = [local(d, hh) for d in days(date(2026, 12, 29), date(2027, 1, 3)) for hh in (6, 17)]
    assert plays == expected
    assert dropped == []
    # Vietnam time, +07:00 all year: 06:00 on 1 January 2027 is 23:00 UTC on 31 December.
    assert all(p.utcoffset() == timedelta(hours=7) for p in plays)
    new_year = plays[6]
    assert new_year.isoformat() == "2027-01-01T06:00:00+07:00"
    assert new_year.astimezone(ZoneInfo("UTC")) == datetime(
        2026, 12, 31, 23, 0, tzinfo=ZoneInfo("UTC")
    )


def test_daily_through_the_29th_of_february_2028(panel, db, settings, clock, item) -> None:
    clock.now = datetime(2028, 2, 26, 9, 0, tzinfo=VN)
    op = panel("daixa")
    sid = save(op, form(item, times="6:00,17:00"))  # typed without the leading zero
    manifest = publish(op, db, settings, clock, sid)
    plays, _ = unit_plays(manifest, local(date(2028, 2, 27), 0), local(date(2028, 3, 3), 0))
    expected = [local(d, hh) for d in days(date(2028, 2, 27), date(2028, 3, 2)) for hh in (6, 17)]
    assert plays == expected
    assert local(date(2028, 2, 29), 6) in plays and local(date(2028, 2, 29), 17) in plays


def test_mondays_wednesdays_and_fridays(panel, db, settings, clock, item) -> None:
    op = panel("daixa")
    sid = save(op, form(item, times="06:30", weekdays=["0", "2", "4"]))
    manifest = publish(op, db, settings, clock, sid)
    first, last = date(2026, 12, 28), date(2027, 1, 10)
    plays, _ = unit_plays(manifest, local(first, 9), local(last + timedelta(days=1), 0))
    expected = [local(d, 6, 30) for d in days(first, last) if d.weekday() in (0, 2, 4)][1:]
    # 28/12 (Monday) 06:30 was before the operator published at 08:00; then Wed 30/12,
    # Fri 1/1, Mon 4/1, Wed 6/1, Fri 8/1.
    assert plays == expected
    assert [p.date().day for p in plays] == [30, 1, 4, 6, 8]


def test_a_one_off_broadcast_plays_once_and_a_past_one_is_refused(
    panel, db, settings, clock, item
) -> None:
    op = panel("daixa")
    sid = save(op, form(item, times="", once_at="2027-01-01T07:30"))
    manifest = publish(op, db, settings, clock, sid)
    plays, dropped = unit_plays(manifest, local(date(2026, 12, 28), 8), local(date(2027, 1, 8), 0))
    assert plays == [local(date(2027, 1, 1), 7, 30)] and dropped == []

    r = op.post("/schedules/new", form(item, times="", once_at="2026-12-28T07:59"))
    assert r.status_code == 422
    assert "Giờ phát một lần đã qua" in r.text


@pytest.mark.parametrize(
    ("end_date", "last_day"),
    [("2026-12-31", date(2026, 12, 31)), ("2027-01-01", date(2027, 1, 1))],
)
def test_the_end_date_is_the_last_day_it_plays(
    panel, db, settings, clock, item, end_date, last_day
) -> None:
    """ "đến ngày 31/12": both of 31 December's broadcasts play, nothing after."""
    op = panel("daixa")
    sid = save(op, form(item, start_date="2026-12-29", end_date=end_date))
    manifest = publish(op, db, settings, clock, sid)
    plays, _ = unit_plays(manifest, local(date(2026, 12, 28), 8), local(date(2027, 1, 6), 0))
    expected = [local(d, hh) for d in days(date(2026, 12, 29), last_day) for hh in (6, 17)]
    assert plays == expected
    assert plays[-1] == local(last_day, 17)


def test_a_campaign_that_started_in_the_past_plays_from_now_on(
    panel, db, settings, clock, item
) -> None:
    clock.now = datetime(2027, 1, 5, 12, 0, tzinfo=VN)
    op = panel("daixa")
    sid = save(op, form(item, start_date="2026-12-20", end_date="2027-01-08"))
    manifest = publish(op, db, settings, clock, sid)
    plays, _ = unit_plays(manifest, clock.now, local(date(2027, 1, 12), 0))
    expected = [local(date(2027, 1, 5), 17)] + [
        local(d, hh) for d in days(date(2027, 1, 6), date(2027, 1, 8)) for hh in (6, 17)
    ]
    assert plays == expected


def test_a_schedule_edited_after_it_was_published(panel, db, settings, clock, item) -> None:
    op = panel("daixa")
    sid = save(op, form(item, times="06:00"))
    first = publish(op, db, settings, clock, sid)
    clock.advance(hours=2)
    save(op, form(item, times="06:30, 18:00", weekdays=["5", "6"]), f"/schedules/{sid}/edit")
    db.expire_all()
    assert db.get(Schedule, sid).body["rules"][0]["times"] == ["06:30", "18:00"]
    second = publish(op, db, settings, clock, sid)
    assert second.sequence > first.sequence

    window = (local(date(2026, 12, 29), 0), local(date(2027, 1, 5), 0))
    old, _ = unit_plays(first, *window)
    new, _ = unit_plays(second, *window)
    assert old == [local(d, 6) for d in days(date(2026, 12, 29), date(2027, 1, 4))]
    # Saturday 2 and Sunday 3 January only.
    assert new == [
        local(d, hh, mm)
        for d in (date(2027, 1, 2), date(2027, 1, 3))
        for hh, mm in ((6, 30), (18, 0))
    ]


def test_quiet_hours_2200_to_0500(panel, db, settings, clock, item) -> None:
    """[22:00, 05:00): 05:00 plays, 21:59 plays (a few seconds long), 22:00, 23:30 and 04:59
    are held back and logged as skipped."""
    op = panel("daixa")
    sid = save(op, form(item, times="04:59, 05:00, 21:59, 22:00, 23:30"))
    manifest = publish(op, db, settings, clock, sid)
    assert manifest.items[0].duration_s < 60
    span = days(date(2026, 12, 29), date(2026, 12, 31))
    plays, dropped = unit_plays(manifest, local(span[0], 0), local(span[-1] + timedelta(days=1), 0))
    assert plays == [local(d, hh, mm) for d in span for hh, mm in ((5, 0), (21, 59))]
    assert dropped == [local(d, hh, mm) for d in span for hh, mm in ((4, 59), (22, 0), (23, 30))]


def test_quiet_hours_left_empty_let_the_night_play(panel, db, settings, clock, item) -> None:
    op = panel("daixa")
    sid = save(op, form(item, times="23:30", quiet_start="", quiet_end=""))
    manifest = publish(op, db, settings, clock, sid)
    plays, dropped = unit_plays(manifest, local(date(2026, 12, 30), 0), local(date(2027, 1, 2), 0))
    assert plays == [local(d, 23, 30) for d in days(date(2026, 12, 30), date(2027, 1, 1))]
    assert dropped == []


class _FormReader(HTMLParser):
    """The values a browser would post from a page's form (inputs, ticked boxes, selects)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name and name != "csrf_token":
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values.setdefault(self._select, []).append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def page_form(html: str) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(html)
    return reader.values


def test_the_edit_page_saved_unchanged_keeps_what_plays(panel, db, settings, clock, item) -> None:
    """Opened for editing after its one-off slot and campaign start have passed, and saved
    as shown: the schedule and what the unit plays stay the same."""
    op = panel("daixa")
    typed = form(
        item,
        times="06:00, 17:00",
        weekdays=["0", "2", "4"],
        start_date="2026-12-29",
        end_date="2027-01-08",
        once_at="2026-12-29T09:15",
        repeat="2",
        gap_s="30",
        quiet_start="21:00",
        quiet_end="05:30",
    )
    sid = save(op, typed)
    db.expire_all()
    body = db.get(Schedule, sid).body
    before = publish(op, db, settings, clock, sid)
    clock.now = datetime(2026, 12, 30, 10, 0, tzinfo=VN)
    shown = page_form(op.get(f"/schedules/{sid}/edit").text)
    assert shown["once_at"] == ["2026-12-29T09:15"] and shown["end_date"] == ["2027-01-08"]
    save(op, shown, f"/schedules/{sid}/edit")
    db.expire_all()
    assert db.get(Schedule, sid).body == body
    after = publish(op, db, settings, clock, sid)
    window = (clock.now, local(date(2027, 1, 12), 0))
    assert unit_plays(after, *window) == unit_plays(before, *window)
    length = timedelta(seconds=after.items[0].duration_s)
    plays, _ = unit_plays(after, *window)
    assert plays == [
        local(d, hh) + k * (length + timedelta(seconds=30))
        for d in days(date(2026, 12, 30), date(2027, 1, 8))
        if d.weekday() in (0, 2, 4)
        for hh in (6, 17)
        for k in range(2)
        if local(d, hh) >= clock.now
    ]


@pytest.mark.parametrize(("gap", "third_plays"), [(50, True), (60, False)])
def test_repeats_running_into_quiet_hours(
    panel, db, settings, clock, item, gap, third_plays
) -> None:
    """Three plays from 21:58, `gap` s apart: the one that would touch 22:00 is held back."""
    op = panel("daixa")
    sid = save(op, form(item, times="21:58", repeat="3", gap_s=str(gap)))
    manifest = publish(op, db, settings, clock, sid)
    length = timedelta(seconds=manifest.items[0].duration_s)
    assert length < timedelta(seconds=10)
    day = date(2026, 12, 31)
    starts = [local(day, 21, 58) + k * (length + timedelta(seconds=gap)) for k in range(3)]
    assert (starts[2] + length <= local(day, 22)) is third_plays  # worked out by hand
    plays, dropped = unit_plays(manifest, local(day, 12), local(day + timedelta(days=1), 0))
    assert plays == (starts if third_plays else starts[:2])
    assert dropped == ([] if third_plays else starts[2:])


def test_a_date_typed_dd_mm_yyyy_is_refused_in_vietnamese_and_nothing_is_saved(
    panel, db, clock, item
) -> None:
    """Without a date picker a user types 31/12/2026: refused, saying the format, not read
    as another day."""
    op = panel("daixa")
    r = op.post("/schedules/new", form(item, end_date="31/12/2026"))
    assert r.status_code == 422
    assert "YYYY-MM-DD" in r.text
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []


def test_the_last_day_of_february_2028_by_cron(panel, db, settings, clock, item) -> None:
    clock.now = datetime(2028, 2, 20, 9, 0, tzinfo=VN)
    op = panel("daixa")
    sid = save(op, form(item, times="", cron_day="last", cron_hour="7", cron_minute="0"))
    manifest = publish(op, db, settings, clock, sid)
    plays, _ = unit_plays(manifest, clock.now, clock.now + timedelta(days=13))
    assert plays == [local(date(2028, 2, 29), 7)]


def test_the_panel_on_utc_just_after_new_year_in_vietnam(panel, db, settings, clock, item) -> None:
    """The panel's clock is UTC: 23:30 UTC on 31 December is 06:30 on 1 January in Vietnam.
    A one-off 06:00 that day has passed, 07:00 has not; the daily 06:00 of 1 January is gone
    and its 17:00 plays."""
    utc = ZoneInfo("UTC")
    clock.now = datetime(2026, 12, 31, 23, 30, tzinfo=utc)
    op = panel("daixa")
    r = op.post("/schedules/new", form(item, once_at="2027-01-01T06:00"))
    assert r.status_code == 422 and "Giờ phát một lần đã qua" in r.text
    sid = save(op, form(item, once_at="2027-01-01T07:00"))
    manifest = publish(op, db, settings, clock, sid)
    plays, _ = unit_plays(manifest, clock.now, datetime(2027, 1, 2, 17, 0, tzinfo=utc))
    assert plays == [
        local(date(2027, 1, 1), 7),
        local(date(2027, 1, 1), 17),
        local(date(2027, 1, 2), 6),
        local(date(2027, 1, 2), 17),
    ]


def test_the_days_ticked_on_the_form_are_the_days_it_plays(panel, db, item) -> None:
    """T2 (thứ Hai) is Monday = 0 … CN (Chủ nhật) is Sunday = 6, as the unit counts them."""
    page = panel("daixa").get("/schedules/new").text
    boxes = re.findall(r'name="weekdays" value="(\d)"[^>]*>\s*([^<]+?)\s*</label>', page)
    assert boxes == [
        (str(n), label) for n, label in enumerate(("T2", "T3", "T4", "T5", "T6", "T7", "CN"))
    ]
    monday = date(2026, 12, 28)
    assert [(monday + timedelta(days=n)).weekday() for n in range(7)] == list(range(7))


def test_the_week_the_panel_shows_is_what_the_unit_plays(panel, db, settings, clock, item) -> None:
    """The panel's timeline (API) and the unit's plan of the published bundle: the same
    broadcasts and the same held back, repeats included, to the millisecond (the bundle
    carries durations in milliseconds, the panel's preview the render's own)."""
    op = panel("daixa")
    sid = save(op, form(item, times="06:00, 21:58", repeat="3", gap_s="55"))
    manifest = publish(op, db, settings, clock, sid)
    token = op.client.post(
        "/api/v1/token", json={"username": "daixa", "password": password_for("daixa")}
    ).json()["access_token"]
    r = op.client.get(
        f"/api/v1/schedules/{sid}/timeline",
        params={"days": 7},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200, r.text
    shown = [datetime.fromisoformat(e["start"]) for e in r.json()["entries"]]
    held = sorted(datetime.fromisoformat(v["at"]) for v in r.json()["violations"])
    plays, dropped = unit_plays(manifest, clock.now, clock.now + timedelta(days=7))
    assert len(shown) == len(plays) and len(held) == len(dropped)
    assert all(abs(a - b) < timedelta(milliseconds=1) for a, b in zip(shown, plays, strict=True))
    assert all(abs(a - b) < timedelta(milliseconds=1) for a, b in zip(held, dropped, strict=True))
    step = timedelta(seconds=manifest.items[0].duration_s + 55)
    assert 2 * step + timedelta(seconds=manifest.items[0].duration_s) < timedelta(minutes=2)
    assert plays == [
        start + k * step
        for d in days(date(2026, 12, 28), date(2027, 1, 4))
        for start in (local(d, 6), local(d, 21, 58))
        for k in range(3)
        if clock.now <= start < clock.now + timedelta(days=7)
    ]
