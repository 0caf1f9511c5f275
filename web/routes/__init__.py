"""Routes of the panel, one module per URL area; ``ROUTERS`` is what ``create_app`` includes.

| module | serves |
|---|---|
| ``home`` | ``/``, ``/healthz`` |
| ``auth`` | ``/login``, ``/logout`` |
| ``scripts`` | ``/scripts…``, ``/versions/{id}/submit``, ``/versions/{id}/withdraw`` |
| ``review`` | ``/review…``, ``/versions/{id}/approve``, ``/versions/{id}/reject`` |
| ``audio`` | ``/assets/{sha256}``, ``/versions/{id}/render-status``, ``/versions/{id}/mp3`` |
| ``admin`` | ``/admin/users…``, ``/admin/areas``, ``/admin/report-targets…`` |
| ``lexicon`` | ``/admin/lexicon…`` |
| ``devices`` | ``/devices…`` |
| ``reports`` | ``/reports…`` |
| ``schedules`` | ``/schedules…``, ``/publications/…``, and their ``/api/v1`` routes |
| ``api`` | the rest of ``/api/v1`` (scripts, versions, review queue, users, areas) |
| ``emergency`` | ``/emergencies…`` and ``/api/v1/emergencies…`` (issue 15) |
| ``relay`` | ``/relay…`` and ``/api/v1/relay-channels`` (issue 16) |
| ``sync`` | ``/api/v1/units/…``: the unit ↔ panel protocol |

A route module imports no other route module (an import-linter contract): what two of them
share lives in ``web.deps`` (request dependencies) or ``web.services`` (everything else).
Every route also needs its rule in ``web/access_rules.py``.
"""

from __future__ import annotations

from fastapi import APIRouter

from web.routes import (
    admin,
    api,
    audio,
    auth,
    devices,
    emergency,
    home,
    lexicon,
    relay,
    reports,
    review,
    schedules,
    scripts,
    sync,
)

# The unit protocol first: units call far more often than people click, and a request is
# matched against the routers in this order (last, a unit request spent ~0.25 ms matching).
ROUTERS: tuple[APIRouter, ...] = (
    sync.router,
    auth.router,
    home.router,
    scripts.router,
    review.router,
    audio.router,
    admin.router,
    lexicon.router,
    devices.router,
    reports.router,
    schedules.router,
    schedules.api,
    api.router,
    emergency.router,
    emergency.api,
    relay.router,
    relay.api,
)
