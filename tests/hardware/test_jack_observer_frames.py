"""The witness's frame bookkeeping without a server: a process callback that runs late reads the
next cycle's frame counter; cycles the server skipped stay skipped; a segment's length counts
the frames heard."""

from __future__ import annotations

from hardware.jack_observer import JackObserver, Segment

P = 256
RATE = 48000


def _observer(reads: list[int]) -> JackObserver:
    obs = JackObserver({})
    obs.period, obs.rate = P, RATE
    obs._raw = list(reads)
    obs._tc = [r / RATE for r in reads]  # each read's own cycle start, on its own clock
    return obs


def test_a_late_read_is_pinned_by_the_next_on_time_one():
    # cycle 2 ran late and read cycle 3's counter; cycle 3 read it again
    obs = _observer([0, P, 3 * P, 3 * P, 4 * P])
    assert obs._true_frames().tolist() == [0, P, 2 * P, 3 * P, 4 * P]


def test_a_read_two_cycles_late_is_pinned_too():
    obs = _observer([0, 3 * P, 3 * P, 3 * P, 4 * P])
    assert obs._true_frames().tolist() == [0, P, 2 * P, 3 * P, 4 * P]


def test_a_cycle_the_server_skipped_stays_skipped():
    obs = _observer([0, P, 3 * P, 4 * P])  # the graph did not run for frames 512..767
    assert obs._true_frames().tolist() == [0, P, 3 * P, 4 * P]


def test_a_segment_is_measured_on_corrected_frames_and_counts_only_frames_heard():
    # a tone from frame 100 of cycle 0 to frame 9 of the cycle at 6P; cycle 2 read late (as 3P),
    # and the server skipped the cycle at 4P
    reads = [0, P, 3 * P, 3 * P, 5 * P, 6 * P]
    obs = _observer(reads)
    live = Segment(
        frame=100,
        time=(100 + 0) / RATE,
        cycle_frame=0,
        length=6 * P + 9 - 100 + 1,
        first_cycle=0,
        first_offset=100,
        last_cycle=5,
        last_offset=9,
    )
    seg = obs._corrected(live, obs._true_frames())
    assert seg.frame == 100 and seg.cycle_frame == 0
    assert seg.skipped == P
    assert seg.length == 5 * P + 9 - 100 + 1  # six cycles' span less the one never run


def test_a_segment_starting_in_a_late_cycle_is_moved_back_to_its_frame_and_instant():
    reads = [0, 2 * P, 2 * P, 3 * P]  # cycle 1 read late
    obs = _observer(reads)
    live = Segment(frame=2 * P + 10, time=(2 * P + 10) / RATE, cycle_frame=2 * P, first_cycle=1)
    live.first_offset = 10
    seg = obs._corrected(live, obs._true_frames())
    assert seg.frame == P + 10 and seg.cycle_frame == P
    assert abs(seg.time - (P + 10) / RATE) < 1e-9
    assert seg.length == 0  # still open: nothing to measure yet
