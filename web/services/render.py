"""The render service: submitted script versions become mastered audio in the background.

One worker thread with a queue (renders are CPU-bound and the machine is small). A version
is marked ``queued`` inside the request that submits it; the id reaches the queue only after
that request has committed (a background task of the response), so the worker never reads a
row that is not there yet. The worker writes progress to ``ScriptVersion.render_progress``
(throttled), stores the WAV in the AssetStore under its sha256 and sets the render fields;
a failure — of the synthesis or of storing the result — sets ``failed`` with a Vietnamese
message the script page shows, and keeps no file and no row. Each render works in its own
folder under the store's ``tmp/`` (``render-<pid>-…``); ``start`` removes what a crashed
process left there.

``recheck_fingerprints`` is the other half of issue 3: when anything that changes the audio
changes (lexicon, voice, template, jingle, mastering code), the approval of a version whose
fingerprint moved is dropped and the version is rendered again.

``AfterResponse`` is the panel's ``content_library.ports.RenderQueue``: the use cases
(``services.submit``, the lexicon edits) call it, and it hands the ids to the worker once
the request has committed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import BackgroundTasks, FastAPI
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from content_library import jobs, services, workflow
from content_library.assets import AssetStore, register_file
from content_library.errors import NotFound, ValidationError
from content_library.models import (
    Asset,
    Review,
    ScriptVersion,
    User,
    VersionState,
    require_id,
)
from content_library.publishing import Publisher
from tts.engines import default_voice
from tts.lexicon import DEFAULT_LEXICON
from tts.mix import ProgrammeTemplate
from tts.ports import TTSEngine, TTSError
from tts.render import RenderResult, render_fingerprint, render_recording, render_script
from tts.voices import VoiceRegistry

log = logging.getLogger(__name__)

PENDING = ("queued", "running")
# Versions whose audio matters: what reviewers listen to and what may be broadcast.
LIVE_STATES = (VersionState.SUBMITTED, VersionState.APPROVED)

# Leftovers in the store's tmp/ older than this are from a crash, whoever made them: no upload
# or render takes that long. Younger ones may belong to another worker process.
STALE_TMP_AGE_S = 6 * 3600
RENDER_DIR_PREFIX = "render-"

SETTINGS_CHANGED = (
    "render settings changed (voice, programme template or audio processing)",
    "cài đặt dựng âm thanh thay đổi (giọng đọc, mẫu chương trình hoặc phần xử lý âm thanh)",
)

RENDER_REPLACED = (
    "the approved audio was rendered again and changed; listen again",
    "âm thanh đã duyệt được dựng lại và đã khác; cần nghe và duyệt lại",
)


# --- configuration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderConfig:
    """What the audio is made with, besides the script: voices, template, cache."""

    engine: str = "espeak"
    # region → (engine, voice or None for the engine's default voice of that region)
    voices: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    engine_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    template: ProgrammeTemplate = field(default_factory=ProgrammeTemplate)
    cache_dir: Path | None = None

    def voice_for(self, region: str) -> tuple[str, str | None]:
        return self.voices.get(region, (self.engine, None))

    def with_voice_choices(self, registry: VoiceRegistry) -> RenderConfig:
        """The admin's voice per region (/admin/voices, tts.voices) over the configured ones;
        piper finds installed voices by name in the registry's folder."""
        piper = {**self.engine_options.get("piper", {}), "voices_dir": registry.root}
        return replace(
            self,
            voices={**self.voices, **registry.region_voices()},
            engine_options={**self.engine_options, "piper": piper},
        )

    @classmethod
    def from_settings(cls, settings: Any) -> RenderConfig:
        template_path = getattr(settings, "programme_template", None)
        template = ProgrammeTemplate.load(template_path) if template_path else ProgrammeTemplate()
        voices = (
            {r: settings.voice_for(r) for r in ("north", "central", "south")}
            if hasattr(settings, "voice_for")
            else {}
        )
        config = cls(
            engine=getattr(settings, "tts_engine", "espeak"),
            voices=voices,
            template=template,
            cache_dir=settings.render_cache_dir,
        )
        registry = voice_registry(settings)
        return config.with_voice_choices(registry) if registry is not None else config


def voice_registry(settings: Any) -> VoiceRegistry | None:
    """The installed voices and the choice per region: ``<data_dir>/voices`` (docs/voices.md)."""
    data_dir = getattr(settings, "data_dir", None)
    return VoiceRegistry.for_data_dir(data_dir) if data_dir else None


EngineFactory = Callable[[str, str | None, str], "str | TTSEngine"]
"""engine_factory(engine_name, voice, region) -> an engine (tests inject failing ones)."""


def merged_lexicon(session: Session) -> dict[str, str]:
    """The built-in lexicon with the admins' entries over it (what renders use)."""
    return {**DEFAULT_LEXICON, **services.lexicon(session)}


# --- fingerprints and invalidation -------------------------------------------------------------


def current_fingerprints(
    version: ScriptVersion,
    *,
    config: RenderConfig,
    lexicon: Mapping[str, str],
    store: AssetStore | None = None,
) -> set[str]:
    """Fingerprints a render of ``version`` made now could carry.

    Two for a text script read by an online engine: its own, and the offline voice's that
    the renderer falls back to (an approval of a fallback render stays valid while nothing
    else changed). An installed piper voice is local: while it loads, only its own counts
    (a region just given it is read again by it); once it is gone, espeak-ng's.
    """
    region = version.voice_region or "north"
    if version.kind == "recording":
        if store is None or not version.asset_sha256:
            return set()
        return {_recording_fingerprint(store.path_for(version.asset_sha256), config.template)}
    text = version.text or ""
    engine, voice = config.voice_for(region)
    out = set()
    # The engine cannot even be built here: renders will use the offline voice (below).
    with contextlib.suppress(TTSError):
        out.add(
            render_fingerprint(
                text,
                engine=engine,
                voice=voice,
                region=region,
                engine_options=config.engine_options.get(engine),
                template=config.template,
                lexicon=lexicon,
            )
        )
    if engine not in ("espeak", "espeak-ng", "piper") or out == set():
        out.add(
            render_fingerprint(
                text,
                engine="espeak",
                voice=default_voice("espeak", region),
                region=region,
                template=config.template,
                lexicon=lexicon,
            )
        )
    return out


def _recording_fingerprint(path: Path, template: ProgrammeTemplate) -> str:
    # tts.render has no public helper for a recording's fingerprint yet; this is exactly the
    # computation render_recording does (template, jingle hashes, source file, mastering code).
    from tts.render import _file_sha256, _fingerprint, asset_hashes

    return _fingerprint(
        sentences=(),
        lexicon_used={},
        engine="recording",
        voice="",
        engine_version="",
        template=template,
        assets=asset_hashes(template),
        source=_file_sha256(path) if path.is_file() else "missing",
    )


def mark_queued(session: Session, version: ScriptVersion) -> None:
    """The version will be (re)rendered: its old audio no longer stands for it."""
    version.render_status = "queued"
    version.render_progress = 0.0
    version.render_sha256 = None
    version.render_fingerprint = None
    version.render_message = None
    version.render_duration_s = None
    session.add(version)


def recheck_fingerprints(
    session: Session,
    *,
    config: RenderConfig,
    reason: tuple[str, str],
    now: datetime,
    store: AssetStore | None = None,
    actor: Any = None,
    kinds: Iterable[str] = ("text", "recording"),
    publisher: Publisher | None = None,
) -> list[int]:
    """Drop approvals whose audio no longer matches what would be rendered now.

    For every submitted or approved version: a render that is done is compared with the
    fingerprints a render made now would carry; when it differs — or cannot be compared (no
    fingerprint kept, no finished render) — an approval is revoked
    (back to awaiting review, with ``reason`` in the audit log, and off the air: ``publisher``
    re-issues the bundles that carried it) and the version is marked for rendering again.
    Versions never rendered, or whose render failed, are queued too. Returns the ids to
    enqueue once the caller has committed.
    """
    lexicon = merged_lexicon(session)
    why, why_vi = reason
    requeue: list[int] = []
    dropped: list[int] = []
    rows = session.exec(
        select(ScriptVersion)
        .where(col(ScriptVersion.state).in_(LIVE_STATES), col(ScriptVersion.kind).in_(tuple(kinds)))
        .order_by(col(ScriptVersion.id))
    ).all()
    for version in rows:
        if version.render_status in PENDING:
            continue  # it will be rendered with what is current when its turn comes
        if (
            version.render_status == "done"
            and version.render_fingerprint
            and version.render_fingerprint
            in current_fingerprints(version, config=config, lexicon=lexicon, store=store)
        ):
            continue
        if version.state == VersionState.APPROVED:
            # Whatever the reason it is rendered again (no fingerprint kept, a failed or lost
            # render), the new audio is not what was heard: the approval goes with the old one.
            dropped.append(require_id(version))
        mark_queued(session, version)
        requeue.append(require_id(version))
    # One new bundle per target for every approval dropped here.
    services.revoke_approvals(
        session,
        version_ids=dropped,
        why=why,
        why_vi=why_vi,
        now=now,
        actor=actor,
        publisher=publisher,
    )
    return requeue


def require_render(version: ScriptVersion) -> str:
    """The sha256 of the finished render, or a ValidationError a reader can understand
    (approving checks the same in ``content_library.workflow.check_heard``)."""
    if version.render_status in PENDING:
        raise ValidationError(
            "the audio is still being rendered; wait until it is ready, then listen",
            "Âm thanh đang được dựng; vui lòng chờ xong rồi nghe trước khi duyệt.",
            field="audio_sha256",
        )
    if version.render_status != "done" or not version.render_sha256:
        raise ValidationError(
            "the audio is not rendered yet",
            "Chưa có bản âm thanh để nghe; vui lòng chờ dựng âm thanh xong.",
            field="audio_sha256",
        )
    return version.render_sha256


# --- the service -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderOutcome:
    version_id: int
    status: str  # done | failed | skipped
    sha256: str | None = None
    message: str | None = None


RENDER = "render"  # a job per script version (key: its id)
STARTUP = "render-startup"  # the start-up recheck: one at a time across worker processes
STARTUP_KEY = "startup"


class RenderService:
    """Renders versions one at a time per process, from the job queue in the database
    (``content_library.jobs``), or (``inline``) in the caller's thread.

    Every worker process runs one render thread; a version is rendered by one of them at a
    time (its job row is its lock), and the render of a process that died is taken again by
    another once its lease has run out. The admin's voice choices are read from the voice
    registry (a file shared by the processes) before each render.
    """

    def __init__(
        self,
        *,
        session_factory: Callable[[], Session],
        store: AssetStore,
        config: RenderConfig | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        inline: bool = False,
        engine_factory: EngineFactory | None = None,
        progress_interval_s: float = 0.5,
        monotonic: Callable[[], float] = time.monotonic,
        mp3_dir: Path | None = None,
        publisher: Publisher | None = None,
        voices: VoiceRegistry | None = None,
        lease_s: float = jobs.DEFAULT_LEASE_S,
        poll_s: float = 1.0,
    ) -> None:
        self.session_factory = session_factory
        self.store = store
        self.config = config or RenderConfig()
        self.clock = clock
        self.inline = inline
        self.engine_factory = engine_factory
        self.progress_interval_s = progress_interval_s
        self.monotonic = monotonic
        self.mp3_dir = Path(mp3_dir) if mp3_dir else store.root.parent / "cache" / "mp3"
        # Re-issues the bundles of approvals a recheck drops (see recheck_fingerprints).
        self.publisher = publisher
        self.voices = voices
        self._voices_stamp = self._stamp()
        self._render_lock = threading.Lock()  # one render at a time in this process
        with session_factory() as session:
            engine = session.get_bind()
        assert isinstance(engine, Engine)
        self.engine: Engine = engine
        self.runner = jobs.JobRunner(engine, name="loa-render", lease_s=lease_s, poll_s=poll_s)
        self.runner.handle(RENDER, self._render_job, abandon=self._abandon)
        self.runner.handle(STARTUP, self._startup_job)

    @classmethod
    def from_settings(
        cls, settings: Any, *, engine: Engine, store: AssetStore, clock: Callable[[], datetime]
    ) -> RenderService:
        return cls(
            session_factory=lambda: Session(engine, expire_on_commit=False),
            store=store,
            config=RenderConfig.from_settings(settings),
            clock=clock,
            inline=getattr(settings, "render_inline", False),
            mp3_dir=Path(settings.data_dir) / "cache" / "mp3",
            publisher=Publisher.from_settings(settings, store=store),
            voices=voice_registry(settings),
            lease_s=float(getattr(settings, "job_lease_s", jobs.DEFAULT_LEASE_S)),
        )

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker; first it removes the temp files a crash left behind; then (once
        across the worker processes) the renders a crash interrupted are queued again and the
        fingerprints are checked against the current settings."""
        clean_temp(self.store.root / "tmp")
        if self.inline:
            self.startup()
            return
        if self.runner.running:
            return
        with self.session_factory() as session:
            jobs.enqueue(session, STARTUP, STARTUP_KEY, now=self.clock())
            session.commit()
        self.runner.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the render in progress, then stop (queued jobs stay queued in the database)."""
        self.runner.stop(timeout)

    def use_voice_choices(self, registry: VoiceRegistry) -> None:
        """Renders from now on read each region with the voice chosen in ``registry``."""
        self.config = self.config.with_voice_choices(registry)

    def _stamp(self) -> tuple[int, int] | None:
        if self.voices is None:
            return None
        try:
            st = (self.voices.root / "voices.json").stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def refresh_voices(self) -> None:
        """Take up voice choices another worker process saved since this one last looked."""
        stamp = self._stamp()
        if self.voices is not None and stamp != self._voices_stamp:
            self._voices_stamp = stamp
            self.use_voice_choices(self.voices)

    @property
    def running(self) -> bool:
        return self.runner.running

    def enqueue(self, version_id: int) -> None:
        """Render this version (it should already be marked queued in the database)."""
        if self.inline:
            self.render_now(version_id)
            return
        with self.session_factory() as session:
            jobs.enqueue(session, RENDER, str(version_id), now=self.clock())
            session.commit()
        self.runner.wake()

    def wake(self) -> None:
        """A job was committed: this process's render thread looks for it now."""
        self.runner.wake()

    def _queue_in(
        self, session: Session, background: BackgroundTasks | None, ids: Iterable[int]
    ) -> None:
        """Queue renders in the caller's unit of work; they start once it has committed."""
        ids = list(ids)
        if self.inline:
            if background is not None:
                for vid in ids:
                    background.add_task(self.enqueue, vid)
            return
        for vid in ids:
            jobs.enqueue(session, RENDER, str(vid), now=self.clock())
        if ids and background is not None:
            background.add_task(self.wake)

    def queue_after_response(
        self, background: BackgroundTasks, session: Session, versions: Iterable[ScriptVersion]
    ) -> None:
        """Mark versions queued now; their jobs are committed with the request."""
        ids = []
        for v in versions:
            if v.render_status not in PENDING or v.render_sha256:
                mark_queued(session, v)
            if v.id is not None:
                ids.append(v.id)
        self._queue_in(session, background, ids)

    def startup(self) -> list[int]:
        """Re-queue versions left queued/running with no job to render them (a crash, or an
        older panel that kept its queue in memory) and recheck fingerprints."""
        self.refresh_voices()
        now = self.clock()
        with self.session_factory() as session:
            held = set() if self.inline else jobs.live_keys(session, RENDER)
            leftover = [
                vid
                for vid in session.exec(
                    select(ScriptVersion.id)
                    .where(col(ScriptVersion.render_status).in_(PENDING))
                    .order_by(col(ScriptVersion.id))
                ).all()
                if vid is not None and str(vid) not in held
            ]
            for vid in leftover:
                session.execute(
                    update(ScriptVersion)
                    .where(col(ScriptVersion.id) == vid)
                    .values(render_status="queued")
                )
            ids = recheck_fingerprints(
                session,
                config=self.config,
                reason=SETTINGS_CHANGED,
                now=now,
                store=self.store,
                publisher=self.publisher,
            )
            todo = list(dict.fromkeys(leftover + ids))
            self._queue_in(session, None, todo)
            session.commit()
        if self.inline:
            for vid in todo:
                self.enqueue(vid)
        else:
            self.runner.wake()
        return todo

    def recheck(
        self,
        session: Session,
        background: BackgroundTasks | None,
        *,
        reason: tuple[str, str],
        now: datetime,
        actor: Any = None,
        kinds: Iterable[str] = ("text", "recording"),
    ) -> list[int]:
        """recheck_fingerprints in the caller's unit of work; renders follow its commit."""
        self.refresh_voices()
        ids = recheck_fingerprints(
            session,
            config=self.config,
            reason=reason,
            now=now,
            store=self.store,
            actor=actor,
            kinds=kinds,
            publisher=self.publisher,
        )
        self._queue_in(session, background, ids)
        return ids

    def _render_job(self, claim: jobs.Claim, ctx: jobs.JobContext) -> jobs.JobOutcome | None:
        outcome = self.render_now(int(claim.key))
        return jobs.JobOutcome(error=outcome.message if outcome.status == "failed" else None)

    def _startup_job(self, claim: jobs.Claim, ctx: jobs.JobContext) -> None:
        self.startup()

    def _abandon(self, claim: jobs.Claim) -> None:
        """The render was interrupted too often (it kills its worker): failed, with the reason."""
        with self.session_factory() as session:
            session.execute(
                update(ScriptVersion)
                .where(
                    col(ScriptVersion.id) == int(claim.key),
                    col(ScriptVersion.render_status).in_(PENDING),
                )
                .values(render_status="failed", render_message=jobs.ABANDONED[1])
            )
            session.commit()

    # --- one render ---------------------------------------------------------------------------

    def render_now(self, version_id: int) -> RenderOutcome:
        """Render one version synchronously and store the result (tests call this directly)."""
        with self._render_lock:
            return self._render(version_id)

    def _render(self, version_id: int) -> RenderOutcome:
        self.refresh_voices()
        with self.session_factory() as session:
            version = session.get(ScriptVersion, version_id)
            if version is None:
                return RenderOutcome(version_id, "skipped")
            version.render_status, version.render_progress = "running", 0.0
            session.add(version)
            session.commit()
            job = _Job(
                kind=version.kind,
                text=version.text or "",
                region=version.voice_region,
                asset_sha256=version.asset_sha256,
                lexicon=merged_lexicon(session),
                original_name=_original_name(session, version.asset_sha256),
            )
        progress = _ThrottledProgress(self, version_id)
        workdir = Path(
            tempfile.mkdtemp(
                prefix=f"{RENDER_DIR_PREFIX}{os.getpid()}-", dir=self.store.root / "tmp"
            )
        )
        try:
            try:
                result = self._synthesize(job, workdir, progress)
            except TTSError as exc:
                return self._fail(version_id, exc.reason_vi)
            except Exception as exc:
                log.exception("render of version %s failed", version_id)
                return self._fail(version_id, f"Lỗi khi dựng âm thanh: {_said(exc)}")
            try:
                return self._store(version_id, result, workdir / "render.wav")
            except Exception as exc:
                log.exception("storing the render of version %s failed", version_id)
                return self._fail(version_id, f"Không lưu được âm thanh đã dựng: {_said(exc)}")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _synthesize(self, job: _Job, workdir: Path, progress: _ThrottledProgress) -> RenderResult:
        out = workdir / "render.wav"
        template = self.config.template
        if job.kind == "recording":
            if not job.asset_sha256 or not self.store.exists(job.asset_sha256):
                raise TTSError(
                    "the recording file is missing", reason_vi="Thiếu tệp ghi âm trên máy chủ."
                )
            # Name the file as the author did, so messages say "ban-tin.wav", not a hash.
            link = workdir / job.original_name
            os.symlink(self.store.path_for(job.asset_sha256), link)
            return render_recording(link, template=template, progress=progress, out_path=out)
        engine, voice = self.config.voice_for(job.region)
        eng: str | TTSEngine = engine
        if self.engine_factory is not None:
            eng = self.engine_factory(engine, voice, job.region)
        return render_script(
            job.text,
            engine=eng,
            voice=voice,
            region=job.region,
            engine_options=self.config.engine_options.get(engine),
            fallback=True,
            template=template,
            lexicon=job.lexicon,
            cache_dir=self.config.cache_dir,
            progress=progress,
            out_path=out,
        )

    def _store(self, version_id: int, result: RenderResult, wav: Path) -> RenderOutcome:
        existed = self.store.exists(result.sha256)
        try:
            with self.session_factory() as session:
                version = session.get(ScriptVersion, version_id)
                if version is None or version.render_status != "running":
                    # Re-queued while rendering (the lexicon changed under it): that render
                    # is the one that counts; this result describes stale inputs.
                    return RenderOutcome(version_id, "skipped")
                asset = register_file(
                    session,
                    self.store,
                    wav,
                    media_type="audio/wav",
                    duration_s=result.duration_s,
                    sample_rate=result.sample_rate,
                )
                asset.original_name = asset.original_name or f"render-v{version_id}.wav"
                version.render_status = "done"
                version.render_progress = 1.0
                version.render_sha256 = result.sha256
                version.render_fingerprint = result.fingerprint
                version.render_duration_s = result.duration_s
                version.render_message = "\n".join(w.message_vi for w in result.warnings) or None
                session.add(version)
                if version.state == VersionState.APPROVED and not _approval_names(
                    session, version_id, result.sha256
                ):
                    # An approval that raced the re-queue (it read the old render as done):
                    # it names audio this render replaced, so it does not stand over this one.
                    services.revoke_approvals(
                        session,
                        version_ids=[version_id],
                        why=RENDER_REPLACED[0],
                        why_vi=RENDER_REPLACED[1],
                        now=self.clock(),
                        publisher=self.publisher,
                    )
                session.commit()
        except BaseException:
            if not existed:
                self.store.path_for(result.sha256).unlink(missing_ok=True)
            raise
        return RenderOutcome(
            version_id, "done", sha256=result.sha256, message=version.render_message
        )

    def _fail(self, version_id: int, message: str) -> RenderOutcome:
        with self.session_factory() as session:
            version = session.get(ScriptVersion, version_id)
            if version is None or version.render_status != "running":
                return RenderOutcome(version_id, "skipped")
            version.render_status = "failed"
            version.render_sha256 = None
            version.render_fingerprint = None
            version.render_duration_s = None
            version.render_message = message
            session.add(version)
            session.commit()
        return RenderOutcome(version_id, "failed", message=message)

    def write_progress(self, version_id: int, fraction: float) -> None:
        with self.session_factory() as session:
            session.execute(
                update(ScriptVersion)
                .where(
                    col(ScriptVersion.id) == version_id,
                    col(ScriptVersion.render_status) == "running",
                )
                .values(render_progress=round(min(max(fraction, 0.0), 1.0), 3))
            )
            session.commit()

    # --- MP3 for sharing ----------------------------------------------------------------------

    def mp3_for(self, sha256: str) -> Path:
        """The render as 128 kbit/s mono MP3 (cached by the render's sha256)."""
        dest = self.mp3_dir / f"{sha256}.mp3"
        if dest.exists():
            return dest
        src = self.store.path_for(sha256)
        if not src.exists():
            raise NotFound("the audio file is missing", "Thiếu tệp âm thanh trên máy chủ.")
        self.mp3_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.mp3_dir, suffix=".mp3.tmp")
        os.close(fd)
        try:
            done = subprocess.run(
                [
                    "ffmpeg",
                    "-nostdin",
                    "-v",
                    "error",
                    "-y",
                    "-i",
                    str(src),
                    "-map_metadata",
                    "-1",
                    "-ac",
                    "1",
                    "-c:a",
                    "libmp3lame",
                    "-b:a",
                    "128k",
                    "-f",
                    "mp3",
                    tmp,
                ],
                capture_output=True,
                timeout=300,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode("utf-8", "replace")[-500:])
            os.replace(tmp, dest)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return dest


def clean_temp(tmp: Path, *, now_s: float | None = None) -> list[Path]:
    """Remove what crashed processes left in the store's ``tmp/``: render folders of a process
    that no longer runs, and anything older than STALE_TMP_AGE_S (an upload cut off mid-way).
    Returns what was removed."""
    if not tmp.is_dir():
        return []
    now_s = _filesystem_now(tmp) if now_s is None else now_s
    removed = []
    for entry in tmp.iterdir():
        try:
            stale = now_s - _newest_mtime(entry) > STALE_TMP_AGE_S
        except OSError:
            continue  # removed meanwhile by its owner
        pid = _render_dir_pid(entry.name)
        if not (stale or (pid is not None and pid != os.getpid() and not _alive(pid))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    if removed:
        log.info("removed %d leftover temp files from %s", len(removed), tmp)
    return removed


def _filesystem_now(folder: Path) -> float:
    """The time the filesystem stamps now, read from a file made for the purpose: ages are
    mtime differences on one clock (the file server's, or the kernel's even when the process's
    wall clock was moved), never the file's stamp against this process's clock."""
    fd, probe = tempfile.mkstemp(prefix=".clock-", dir=folder)
    try:
        return os.fstat(fd).st_mtime
    finally:
        os.close(fd)
        os.unlink(probe)


def _render_dir_pid(name: str) -> int | None:
    if not name.startswith(RENDER_DIR_PREFIX):
        return None
    head = name[len(RENDER_DIR_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() and "-" in name[len(RENDER_DIR_PREFIX) :] else None


def _newest_mtime(path: Path) -> float:
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for child in path.rglob("*"):
            newest = max(newest, child.lstat().st_mtime)
    return newest


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


@dataclass(frozen=True)
class _Job:
    kind: str
    text: str
    region: str
    asset_sha256: str | None
    lexicon: dict[str, str]
    original_name: str


# The working link's name, in UTF-8 bytes: well under a file system's 255 (a Vietnamese
# letter is up to 3 bytes, so the 255 characters an upload's name may keep are not).
_NAME_MAX_BYTES = 120


def confirm_heard(session: Session, review: Review) -> None:
    """Read the version's render again, after the approval's writes: a render stored by
    another request since the approval read it (SQLite runs those reads before the write
    transaction) makes the approval name audio that is no longer the version's; it is then
    refused like any changed audio (``workflow.AudioNotHeard``), and the caller rolls back.
    The other order — a render stored after the approval — is ``_store``'s to catch."""
    status, sha = session.execute(
        select(ScriptVersion.render_status, ScriptVersion.render_sha256).where(
            col(ScriptVersion.id) == review.version_id
        )
    ).one()
    workflow.check_heard(render_status=status, render_sha256=sha, heard=review.audio_sha256 or "")


# An absolute path in an error's text: its folders are the server's, only its file name is said.
_PATH = re.compile(r"(?:/[^/\s'\"]+)+/([^/\s'\"]+)")


def _said(exc: BaseException) -> str:
    """An unexpected failure as the author reads it: its kind and text, each path in it cut
    to its file name (docs/security.md 28); the log keeps the whole."""
    return _PATH.sub(r"\1", f"{type(exc).__name__}: {exc}")


def _approval_names(session: Session, version_id: int, sha256: str) -> bool:
    """Whether the version's latest approval was given to the audio ``sha256``."""
    review = session.exec(
        select(Review)
        .where(Review.version_id == version_id, Review.decision == "approved")
        .order_by(col(Review.id).desc())
    ).first()
    return review is not None and review.audio_sha256 == sha256


def _original_name(session: Session, sha256: str | None) -> str:
    """The upload's name as the render's working link and its messages show it: NFC, without
    control, format (bidi overrides, zero-width) or separator characters, and short enough
    for the file system, its extension kept (docs/security.md 28)."""
    asset = session.get(Asset, sha256) if sha256 else None
    raw = unicodedata.normalize("NFC", (asset.original_name if asset else "") or "")
    kept = "".join(
        " " if unicodedata.category(ch) in ("Zs", "Zl", "Zp") or ch in "\t\n\r" else ch
        for ch in raw
        if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn") or ch in "\t\n\r"
    )
    name = Path(" ".join(kept.split())).name
    if len(name.encode()) > _NAME_MAX_BYTES:
        stem, dot, ext = name.rpartition(".")
        ext = f".{ext}" if dot and stem and len(ext.encode()) <= 10 else ""
        body = name[: len(name) - len(ext)] if ext else name
        while len((body + ext).encode()) > _NAME_MAX_BYTES:
            body = body[:-1]
        name = body.rstrip() + ext
    return name if name and name not in (".", "..", "render.wav") else "ban-ghi-am"


class _ThrottledProgress:
    """tts progress(done, total) → render_progress, at most every progress_interval_s."""

    def __init__(self, service: RenderService, version_id: int) -> None:
        self.service = service
        self.version_id = version_id
        self.last: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.service.monotonic()
        if (
            done < total
            and self.last is not None
            and now - self.last < self.service.progress_interval_s
        ):
            return
        self.last = now
        # Synthesis is most of the time; mastering after the last sentence is the rest.
        self.service.write_progress(self.version_id, 0.95 * done / total if total else 0.0)


# --- the panel's RenderQueue -------------------------------------------------------------------


def service_of(app: FastAPI) -> RenderService:
    return app.state.render_service


class AfterResponse:
    """``content_library.ports.RenderQueue`` for one request: versions are marked queued in
    the request's unit of work and reach the worker as background tasks of the response,
    which run after the commit."""

    def __init__(self, service: RenderService, background: BackgroundTasks) -> None:
        self.service = service
        self.background = background

    def queue(self, session: Session, version: ScriptVersion) -> None:
        self.service.queue_after_response(self.background, session, [version])

    def recheck(
        self,
        session: Session,
        *,
        reason: tuple[str, str],
        now: datetime,
        actor: User | None,
        kinds: Iterable[str],
    ) -> list[int]:
        return self.service.recheck(
            session, self.background, reason=reason, now=now, actor=actor, kinds=kinds
        )
