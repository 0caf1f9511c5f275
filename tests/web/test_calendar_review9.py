"""Calendar review 9, the panel's side: the schedule form's date and time fields at their edges,
the days of the week as Vietnamese operators write them, the week view and the API's timeline
around Tết Đinh Mùi (06/02/2027) with the panel's days off.

Expected days come from dateutil.rrule and `calendar.monthrange` (Vietnam time, UTC+7, no
daylight saving), never from the code under test. Vietnamese counts the days thứ 2 (Monday) …
thứ 7 (Saturday), then Chủ nhật (CN); the form's boxes say T2 … T7, CN; a rule's numbers count
Monday = 0 … Sunday = 6 (docs/bundle-format.md). `now` is the panel's clock or an argument.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule
from sqlmodel import select
from starlette.datastructures import FormData

from content_library.errors import ValidationError
from content_library.models import Schedule
from scheduler.plan import ItemInfo, expand
from scheduler.rules import Schedule as Rules
from scheduler.tz import TZ
from web.routes.schedules import Target, compose, typed_weekdays

from .test_schedules import approved_version

NOW = datetime(2026, 12, 3, 14, 0, tzinfo=TZ)
TARGETS = [Target("unit:u1", "unit", "u1", 1, "u1")]
# The commune's plan from December 2026 to March 2028: two year ends, Tết Đinh Mùi, 29/02/2028.
FROM, UNTIL = datetime(2026, 12, 1, tzinfo=TZ), datetime(2028, 4, 1, tzinfo=TZ)


def form(**fields: str | list[str]) -> FormData:
    pairs: list[tuple[str, str]] = [
        ("name", "Lịch xã"),
        ("target", "unit:u1"),
        ("version_ids", "1"),
        ("mode", "times"),
        ("weekdays_shown", "1"),
        ("allowed_weekdays_shown", "1"),
        *(("allowed_weekdays", str(d)) for d in range(7)),
    ]
    if "weekdays" not in fields:  # every box ticked, as a new form comes
        pairs += [("weekdays", str(d)) for d in range(7)]
    for name, value in fields.items():
        pairs += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
    return FormData(pairs)


def composed(**fields: str | list[str]) -> Rules:
    body = compose(form(**fields), targets=TARGETS, allowed_ids={1}, now=NOW)["body"]
    return Rules.model_validate(body)


def refused(**fields: str | list[str]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        compose(form(**fields), targets=TARGETS, allowed_ids={1}, now=NOW)
    return info.value


def fired(rules: Rules, start: datetime = FROM, end: datetime = UNTIL) -> list[datetime]:
    items = {"v1": ItemInfo(id="v1", duration_s=30.0)}
    plan = expand(rules, items, start=start, end=end)
    return [e.start.astimezone(TZ).replace(tzinfo=None) for e in plan.entries]


def seven(**kw) -> list[datetime]:
    """07:00 wall times of an rrule over [FROM, UNTIL), naive Vietnam time."""
    return list(
        rrule(
            dtstart=datetime(2026, 12, 1, 7),
            until=datetime(2028, 3, 31, 7),
            byhour=7,
            byminute=0,
            bysecond=0,
            **kw,
        )
    )


# --- the days of the week, as people write them ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("T2-T6", (MO, TU, WE, TH, FR)),
        ("thứ 2-6", (MO, TU, WE, TH, FR)),
        ("Thứ 2, Thứ 4, Thứ 6", (MO, WE, FR)),
        ("T7, CN", (SA, SU)),
        ("chủ nhật", (SU,)),
        ("CN", (SU,)),
        ("thứ hai đến thứ sáu", (MO, TU, WE, TH, FR)),
    ],
)
def test_the_cron_day_of_week_field_takes_the_days_as_vietnamese_write_them(typed, days):
    """The form's boxes say T2 … CN, its cron "Thứ" field refused "T2-T6" and "CN": an operator
    then typed "2-6", which the rule reads as Wednesday to Sunday. The names now plan the days
    they say, from December 2026 to March 2028."""
    rules = composed(cron_day_of_week=typed, cron_hour="7", cron_minute="0")
    assert fired(rules) == seven(freq=WEEKLY, byweekday=days)


@pytest.mark.parametrize("typed", ["2-6", "1-5", "6", "0,6", "2 - 6", "T2,4", "*/2,3"])
def test_a_bare_weekday_number_is_refused_naming_the_names(typed):
    """ "2-6" is thứ 2 – thứ 6 to an operator, Tuesday to Saturday in Unix cron, and Wednesday to
    Sunday in the rule (Monday = 0): the form takes names only, and says which part is a
    number."""
    err = refused(cron_day_of_week=typed, cron_hour="7")
    assert err.field == "cron_day_of_week"
    assert "là số" in err.reason_vi and "T2 … T7, CN" in err.reason_vi


@pytest.mark.parametrize(
    ("stored", "shown", "days"),
    [
        ("0-4", "T2-T6", (MO, TU, WE, TH, FR)),
        ("5,6", "T7,CN", (SA, SU)),
        ("6", "CN", (SU,)),
    ],
)
def test_a_rules_numbers_are_shown_as_names_and_saved_again_unchanged(stored, shown, days):
    """A rule from the API keeps its documented numbers (Monday = 0); the form shows them as
    the names it takes, and saving that plans the same days (against rrule)."""
    assert typed_weekdays(stored) == shown
    assert fired(composed(cron_day_of_week=shown, cron_hour="7")) == seven(
        freq=WEEKLY, byweekday=days
    )
    assert typed_weekdays("mon-fri") == "mon-fri" and typed_weekdays("*/2") == "*/2"


def test_the_weekday_boxes_tick_sunday_as_6():
    """The form's box CN sends 6: a daily rule on Sundays only, against rrule."""
    rules = composed(times="07:00", weekdays=["6"])
    assert fired(rules) == seven(freq=WEEKLY, byweekday=SU)


# --- the month's last day, the last Friday, lunar days ---------------------------------------------


def test_cuoi_thang_is_the_months_last_day_through_february_2027_and_2028():
    rules = composed(cron_day="cuối tháng", cron_hour="7")
    want = []
    for year, month in [(2026, 12)] + [(y, m) for y in (2027, 2028) for m in range(1, 13)]:
        if date(year, month, 1) < date(2028, 4, 1):
            last = calendar.monthrange(year, month)[1]
            want.append(datetime(year, month, last, 7))
    assert fired(rules) == want
    assert datetime(2027, 2, 28, 7) in want and datetime(2028, 2, 29, 7) in want


def test_the_last_friday_of_the_month_as_written():
    rules = composed(cron_day="T6 cuối tháng", cron_hour="7")
    assert fired(rules) == seven(freq=MONTHLY, byweekday=FR(-1))


@pytest.mark.parametrize("typed", ["rằm", "mùng 1", "15 âm lịch"])
def test_a_lunar_day_is_refused_saying_to_give_one_off_times(typed):
    err = refused(cron_day=typed, cron_hour="7")
    assert err.field == "cron_day" and "âm lịch" in err.reason_vi
    # rằm tháng Giêng Đinh Mùi: mùng 1 Tết 06/02/2027 plus 14 days
    assert f"{date(2027, 2, 6) + timedelta(days=14):%d/%m/%Y}" in err.reason_vi


def test_the_months_last_working_day_is_refused_saying_what_there_is():
    err = refused(cron_day="ngày làm việc cuối tháng", cron_hour="7")
    assert err.field == "cron_day" and "cuối tháng" in err.reason_vi and "T6" in err.reason_vi


# --- dates and times at their edges ---------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2027-02-29T07:00", "2026-12-31T24:00", "2027-04-31T07:00"])
def test_a_one_off_time_not_in_the_calendar_says_so(typed):
    """It was "not a date and time", which sent the operator to the format, not the day."""
    err = refused(once_at=typed)
    assert err.field == "once_at" and "không có trong lịch" in err.reason_vi
    assert "29/02 chỉ có ở năm nhuận" in err.reason_vi


def test_the_leap_day_of_2028_and_new_years_midnight_are_one_off_times():
    rules = composed(once_at="2028-02-29T07:00")
    assert fired(rules) == [datetime(2028, 2, 29, 7)]
    rules = composed(once_at="2027-01-01T00:00", quiet_start="", quiet_end="")
    assert fired(rules) == [datetime(2027, 1, 1, 0, 0)]


def test_times_across_midnight_and_24_00():
    err = refused(times="24:00")
    assert "24:00" in err.reason_vi and "00:00 đến 23:59" in err.reason_vi
    assert "nửa đêm là 00:00" in err.reason_vi  # said what to write instead
    rules = composed(times="23:59, 00:00", quiet_start="", quiet_end="")
    start = datetime(2026, 12, 31, 23, tzinfo=TZ)
    assert fired(rules, start, start + timedelta(hours=2)) == [
        datetime(2026, 12, 31, 23, 59),
        datetime(2027, 1, 1, 0, 0),
    ]


# --- the week around Tết, through the panel -------------------------------------------------------


def test_a_weekend_rule_typed_t7_cn_around_tet_with_its_days_off(panel, db, clock):
    """On the panel's clock, Monday 01/02/2027 08:00: "T7, CN" at 07:00 with Tết (06–08/02/2027)
    off. The weekends of the next fourteen days are 06–07/02 (off) and 13–14/02, by rrule; the
    week view shows 06/02 and 07/02 as days off under their T7 and CN."""
    clock.now = datetime(2027, 2, 1, 8, tzinfo=TZ)
    vid = approved_version(panel, db, title="Bản tin cuối tuần", text="Kính thưa bà con.")
    op = panel("daixa")
    r = op.post(
        "/schedules/new",
        {
            "name": "Cuối tuần",
            "target": "unit:ngoc-chuc-01",
            "version_ids": [str(vid)],
            "mode": "times",
            "cron_day_of_week": "T7, CN",
            "cron_hour": "7",
            "cron_minute": "0",
            "days_off": "06/02/2027–08/02/2027",
            "quiet_start": "22:00",
            "quiet_end": "05:00",
            "allowed_weekdays": [str(d) for d in range(7)],
        },
    )
    assert r.status_code == 303, r.text[-1500:]
    db.expire_all()
    [schedule] = db.exec(select(Schedule)).all()
    timeline = op.client.get(f"/api/v1/schedules/{schedule.id}/timeline?days=14").json()
    starts = [datetime.fromisoformat(e["start"]).astimezone(TZ) for e in timeline["entries"]]
    weekends = rrule(WEEKLY, byweekday=(SA, SU), dtstart=datetime(2027, 2, 1, 7), count=4)
    tet = {date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8)}
    want = [datetime.combine(d.date(), time(7), tzinfo=TZ) for d in weekends if d.date() not in tet]
    assert (
        starts == want == [datetime(2027, 2, 13, 7, tzinfo=TZ), datetime(2027, 2, 14, 7, tzinfo=TZ)]
    )
    page = op.get(f"/schedules/{schedule.id}").text
    for day in sorted(tet):
        assert f'data-day-off="{day.isoformat()}"' in page
    assert "T7 06/02/2027" in page and "CN 07/02/2027" in page


# --- next month's calendar and the week around Tết, seen from December -----------------------------


def save_through_the_form(panel, db, title: str, **fields: str | list[str]):
    """On the panel's clock of Thursday 03/12/2026 14:00, a commune operator saves one schedule
    for ngoc-chuc-01 through the form, on T2 … T7 with Tết off (05–10/02/2027) and quiet hours
    22:00–05:00, plus `fields`: (the operator's client, the schedule's id)."""
    vid = approved_version(panel, db, title=title, text="Kính thưa bà con.")
    op = panel("daixa")
    r = op.post(
        "/schedules/new",
        {
            "name": title,
            "target": "unit:ngoc-chuc-01",
            "version_ids": [str(vid)],
            "mode": "times",
            "weekdays": [str(d) for d in range(6)],
            "weekdays_shown": "1",
            "days_off": "05/02/2027–10/02/2027",
            "quiet_start": "22:00",
            "quiet_end": "05:00",
            "allowed_weekdays": [str(d) for d in range(7)],
            **fields,
        },
    )
    assert r.status_code == 303, r.text[-1500:]
    db.expire_all()
    [schedule] = db.exec(select(Schedule)).all()
    return op, schedule.id


@pytest.fixture
def december_schedule(panel, db, clock):
    """Thursday 03/12/2026 14:00 on the panel's clock: a bulletin at 07:00 from T2 to T7 with
    Tết off (05–10/02/2027), saved through the form."""
    clock.now = NOW
    return save_through_the_form(panel, db, "Bản tin sáng", times="07:00")


def monday_to_saturday(first: date, last: date, *, off: tuple[date, date] | None = None):
    days = rrule(
        WEEKLY,
        byweekday=(MO, TU, WE, TH, FR, SA),
        dtstart=datetime.combine(first, time(7)),
        until=datetime.combine(last, time(7)),
    )
    return [
        datetime.combine(d.date(), time(7), tzinfo=TZ)
        for d in days
        if off is None or not off[0] <= d.date() <= off[1]
    ]


def test_the_timeline_api_gives_next_months_calendar_from_its_first_day(december_schedule):
    """From 03/12/2026 the timeline could only start now: January 2027 (31 days) or the week
    of Tết could not be asked for. `start` begins it at that day's Vietnamese midnight."""
    op, sid = december_schedule
    url = f"/api/v1/schedules/{sid}/timeline"
    january = op.client.get(url, params={"start": "2027-01-01", "days": "31"}).json()
    assert datetime.fromisoformat(january["start"]) == datetime(2027, 1, 1, tzinfo=TZ)
    starts = [datetime.fromisoformat(e["start"]) for e in january["entries"]]
    assert starts == monday_to_saturday(date(2027, 1, 1), date(2027, 1, 31))
    assert len(starts) == 31 - 5  # five Sundays: 3, 10, 17, 24, 31
    tet = op.client.get(url, params={"start": "2027-02-01", "days": "14"}).json()
    starts = [datetime.fromisoformat(e["start"]) for e in tet["entries"]]
    off = (date(2027, 2, 5), date(2027, 2, 10))
    assert starts == monday_to_saturday(date(2027, 2, 1), date(2027, 2, 14), off=off)
    # a day already past begins now; a day beyond two years, a day not in the calendar: 422
    past = op.client.get(url, params={"start": "2026-11-30"}).json()
    assert datetime.fromisoformat(past["start"]) == NOW
    assert op.client.get(url, params={"start": "2029-12-31"}).status_code == 422
    assert op.client.get(url, params={"start": "2027-02-29"}).status_code == 422


def test_the_week_view_from_a_day_shows_tet_as_days_off(december_schedule):
    op, sid = december_schedule
    page = op.get(f"/schedules/{sid}", params={"from": "2027-02-01"}).text
    shown = [
        date(int(y), int(m), int(d))
        for d, m, y in re.findall(r"<h3>\S+ (\d\d)/(\d\d)/(\d{4})</h3>", page)
    ]
    # seven days from Monday 01/02; 05, 06 and 07/02 are off (08–10 fall in the next week)
    assert shown == [date(2027, 2, 1) + timedelta(days=n) for n in range(7)]
    assert [d for d in shown if f'data-day-off="{d.isoformat()}"' in page] == [
        date(2027, 2, 5),
        date(2027, 2, 6),
        date(2027, 2, 7),
    ]
    assert page.count('class="tl-entry"') == 4  # 01–04/02 at 07:00
    assert 'name="from" value="2027-02-01"' in page
    bad = op.get(f"/schedules/{sid}", params={"from": "2027-02-29"})
    assert bad.status_code == 422 and "Ngày không hợp lệ" in bad.text


# --- reports: as-run entries near Vietnam's midnight ----------------------------------------------


def test_reports_count_by_vietnams_month_not_utcs(session, db_backend):
    """December 2026 and February 2028 (29 days) against the entries' Vietnamese dates: the
    first seven hours of a month (the day before in UTC) are that month's, its last second too;
    the first second of the next month (still the 31st or the 29th in UTC) is not. Counted by
    UTC months, December would hold 2 entries, not 3 (checked here; the code is right)."""
    from content_library.models import Unit
    from tests.web.asrun_rows import ChainWriter, add_area, topic, vn
    from web.services import reports

    prov = add_area(session, "Tỉnh Thử", "province", None)
    commune = add_area(session, "Xã Thử", "commune", prov)
    village = add_area(session, "Ấp Thử", "village", commune)
    topic(session, "ATGT", "An toàn giao thông")
    writer = ChainWriter("u9")
    session.add(
        Unit(id="u9", name="Đài", area_id=commune.id, kind="fixed", public_key=writer.public_line)
    )
    session.flush()
    stamps = {
        vn(2026, 11, 30, 23, 59, 59): "2026-11",
        vn(2026, 12, 1, 0, 0, 0): "2026-12",  # 30/11 17:00 UTC
        vn(2026, 12, 1, 6, 59, 59): "2026-12",  # 30/11 23:59:59 UTC
        vn(2026, 12, 31, 23, 59, 59): "2026-12",
        vn(2027, 1, 1, 0, 0, 0): "2027-01",  # 31/12 17:00 UTC
        vn(2028, 1, 31, 23, 59, 59): "2028-01",
        vn(2028, 2, 1, 0, 0, 0): "2028-02",
        vn(2028, 2, 1, 6, 0, 0): "2028-02",  # 31/01 23:00 UTC
        vn(2028, 2, 29, 23, 59, 59): "2028-02",
        vn(2028, 3, 1, 0, 0, 0): "2028-03",  # 29/02 17:00 UTC
    }
    for at_ in stamps:
        writer.add(session, "finished", at=at_, topic="ATGT", area_id=village.id, duration_s=60)
    session.flush()
    for month, now_ in [("2026-12", vn(2027, 1, 5)), ("2028-02", vn(2028, 3, 5))]:
        r = reports.build_report(
            session, area_id=prov.id, period="month", start=reports.parse_start(month), now=now_
        )
        want = sum(1 for m in stamps.values() if m == month)
        assert (r.totals.broadcasts, r.totals.minutes) == (want, float(want))
        assert r.complete and r.end - timedelta(days=1) == date.fromisoformat(
            f"{month}-{calendar.monthrange(int(month[:4]), int(month[5:]))[1]:02d}"
        )
    # the year 2026 ends at Vietnam's midnight: November 1, December 3, nothing of 2027
    year = reports.build_report(
        session, area_id=prov.id, period="year", start=date(2026, 1, 1), now=vn(2027, 1, 5)
    )
    assert [m.tally.broadcasts for m in year.by_month][-2:] == [1, 3]
    assert year.totals.broadcasts == 4
    # still running one second before Vietnam's New Year, complete at it
    running = reports.build_report(
        session,
        area_id=prov.id,
        period="month",
        start=date(2026, 12, 1),
        now=vn(2026, 12, 31, 23, 59, 59),
    )
    assert not running.complete
    done = reports.build_report(
        session, area_id=prov.id, period="month", start=date(2026, 12, 1), now=vn(2027, 1, 1)
    )
    assert done.complete


@pytest.mark.parametrize(
    ("first", "days"), [("2027-01-01", 31), ("2027-02-01", 28), ("2028-02-01", 29)]
)
def test_next_months_calendar_through_the_panel_against_rrule(panel, db, clock, first, days):
    """A commune's schedule typed into the form on 03/12/2026 — 06:00 and 17:00 from T2 to T7,
    the month's last day ("cuối tháng") at 07:30, a one-off on mùng 1 Tết (08:00 06/02/2027,
    a day off: it still plays), Tết Đinh Mùi off (05–10/02/2027) — and asked of the API month
    by month: January 2027, February 2027, February 2028 (29 days)."""
    clock.now = NOW
    op, sid = save_through_the_form(
        panel,
        db,
        "Lịch xã",
        times="06:00, 17:00",
        cron_day="cuối tháng",
        cron_hour="7",
        cron_minute="30",
        once_at="2027-02-06T08:00",
    )
    got = op.client.get(
        f"/api/v1/schedules/{sid}/timeline", params={"start": first, "days": str(days)}
    ).json()
    start = date.fromisoformat(first)
    last = date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    assert (last - start).days + 1 == days
    tet = (date(2027, 2, 5), date(2027, 2, 10))
    day0 = datetime.combine(start, time(0))
    daily = rrule(
        WEEKLY,
        byweekday=(MO, TU, WE, TH, FR, SA),
        byhour=(6, 17),
        byminute=0,
        bysecond=0,
        dtstart=day0,
        until=datetime.combine(last, time(23, 59)),
    )
    want = [d for d in daily if not tet[0] <= d.date() <= tet[1]]
    want.append(datetime.combine(last, time(7, 30)))  # the month's last day is never off here
    if start == date(2027, 2, 1):
        want.append(datetime(2027, 2, 6, 8))
    starts = [
        datetime.fromisoformat(e["start"]).astimezone(TZ).replace(tzinfo=None)
        for e in got["entries"]
    ]
    assert starts == sorted(want)
    assert got["conflicts"] == [] and got["violations"] == []
