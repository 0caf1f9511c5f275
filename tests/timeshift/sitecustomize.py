"""Moves the wall clock of every Python process of a test run; the monotonic clock stays real.

Only for tests: `tests/timeshift/run` puts this folder on PYTHONPATH and sets
LOA_TEST_WALL_OFFSET_S (seconds added to the real wall clock). Python imports
`sitecustomize` at start-up, so every process of the run — pytest, the panel and the unit it
starts, benchmark children — moves by the same offset, and the product's code has no hook
for it. time-machine patches time.time, datetime.now and CLOCK_REALTIME and lets them tick;
time.monotonic, time.sleep and threading waits keep the real clock.
"""

import os

_offset = os.environ.get("LOA_TEST_WALL_OFFSET_S")
if _offset:
    import time

    import time_machine

    # offset from the real clock, not a fixed instant: a child started later is as far ahead
    _traveller = time_machine.travel(time.time() + float(_offset), tick=True)
    _traveller.start()
    # time-machine starts ticking at the first request of the time, not at start(): read it
    # now, or a process that spends seconds importing before it asks would run that far behind
    # the others (a unit daemon was 3-9 s behind the test that scheduled it).
    time.time()
