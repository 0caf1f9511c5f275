"""Issue 12, item 4: the login limiter reserves an attempt before the password is checked, and
password checks (argon2: 64 MiB each in production) run a few at a time.

Many guesses fired at once must not all slip in before the first failure is recorded: at most
the limit of them reach argon2, the rest hear 429 with Retry-After. When more checks are asked
for than the server runs at once, the excess waits briefly, then hears 503 with Retry-After.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from content_library import security

from .conftest import password_for

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class CountingHasher:
    """Wraps the real argon2 hasher: counts verifies and the most running at the same time.

    Each verify is slowed down so that requests fired together really overlap.
    """

    def __init__(self, real, *, delay_s: float) -> None:
        self.real = real
        self.delay_s = delay_s
        self.calls = 0
        self.running = 0
        self.peak = 0
        self._lock = threading.Lock()

    def verify(self, password_hash: str, password: str) -> bool:
        with self._lock:
            self.calls += 1
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            time.sleep(self.delay_s)  # widens the race; nothing here waits for time logic
            return self.real.verify(password_hash, password)
        finally:
            with self._lock:
                self.running -= 1

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def _fire(app, logins: list[tuple[str, str]]) -> list:
    """Every login posted at the same moment, each from its own browser (one IP: testclient)."""
    clients = [TestClient(app, base_url="http://testserver") for _ in logins]
    tokens = [_CSRF.search(c.get("/login").text).group(1) for c in clients]
    barrier = threading.Barrier(len(logins))
    results: list = [None] * len(logins)

    def go(i: int) -> None:
        username, password = logins[i]
        barrier.wait()
        results[i] = clients[i].post(
            "/login",
            data={"username": username, "password": password, "csrf_token": tokens[i], "next": "/"},
            follow_redirects=False,
        )

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(logins))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for c in clients:
        c.close()
    return results


def test_forty_parallel_guesses_get_at_most_the_limit_of_password_checks(
    app, panel, monkeypatch
) -> None:
    counting = CountingHasher(security._hasher, delay_s=0.2)
    monkeypatch.setattr(security, "_hasher", counting)
    limit = app.state.settings.login_max_failures

    results = _fire(app, [("doanvien", f"doan-sai-{i}") for i in range(40)])

    assert counting.calls <= limit, f"{counting.calls} password checks for a limit of {limit}"
    statuses = Counter(r.status_code for r in results)
    assert set(statuses) <= {401, 429, 503}, statuses
    assert statuses[401] <= limit
    for r in results:
        if r.status_code in (429, 503):
            assert int(r.headers["Retry-After"]) >= 1
    assert "Sai tên đăng nhập hoặc mật khẩu" in next(
        r.text for r in results if r.status_code == 401
    )
    # The username is locked now, even with the right password.
    assert panel().login("doanvien").status_code == 429


def test_a_right_password_releases_its_reservation(app, panel) -> None:
    p = panel()
    limit = app.state.settings.login_max_failures
    for _ in range(limit - 1):
        assert p.login("doanvien", "sai-mat-khau").status_code == 401
    assert p.login("doanvien").status_code == 303  # success clears this username's failures
    p.logout()
    for _ in range(limit - 1):
        assert p.login("doanvien", "sai-mat-khau").status_code == 401
    assert p.login("doanvien").status_code == 303


class TestPasswordChecksAreBounded:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"login_concurrent_checks": 2, "login_check_wait_s": 0.05}

    def test_checks_run_two_at_a_time_and_the_excess_hears_retry_after(
        self, app, monkeypatch
    ) -> None:
        counting = CountingHasher(security._hasher, delay_s=0.3)
        monkeypatch.setattr(security, "_hasher", counting)

        # Twelve different usernames: the limiter lets each of them try.
        results = _fire(app, [(f"khach-{i}", "sai-mat-khau") for i in range(12)])

        assert counting.peak <= 2, f"{counting.peak} argon2 checks ran at the same time"
        statuses = Counter(r.status_code for r in results)
        assert set(statuses) <= {401, 503}, statuses
        assert statuses[503] >= 1
        busy = next(r for r in results if r.status_code == 503)
        assert int(busy.headers["Retry-After"]) >= 1
        assert "Máy chủ đang bận" in busy.text
        assert 'value="khach-' in busy.text  # the typed username is kept

    def test_a_busy_answer_is_not_counted_as_a_failure(self, app, panel, monkeypatch) -> None:
        counting = CountingHasher(security._hasher, delay_s=0.3)
        monkeypatch.setattr(security, "_hasher", counting)
        results = _fire(app, [("doanvien", "sai-mat-khau") for _ in range(4)])
        failures = sum(r.status_code == 401 for r in results)
        assert failures < 4  # some were turned away busy, not wrong
        monkeypatch.setattr(security, "_hasher", counting.real)
        p = panel()
        for _ in range(app.state.settings.login_max_failures - failures - 1):
            assert p.login("doanvien", "sai-mat-khau").status_code == 401
        assert p.login("doanvien", password_for("doanvien")).status_code == 303


def test_the_token_endpoint_shares_the_reservation(app, panel) -> None:
    limit = app.state.settings.login_max_failures
    c = TestClient(app)
    for _ in range(limit):
        assert (
            c.post("/api/v1/token", json={"username": "congan", "password": "sai"}).status_code
            == 401
        )
    r = c.post("/api/v1/token", json={"username": "congan", "password": password_for("congan")})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


def test_forty_parallel_token_guesses_get_at_most_the_limit_of_password_checks(
    app, monkeypatch
) -> None:
    """The API reserves an attempt before the password check, like the login form."""
    counting = CountingHasher(security._hasher, delay_s=0.2)
    monkeypatch.setattr(security, "_hasher", counting)
    limit = app.state.settings.login_max_failures
    barrier = threading.Barrier(40)
    statuses: list[int] = []

    def guess(i: int) -> None:
        with TestClient(app) as c:
            barrier.wait()
            r = c.post("/api/v1/token", json={"username": "congan", "password": f"sai-{i}"})
            statuses.append(r.status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(statuses) == 40
    assert counting.calls <= limit, f"{counting.calls} password checks for a limit of {limit}"
    assert set(statuses) <= {401, 429, 503} and statuses.count(401) <= limit
