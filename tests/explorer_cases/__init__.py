"""Each explorer on the data its notebook gives it, for the tests and the benchmark.

A :class:`Case` holds what both need: ``state_of(value)`` for the explorer's main control,
the values a learner drags through (``values``), a ``live`` factory (the LiveFigure of the
fast path, built for a state) and ``fresh`` (the static twin drawn from scratch, as every
slider move drew it before explorers updated in place). ``tests/test_explorers_live.py``
checks that the two draw the same picture; ``benchmarks/bench_explorers.py`` times them.
One module per topic adds its explorers to :data:`CASES` (name -> a function that builds
the case, so data are made only when a case is used).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field


@dataclass
class Case:
    name: str                 # the explorer function's name
    notebook: str
    state_of: object          # value of the main control -> state
    values: list              # what a drag goes through
    live: object              # state -> LiveFigure
    fresh: object             # state -> matplotlib Figure (the static twin, new)
    extra_states: list = field(default_factory=list)  # more variants for the pixel test


CASES = {}
for _module in pkgutil.iter_modules(__path__):
    CASES.update(importlib.import_module(f"{__name__}.{_module.name}").CASES)
