"""The page's stylesheet: one column at 360 px, a grid on wide screens, dark mode, print.

Kept apart from the markup so each stays readable. Colours are GitHub's Primer palette, whose
text/background pairs pass WCAG AA contrast in both schemes (checked by the axe audit in
tests/test_index_browser.py). The stylesheet sits in its own marked region of ``index.html``,
so a new version reaches pages whose surrounding text the learner has edited.
"""

CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --card: #f6f8fa;
  --line: #d1d9e0; --accent: #0969da; --warn: #9a6700; --focus: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117;
  --card: #151b23; --line: #3d444d; --accent: #4493f8; --warn: #d29922; --focus: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem; }
@media (min-width: 40rem) { header, main, footer { padding: 1rem 1.5rem; } }
h1 { margin: 1.5rem 0 0.25rem; font-size: clamp(1.5rem, 5vw, 2.25rem); line-height: 1.2; }
h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; }
a { color: var(--accent); }
a:focus { outline-style: solid; outline-width: 3px; outline-color: var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; z-index: 1; }
.owner { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin: 0.5rem 0 1rem; }
.owner img { width: 96px; height: 96px; border-radius: 50%; border: 1px solid var(--line); }
.owner p { margin: 0; }
.owner-name { font-size: 1.25rem; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(20rem, 100%), 1fr)); gap: 1rem; }
.project-card { background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem;
  padding: 1rem 1.25rem; display: flex; flex-direction: column; gap: 0.5rem; min-width: 0; }
.project-card h3 { margin: 0; font-size: 1.15rem; }
.project-card p { margin: 0; }
.thumb { order: -1; display: block; margin: -1rem -1.25rem 0.25rem; background: #ffffff;
  border-radius: 0.5rem 0.5rem 0 0; border-bottom: 1px solid var(--line); }
.thumb img { display: block; width: 100%; height: auto; max-height: 14rem; object-fit: contain; }
.kind { color: var(--muted); font-size: 0.9rem; }
.badge { display: inline-block; border: 1px solid var(--line); border-radius: 1rem; padding: 0 0.5rem;
  font-size: 0.8rem; margin-left: 0.25rem; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.75rem; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.versus { color: var(--muted); }
.skills, .links { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.35rem 0.9rem; }
.skills { gap: 0.35rem; }
.skills li { border: 1px solid var(--line); border-radius: 0.3rem; padding: 0 0.4rem; font-size: 0.85rem; }
.links { margin-top: auto; padding-top: 0.25rem; }
.links a { display: inline-block; padding: 0.35rem 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.warning { color: var(--warn); font-size: 0.85rem; }
.fixes { margin: 0; padding-left: 1.25rem; font-size: 0.9rem; }
.notice { color: var(--muted); }
footer { color: var(--muted); font-size: 0.85rem; }
@media print {
  :root { --fg: #000000; --muted: #333333; --bg: #ffffff; --card: #ffffff; --line: #999999; --accent: #000000; }
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  .cards { display: block; }
  .project-card { break-inside: avoid; margin: 0 0 0.75rem; }
  .thumb img { max-height: 9rem; }
  .links a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; }
  .skip { display: none; }
}
"""
