// A stand-in for the @jupyterlab/console module, shared as "@jupyterlab/console" version
// 0.0.1 (see package.json), for pages that do not share the real one.
//
// ipywidgets 8's widget manager (@jupyter-widgets/jupyterlab-manager) imports
// @jupyterlab/console for one thing: the IConsoleTracker token, an optional dependency of
// its plugin. RISE's slideshow page (jupyterlab-rise 0.43) shares no @jupyterlab/console,
// so the manager fails to load there ("Shared module @jupyterlab/console doesn't exist in
// shared scope default") and every widget falls back to its text
// (jupyterlab-contrib/rise issue 119). With this module in the share scope the manager
// loads; no plugin provides the token on that page, so the manager gets no console
// tracker, which it handles.
//
// In JupyterLab, the real @jupyterlab/console (version 4.x) is in the share scope too and
// always wins: webpack resolves a shared singleton to its highest version (or the one
// already loaded), so this module is never loaded there.
import { Token } from '@lumino/coreutils';

export const IConsoleTracker = new Token(
  '@jupyterlab/console:IConsoleTracker',
  'A stand-in console tracker token (no consoles on this page).'
);
