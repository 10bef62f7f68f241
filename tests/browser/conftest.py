"""A JupyterLab server on loopback and a headless system Chromium driven by Playwright.

The server works on a temporary copy of notebooks/, so running cells in the browser (and
JupyterLab's autosave) never touches the committed notebooks.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typing import NamedTuple

import pytest

from .lab import IDLE, run_all, wait_for_kernel

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium_path():
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "Chromium is not installed (Debian/Ubuntu: apt-get install chromium)."
    if os.environ.get("CI"):
        pytest.fail(message + " CI must install it: see .ci/run.")
    pytest.skip(message + " The browser tests need it.")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer(NamedTuple):
    base: str
    token: str
    # JUPYTERLAB_SETTINGS_DIR of the server: JupyterLab reads it (through the settings
    # API) each time a page loads.
    settings: Path


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", workdir / "notebooks")
    # Render every cell (JupyterLab 4 otherwise only renders cells in view), so tests can
    # find widgets anywhere in the notebook.
    settings = workdir / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    # No "get notified about Jupyter news?" pop-up over the cells (and no network call).
    notifications = workdir / "settings" / "@jupyterlab" / "apputils-extension"
    notifications.mkdir(parents=True)
    (notifications / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(workdir / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"))
    port, token = _free_port(), secrets.token_hex(16)
    log = open(workdir / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={workdir / 'notebooks'}", "--LabApp.news_url=",
         "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT, cwd=workdir, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start:\n" + (workdir / "server.log").read_text())
            time.sleep(0.5)
    yield LabServer(base, token, workdir / "settings")
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = _chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def wait_until_idle():
    """Wait until the kernel of the notebook on screen has finished running."""
    def wait(page, timeout_s=60):
        page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
    return wait


@pytest.fixture
def lab_page(jupyterlab, browser):
    """Open a notebook in JupyterLab, run all its cells and wait until every cell has run.

    ``lab_page(name)`` returns the Playwright page; ``lab_page(name, run=False)`` only opens it.
    """
    base, token = jupyterlab.base, jupyterlab.token
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()

    def open_and_run(name, timeout_s=180, run=True):
        # `reset` starts from an empty workspace, so notebooks opened by earlier tests
        # are not restored next to this one.
        page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        wait_for_kernel(page)
        if run:
            run_all(page, timeout_s)
        return page

    yield open_and_run
    context.close()
