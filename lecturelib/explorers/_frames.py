"""Kernel-free explorers: an explorer's frames over a grid of its controls, and a page
fragment whose range inputs swap them, with no kernel and no network.

When a notebook is executed with the environment variable ``LECTURELIB_FRAMES`` naming a
folder (``make notebooks`` does), every explorer it creates also renders its figure, with
the same :class:`~lecturelib.explorers._shell.LiveFigure` as the live explorer, at every
point of a grid of its main control (two controls where the lesson needs both), and writes
``<folder>/<n>.json`` for the n-th explorer of the notebook: the frames (lossless WebP),
each frame's status line in every language lecturelib speaks, and the controls' values.
:func:`kernel_free_html` turns such a file into a fragment for a slide deck or a web page:
the same controls as range inputs, the status line and the figure, swapped by a few lines
of script as an input moves.

A grid is every combination of its controls' values, or, given as :class:`OneAtATime`,
each control's values with the others at rest: moving one input of such a version puts
the others back to rest, so the frames grow with the sum of the values, not their product.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import os
from pathlib import Path

import numpy as np

__all__ = []

#: The environment variable naming the folder an executed notebook writes its frames to.
FRAMES_VARIABLE = "LECTURELIB_FRAMES"
#: Most bytes one kernel-free explorer may take (COURSE.md's budget).
BUDGET_BYTES = 1_500_000
_created = itertools.count(1)


def _webp(pixels, quality=None) -> bytes:
    """WebP of an RGB array (or of encoded image bytes): lossless, or lossy at ``quality``."""
    from PIL import Image

    if isinstance(pixels, bytes):
        image = Image.open(io.BytesIO(pixels)).convert("RGB")
    else:
        image = Image.fromarray(pixels)
    buffer = io.BytesIO()
    if quality is None:
        image.save(buffer, format="webp", lossless=True, method=4)
    else:
        image.save(buffer, format="webp", quality=quality, method=4)
    return buffer.getvalue()


def grid_values(control, count):
    """At most ``count`` values across a slider's range, on its own stops (``min`` plus
    whole steps, and ``max``), or a dropdown's options; always with the control's value.

    A ``FloatLogSlider``'s ``min``, ``max`` and ``step`` are exponents of its ``base``:
    the values are evenly spaced in the exponent, as its track is.
    """
    options = getattr(control, "options", None)
    if options is not None and not hasattr(control, "min"):
        return [o[1] if isinstance(o, tuple) else o for o in options]
    low, high = float(control.min), float(control.max)
    step = getattr(control, "step", None)
    if step:
        stops = int(np.floor((high - low) / step + 1e-9)) + 1
        picked = np.unique(np.round(np.linspace(0, stops - 1, min(count, stops))))
        # The slider's max is reachable even when it is not a whole number of steps away.
        values = [round(low + int(k) * step, 10) for k in picked] + [high]
    else:
        values = list(np.linspace(low, high, count))
    base = getattr(control, "base", None)
    if base is not None:
        values = [float(base) ** v for v in values]
    values.append(float(control.value))
    if isinstance(control.value, int) and not isinstance(control.value, bool):
        values = [int(round(v)) for v in values]
    # Twelve significant digits: the same value reached by two sums is one frame.
    return sorted(set(float(f"{v:.12g}") if isinstance(v, float) else v for v in values))


class OneAtATime(dict):
    """A grid whose controls move one at a time: control name -> its values, the first
    of which is its rest (no effect, say 0). Frames: all at rest, then each control's
    other values with every other control at rest."""


def _points(values, one_at_a_time):
    """The grid's points (one value per control), in the order of the frames."""
    if not one_at_a_time:
        return list(itertools.product(*values))
    rest = [v[0] for v in values]
    points = [tuple(rest)]
    for k, control_values in enumerate(values):
        points += [tuple(rest[:k] + [value] + rest[k + 1:]) for value in control_values[1:]]
    return points


def _frame_index(bundle, indices):
    """The frame shown when the controls are at ``indices`` (positions in their values)."""
    controls = bundle["controls"]
    if bundle.get("one_at_a_time"):
        offset = 1
        for control, i in zip(controls, indices):
            if i > 0:
                return offset + i - 1
            offset += len(control["values"]) - 1
        return 0
    index = 0
    for control, i in zip(controls, indices):
        index = index * len(control["values"]) + i
    return index


def record(controls, state_of, live, grid):
    """Write the frames of one explorer, if the notebook is being executed for them.

    ``grid`` maps one or two control names to the values to render (the other controls
    keep their values): every combination of them, or, for a :class:`OneAtATime` grid
    (any number of controls), each control's values with the others at rest.
    """
    folder = os.environ.get(FRAMES_VARIABLE)
    if not folder:
        return None
    from .. import i18n

    names = list(grid)
    values = [list(grid[name]) for name in names]
    one_at_a_time = isinstance(grid, OneAtATime)
    fixed = {name: c.value for name, c in controls.items() if name not in grid}
    frames, messages = [], {language: [] for language in i18n.LANGUAGES}
    previous = i18n.get_language()
    try:
        labels = {name: _labels(controls[name], name, previous) for name in names}
        for point in _points(values, one_at_a_time):
            arguments = dict(fixed, **dict(zip(names, point)))
            for language in i18n.LANGUAGES:
                i18n.set_language(language)
                state = state_of(**arguments)
                messages[language].append(state["message"])
                if language == previous:
                    drawn = state  # the figure as the notebook's own language draws it
            pixels = live.pixels(drawn)
            frames.append(_webp(pixels))  # encoded at once: hundreds of raw frames are large
    finally:
        i18n.set_language(previous)
    webp = frames
    if sum(len(f) for f in webp) * 4 / 3 > BUDGET_BYTES:  # base64 inside the page
        webp = [_webp(lossless, quality=80) for lossless in frames]
    # The canvas's own size: Agg truncates size × dpi, so rounding it could be a pixel off.
    height, width = pixels.shape[:2]
    initial = [values[k].index(_nearest(values[k], controls[name].value))
               for k, name in enumerate(names)]
    if one_at_a_time:  # start as the live explorer does, as far as one control can
        moved = next((k for k, i in enumerate(initial) if i > 0), None)
        initial = [i if k == moved else 0 for k, i in enumerate(initial)]
    bundle = {
        "controls": [{"name": name, "label": labels[name][previous], "labels": labels[name],
                      "values": [_plain(v) for v in values[k]],
                      "readout": [_readout(controls[name], v) for v in values[k]],
                      "initial": initial[k]} for k, name in enumerate(names)],
        "width": int(width), "height": int(height),
        "frames": [base64.b64encode(f).decode("ascii") for f in webp],
        "messages": messages,
    }
    if one_at_a_time:
        bundle["one_at_a_time"] = True
    path = Path(folder) / f"{next(_created)}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return path


def _labels(control, name, language):
    """A control's label in every language of the course, from the one it shows now.

    The catalogs are keyed by the English label, so the other languages are known only
    when the explorer was made in English (as `make notebooks` records frames).
    """
    from .. import i18n

    label = str(getattr(control, "description", name))
    if language != "en":
        return {language: label}
    labels = {}
    for other in i18n.LANGUAGES:
        i18n.set_language(other)
        labels[other] = i18n.gettext(label)
    i18n.set_language(language)
    return labels


def _nearest(values, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return min(values, key=lambda v: abs(float(v) - float(value)))
    return value


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def _readout(control, value):
    """The value as the live control shows it."""
    label = next((o[0] for o in getattr(control, "options", ()) or ()
                  if isinstance(o, tuple) and o[1] == value), None)
    if label is not None:
        return str(label)
    fmt = getattr(control, "readout_format", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and fmt:
        try:
            return format(value, fmt)
        except (ValueError, TypeError):
            pass
    return str(value)


#: The script that brings every kernel-free explorer on a page to life (once per page).
SCRIPT = """
(function () {
  function start(root) {
    if (root.dataset.live) return;
    root.dataset.live = "1";
    var data = JSON.parse(root.querySelector("script.lecturelib-frames").textContent);
    var language = root.dataset.language || "en";
    var inputs = root.querySelectorAll("input[type=range]");
    var outputs = root.querySelectorAll("output");
    var image = root.querySelector("img");
    var status = root.querySelector(".lecturelib-status");
    function show() {
      var index = 0, offset = 1, found = false;
      for (var k = 0; k < inputs.length; k++) {
        var i = parseInt(inputs[k].value, 10);
        if (!data.one_at_a_time) index = index * data.controls[k].values.length + i;
        else if (i > 0 && !found) { index = offset + i - 1; found = true; }
        offset += data.controls[k].values.length - 1;
        outputs[k].textContent = data.controls[k].readout[i];
      }
      image.src = "data:image/webp;base64," + data.frames[index];
      status.textContent = (data.messages[language] || data.messages.en)[index];
    }
    function changed(event) {
      // One control at a time: the others go back to rest (their first value).
      if (data.one_at_a_time)
        for (var k = 0; k < inputs.length; k++) if (inputs[k] !== event.target) inputs[k].value = 0;
      show();
    }
    for (var k = 0; k < inputs.length; k++) inputs[k].addEventListener("input", changed);
    show();
  }
  function all() {
    document.querySelectorAll(".lecturelib-kernel-free").forEach(start);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
"""

STYLE = """
.lecturelib-kernel-free { font-size: 0.8em; }
.lecturelib-kernel-free label { display: inline-flex; align-items: center; gap: 0.5em;
  margin-right: 1.5em; }
.lecturelib-kernel-free input[type=range] { width: 18em; }
.lecturelib-kernel-free .lecturelib-status { margin: 0.3em 0; }
.lecturelib-kernel-free img { max-width: 100%; height: auto; background: white; }
.reveal .lecturelib-kernel-free { display: flex; flex-direction: column; flex: 1 1 0;
  min-height: 0; }
"""


def kernel_free_html(bundle, language="en", *, note=""):
    """The fragment of a kernel-free explorer: range inputs, status line and figure.

    The page must carry :data:`SCRIPT` once (and :data:`STYLE`); the frames ride in a JSON
    script element inside the fragment, so nothing is loaded from anywhere.
    """
    rows = []
    for control in bundle["controls"]:
        count = len(control["values"])
        label = control.get("labels", {}).get(language, control["label"])
        rows.append(
            f'<label>{html.escape(label)} '
            f'<input type="range" min="0" max="{count - 1}" step="1" '
            f'value="{control["initial"]}" aria-label="{html.escape(label)}">'
            f'<output>{html.escape(control["readout"][control["initial"]])}</output></label>')
    data = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    first = _frame_index(bundle, [control["initial"] for control in bundle["controls"]])
    message = (bundle["messages"].get(language) or bundle["messages"]["en"])[first]
    caption = f'<p class="lecturelib-note"><i>{html.escape(note)}</i></p>' if note else ""
    return (f'<div class="lecturelib-kernel-free" data-language="{language}">'
            f'<div class="lecturelib-controls">{"".join(rows)}</div>'
            f'<p class="lecturelib-status">{html.escape(message)}</p>'
            f'<div class="figure lecturelib-figure"><img alt="explorer figure" '
            f'width="{bundle["width"]}" height="{bundle["height"]}" '
            f'src="data:image/webp;base64,{bundle["frames"][first]}"></div>'
            f'{caption}<script type="application/json" class="lecturelib-frames">{data}</script>'
            "</div>")
