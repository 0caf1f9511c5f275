"""A worker process of the job-queue tests: claims ``test`` jobs from a shared database.

    python -m tests.scale.job_worker DB_URL OUT_FILE MODE LEASE_S

MODE ``work``: each job appends "<key> <pid>" to OUT_FILE; the process exits once no job of
the kind is queued or running. MODE ``hang``: the first job claimed is announced in OUT_FILE
("claimed <key>") and then never finished (the test kills the process).
"""

from __future__ import annotations

import os
import sys
import time

from sqlalchemy import func, select
from sqlmodel import col

from content_library import jobs
from content_library.db import make_engine
from content_library.job_models import Job, JobState

KIND = "test"


def main(db_url: str, out: str, mode: str, lease_s: float) -> int:
    engine = make_engine(db_url)
    runner = jobs.JobRunner(engine, name=f"test-{mode}", lease_s=lease_s)

    def work(claim: jobs.Claim, ctx: jobs.JobContext) -> jobs.JobOutcome:
        with open(out, "a", encoding="utf-8") as f:
            f.write(f"{claim.key} {os.getpid()}\n")
        time.sleep(0.02)  # long enough for other workers to try the same rows
        return jobs.JobOutcome(result=claim.key.encode(), result_name=claim.key)

    def hang(claim: jobs.Claim, ctx: jobs.JobContext) -> None:
        with open(out, "a", encoding="utf-8") as f:
            f.write(f"claimed {claim.key}\n")
        while True:
            time.sleep(1)

    runner.handle(KIND, work if mode == "work" else hang)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if runner.run_once():
            continue
        with engine.connect() as conn:
            left = conn.execute(
                select(func.count())
                .select_from(Job)
                .where(
                    col(Job.kind) == KIND,
                    col(Job.state).in_((JobState.QUEUED, JobState.RUNNING)),
                )
            ).scalar_one()
        if not left:
            return 0
        time.sleep(0.05)
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])))
