"""Every explorer's fast path draws its static twin: the figure updated in place for a new
state (LiveFigure.render) equals the figure built fresh for that state, pixel for pixel
within anti-aliasing, through a sequence of states that exercises what changes. And the
shell's redraws are coalesced: values that arrive while a frame is waiting are drawn once,
newest first."""

import pytest

from tests.explorer_cases import CASES
from tests.helpers import assert_updates_draw_the_fresh_figure


# ------------------------------------------------------------------------------ shell

def test_redraws_coalesce_to_the_newest_value():
    import asyncio

    from lecturelib.explorers._shell import _Coalescer

    drawn = []
    values = {"x": 0}
    coalescer = _Coalescer(lambda: drawn.append(values["x"]))

    async def drag():
        for x in range(1, 11):  # ten values arrive before the loop gets a turn
            values["x"] = x
            coalescer.request()
        await asyncio.sleep(0)
        values["x"] = 11
        coalescer.request()
        await asyncio.sleep(0)

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this one for the whole session, and asyncio.run refuses to start inside it.
    import threading

    thread = threading.Thread(target=asyncio.run, args=(drag(),))
    thread.start()
    thread.join()
    assert drawn == [10, 11]


def test_without_an_event_loop_a_redraw_is_immediate():
    from lecturelib.explorers._shell import _Coalescer

    drawn = []
    coalescer = _Coalescer(lambda: drawn.append(1))
    coalescer.request()
    coalescer.flush()
    assert drawn == [1]


# -------------------------------------------------------------------------- explorers

@pytest.mark.parametrize("name", list(CASES))
def test_explorer_updates_in_place_draw_its_static_twin(name):
    case = CASES[name]()
    values = case.values
    # Across the control and back, with the special states (e.g. nothing predicted positive).
    picks = [values[len(values) // 2], values[0], values[-1], *case.extra_states,
             values[len(values) // 3], values[len(values) // 2]]
    states = [p if isinstance(p, dict) else case.state_of(p) for p in picks]
    live = case.live(case.state_of(values[len(values) // 4]))
    assert_updates_draw_the_fresh_figure(live, case.fresh, states)
