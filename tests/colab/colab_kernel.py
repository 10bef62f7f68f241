"""Code that runs inside the notebook's kernel for ``make test-colab``.

``run_notebooks_as_colab.py`` loads this file into the kernel before a notebook's first
cell and calls :func:`install_stand_in`, and after its last cell calls :func:`drive` and
prints the JSON report. Importing the file has no side effects (pytest's doctest
collection imports it).

* :func:`install_stand_in` puts a stand-in ``google.colab`` into ``sys.modules``, so the
  setup cell takes its Colab branch, and replaces the ``%pip`` line magic with one that
  checks the install line and touches no network: lecturelib is already installed with
  ``--no-deps``, exactly as the real line would install it.
* :func:`drive` finds every live explorer (an ipywidgets ``Box`` with a ``controls`` dict),
  moves each control across its range, and checks that every change runs without an error
  and changes the figure or the status line.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import traceback
import types

REPORT_MARKER = "COLAB-HARNESS-REPORT "

_state = {"pip_lines": [], "pip_errors": [], "notes": [], "created_in": {}}


# ------------------------------------------------------------------ stand-in for Colab

def _install_google_colab():
    try:
        import google  # a namespace package some libraries install; keep it
    except ImportError:
        google = types.ModuleType("google")
        google.__path__ = []
        sys.modules["google"] = google
    colab = types.ModuleType("google.colab")
    colab.__path__ = []
    output = types.ModuleType("google.colab.output")
    output.enable_custom_widget_manager = lambda *args, **kwargs: None
    output.disable_custom_widget_manager = lambda *args, **kwargs: None
    colab.output = output
    google.colab = colab
    sys.modules["google.colab"] = colab
    sys.modules["google.colab.output"] = output


def check_pip_line(line):
    """Problems with a ``%pip`` line the setup cell runs (an empty list when it is right)."""
    import lecturelib
    from lecturelib.course import colab_install_command

    problems = []
    expected = colab_install_command()
    if "pip " + line.strip() != expected.removeprefix("%"):
        problems.append(f"setup cell runs `%pip {line.strip()}`, "
                        f"lecturelib.course.colab_install_command() is `{expected}`")
    if "--no-deps" not in line.split():
        problems.append(f"`%pip {line.strip()}` lacks --no-deps: it would replace Colab's "
                        "own torch, numpy and ipywidgets")
    match = re.search(r"\.git@([^\"'\s]+)", line)
    tag = f"v{lecturelib.__version__}"
    if match is None:
        problems.append(f"`%pip {line.strip()}` pins no git ref (expected @{tag})")
    elif match.group(1) != tag:
        from lecturelib import course

        if match.group(1) == getattr(course, "BRANCH", "main"):
            note = (f"TODO: the setup cell installs @{match.group(1)}, a branch, not the "
                    f"release tag {tag}; tag check skipped until lecturelib/course.py pins "
                    f"@v{{__version__}}")
            if note not in _state["notes"]:
                _state["notes"].append(note)
                print(note)
        else:
            problems.append(f"`%pip {line.strip()}` pins @{match.group(1)}, but the installed "
                            f"lecturelib is {lecturelib.__version__} (expected @{tag})")
    return problems


def _pip_magic(line):
    """Stand-in for ``%pip``: records and checks the line, installs nothing."""
    _state["pip_lines"].append(line)
    problems = check_pip_line(line)
    _state["pip_errors"] += problems
    if problems:
        raise AssertionError("; ".join(problems))


def _explorers():
    """Every live explorer: a widget Box with a ``controls`` dict of widgets."""
    import ipywidgets

    registry = getattr(getattr(ipywidgets.widgets, "widget", None), "_instances", None)
    if registry is None:  # ipywidgets 7
        registry = ipywidgets.Widget.widgets
    found = []
    for widget in list(registry.values()):
        controls = getattr(widget, "controls", None)
        if (isinstance(widget, ipywidgets.Box) and isinstance(controls, dict) and controls
                and all(isinstance(c, ipywidgets.Widget) for c in controls.values())):
            found.append(widget)
    return found


def _note_new_explorers(result=None):
    count = getattr(result, "execution_count", None)
    for box in _explorers():
        _state["created_in"].setdefault(id(box), count)


def _ipython():
    from IPython import get_ipython

    return get_ipython()


def install_stand_in(expected_prefix):
    """Run before the notebook's first cell, in its kernel."""
    if sys.prefix != expected_prefix:
        raise RuntimeError(f"kernel runs in {sys.prefix}, not in the Colab environment "
                           f"{expected_prefix}")
    import lecturelib

    if not lecturelib.__file__.startswith(sys.prefix):
        raise RuntimeError(f"lecturelib is imported from {lecturelib.__file__}, not from the "
                           "environment where `pip install --no-deps .` put it")
    _install_google_colab()
    ip = _ipython()
    try:
        from IPython.core.magic import no_var_expand

        magic = no_var_expand(_pip_magic)
    except ImportError:
        magic = _pip_magic
    ip.register_magic_function(magic, magic_kind="line", magic_name="pip")
    ip.events.register("post_run_cell", _note_new_explorers)


# ------------------------------------------------------------------- driving explorers

def _snap(control, value):
    step = getattr(control, "step", None)
    if step:
        value = control.min + round((value - control.min) / step) * step
    value = min(max(value, control.min), control.max)
    if isinstance(control.value, int) and not isinstance(control.value, bool):
        return int(round(value))
    return float(round(value, 12))


def _fractions():
    # Both ends, the middle and two more, in an order where each differs from the last.
    return (0.0, 1.0, 0.5, 0.2, 0.8)


def _values(control):
    """The values to set a control to, or None when this harness cannot drive it."""
    import ipywidgets as w

    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        return [not control.value, control.value]
    options = getattr(control, "_options_values", None)
    if options is not None and isinstance(control, w.widgets.widget_selection._Selection):
        if isinstance(control, (w.SelectionSlider,)):
            last = len(options) - 1
            picks = sorted(set(round(f * last) for f in _fractions()),
                           key=[round(f * last) for f in _fractions()].index)
            return [options[i] for i in picks]
        return list(options)  # Dropdown, RadioButtons, ToggleButtons, Select: every option
    if isinstance(control, w.FloatLogSlider):
        exponents = [control.min + f * (control.max - control.min) for f in _fractions()]
        step = control.step or 0
        if step:
            exponents = [control.min + round((e - control.min) / step) * step for e in exponents]
        return [float(control.base ** min(max(e, control.min), control.max)) for e in exponents]
    if isinstance(control, (w.IntRangeSlider, w.FloatRangeSlider)):
        points = [_snap(control, control.min + f * (control.max - control.min))
                  for f in (0.0, 0.2, 0.5, 0.8, 1.0)]
        return [(points[0], points[4]), (points[1], points[2]), (points[2], points[3]),
                (points[0], points[1]), (points[3], points[4])]
    if all(hasattr(control, a) for a in ("min", "max", "value")):
        return [_snap(control, control.min + f * (control.max - control.min))
                for f in _fractions()]
    return None


def _fingerprint(captured, status, image=None):
    if image is not None:  # an explorer that updates its figure in place (an Image widget)
        figure = hashlib.sha256(bytes(image.value)).hexdigest()[:16] if image.value else None
        return (figure, status.value if status is not None else None)
    figures = []
    for output in captured.outputs:
        data = output.data.get("image/png") if hasattr(output, "data") else None
        if data is not None:
            if isinstance(data, str):
                data = data.encode("ascii")
            figures.append(hashlib.sha256(data).hexdigest()[:16])
    text = status.value if status is not None else None
    return (figures[-1] if figures else None, text)


class _Change:
    """Set ``control.value`` synchronously, capturing displays and any swallowed error."""

    def __init__(self, box, control, value):
        self.box, self.control, self.value = box, control, value
        self.errors = []

    def run(self):
        from IPython.utils.capture import capture_output

        ip = _ipython()
        original = ip.showtraceback

        def record(exc_tuple=None, *args, **kwargs):
            etype, evalue, tb = exc_tuple if exc_tuple else sys.exc_info()
            self.errors.append("".join(traceback.format_exception(etype, evalue, tb)))

        wrapped_already = "showtraceback" in ip.__dict__
        ip.showtraceback = record
        try:
            with capture_output() as captured:
                try:
                    self.control.value = self.value
                    # A live explorer queues its redraw on the event loop; draw it now.
                    getattr(self.box, "flush", lambda: None)()
                except Exception:
                    self.errors.append(traceback.format_exc())
        finally:
            if wrapped_already:
                ip.showtraceback = original
            else:
                del ip.showtraceback
        self.stdout = captured.stdout + captured.stderr
        return _fingerprint(captured, getattr(self.box, "status", None),
                            getattr(self.box, "image", None))


def _short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _drive_explorer(number, box, report):
    name = f"explorer {number} [{', '.join(box.controls)}]"
    cell = _state["created_in"].get(id(box))
    entry = {"explorer": name, "execution_count": cell, "controls": 0, "changes": 0}
    report["explorers"].append(entry)

    def defect(control_name, value, message):
        report["defects"].append({"explorer": name, "execution_count": cell,
                                  "control": control_name, "value": _short(value),
                                  "message": message})

    plans = {}
    for control_name, control in box.controls.items():
        values = _values(control)
        if values is None:
            defect(control_name, None, f"cannot drive a {type(control).__name__}")
        elif getattr(control, "disabled", False):
            description = getattr(control, "description", "")
            defect(control_name, control.value,
                   f"{type(control).__name__} {description!r} is disabled: a learner cannot "
                   "move it (the explorer's status line does not say how to enable it)")
        else:
            plans[control_name] = values

    # The figure on show before the first change was drawn when the cell ran, outside any
    # capture. Move the first control away and back: the second drawing is that figure.
    previous = None
    for control_name, values in plans.items():
        control = box.controls[control_name]
        start = control.value
        away = next((v for v in values if v != start), None)
        if away is None:
            continue
        fingerprints = []
        for value in (away, start):
            change = _Change(box, control, value)
            fingerprints.append(change.run())
            report["changes"] += 1
            entry["changes"] += 1
            for error in change.errors:
                defect(control_name, value, "error while redrawing:\n" + error)
        if fingerprints[0] == fingerprints[1]:
            defect(control_name, away, "moving it left the figure and the status unchanged")
        previous = fingerprints[1]
        break

    for control_name, values in plans.items():
        control = box.controls[control_name]
        entry["controls"] += 1
        report["controls"] += 1
        for value in values:
            if control.disabled:
                defect(control_name, value, "became disabled while being driven")
                break
            if control.value == value:
                continue  # already there: nothing to redraw
            status = getattr(box, "status", None)
            status_before = status.value if status is not None else None
            change = _Change(box, control, value)
            fingerprint = change.run()
            report["changes"] += 1
            entry["changes"] += 1
            for error in change.errors:
                defect(control_name, value, "error while redrawing:\n" + error)
            if previous is None:  # the first drawing captured: only the status can compare
                if fingerprint[0] is None and fingerprint[1] == status_before:
                    defect(control_name, value, "no figure was drawn and the status is unchanged")
            elif fingerprint == previous:
                defect(control_name, value,
                       "the figure and the status are identical to before the change")
            previous = fingerprint


def drive():
    """Run after the notebook's last cell; print the report as one JSON line."""
    report = {"explorers": [], "controls": 0, "changes": 0, "defects": [],
              "pip_lines": list(_state["pip_lines"]), "pip_errors": list(_state["pip_errors"]),
              "notes": list(_state["notes"])}
    if not _state["pip_lines"]:
        report["defects"].append({"explorer": "-", "execution_count": None, "control": "-",
                                  "value": "-", "message": "the setup cell never ran %pip: it "
                                  "did not take its Colab branch"})
    for number, box in enumerate(_explorers(), start=1):
        try:
            _drive_explorer(number, box, report)
        except Exception:
            report["defects"].append({"explorer": f"explorer {number}", "execution_count": None,
                                      "control": "-", "value": "-",
                                      "message": "harness error:\n" + traceback.format_exc()})
    print(REPORT_MARKER + json.dumps(report))
