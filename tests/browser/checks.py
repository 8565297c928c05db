"""What the browser tests check on a page: axe-core rules, keyboard use and the page rules.

Each check returns a list of problems in plain English (empty when the page passes), so a
failing test prints everything wrong with a page at once.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported for types only, so a missing Playwright skips rather than errors
    from playwright.sync_api import Page

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@functools.cache
def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `npm ci` in {PROJECT_ROOT}")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_problems(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations, one line per rule and one per offending element."""
    # Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still applies
    # to the page itself while axe runs.
    page.evaluate(_axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    problems = []
    for violation in results["violations"]:
        problems.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            problems.append(f"    at {target}: {summary}")
    return problems


# Runs in the page. Lists what a keyboard user must be able to reach, and how each element looks
# unfocused, so a focused element can be compared against its own resting style.
_KEYBOARD_SETUP = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
    + '[tabindex], [contenteditable=""], [contenteditable="true"]';
  const describe = el => {
    const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 50);
    const id = el.id ? '#' + el.id : '';
    const cls = el.classList.length ? '.' + el.classList[0] : '';
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const reachable = el => {
    if (el.matches(':disabled, input[type=hidden]') || el.closest('[inert]')) return false;
    if (el.hasAttribute('tabindex') && el.tabIndex < 0) return false;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') return false;
    if (!el.checkVisibility({visibilityProperty: true})) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 || box.height > 0;
  };
  // The element's own outline and box-shadow, and those of its ::before/::after and labels:
  // GOV.UK checkboxes and radios draw their focus ring on the label's ::before.
  const look = el => {
    const parts = [];
    const nodes = [el, ...(el.labels || [])];
    for (const node of nodes) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(node, pseudo);
        const outlineShows = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
          && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent';
        parts.push((outlineShows ? `${s.outlineStyle} ${s.outlineColor}` : 'none')
          + ' | ' + s.boxShadow);
      }
    }
    return parts.join(' ; ');
  };
  const elements = [...document.querySelectorAll(selector)].filter(reachable);
  const resting = elements.map(look);
  const now = () => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
      return {where: 'page', index: -1, description: 'the page itself', skipLink: false};
    }
    const index = elements.indexOf(el);
    return {
      where: index >= 0 ? 'listed' : 'unlisted',
      index,
      description: describe(el),
      indicated: index >= 0 && look(el) !== resting[index],
      skipLink: el.matches('a.govuk-skip-link[href="#main-content"]')
        && el.textContent.trim() === 'Skip to main content',
    };
  };
  // Where focus is as each Tab goes down, i.e. where the previous Tab left it: recorded in the
  // page so the test can press Tab many times without asking after each press.
  const history = [];
  window.addEventListener('keydown', e => { if (e.key === 'Tab') history.push(now()); }, true);
  window.__synergyKeyboard = {history, now};
  return elements.map(el => ({
    description: describe(el),
    radioGroup: el.matches('input[type=radio]') ? el.name : null,
  }));
}"""

# After each press: the state recorded at the next press, and finally the state now.
_FOCUS_HISTORY = """() => {
  const k = window.__synergyKeyboard;
  return [...k.history.slice(1), k.now()];
}"""


# Pages may focus something on load (GOV.UK's error summary does); start from the very top.
_FROM_THE_TOP = """() => {
  const root = document.documentElement;
  root.setAttribute('tabindex', '-1');
  root.focus();
  root.blur();
  root.removeAttribute('tabindex');
  window.scrollTo(0, 0);
}"""


def keyboard_problems(page: Page) -> list[str]:
    """Press Tab from the top of the page until focus leaves it or comes round again."""
    page.evaluate(_FROM_THE_TOP)
    elements: list[dict[str, Any]] = page.evaluate(_KEYBOARD_SETUP)
    presses = len(elements) + 3
    for _ in range(presses):
        page.keyboard.press("Tab")
    history: list[dict[str, Any]] = page.evaluate(_FOCUS_HISTORY)
    problems: list[str] = []
    reached: list[int] = []
    for press, focus in enumerate(history, start=1):
        if press == 1 and not focus["skipLink"]:
            problems.append(f"the first Tab went to {focus['description']}, not the skip link")
        if focus["where"] == "page":
            break  # focus left the page after its last element
        if focus["where"] == "unlisted":
            problems.append(f"Tab moved focus to {focus['description']}, which is not visible")
            continue
        if focus["index"] in reached:
            if focus["index"] != reached[0]:
                problems.append(f"focus is trapped: Tab went back to {focus['description']}")
            break  # came round to the start again
        reached.append(focus["index"])
        if not focus["indicated"]:
            problems.append(f"no visible focus indicator on {focus['description']}")
    else:
        problems.append(f"focus never left the page after {presses} presses of Tab")
    problems += _unreached(elements, reached)
    return problems


def _unreached(elements: list[dict[str, Any]], reached: list[int]) -> list[str]:
    # Only one radio of a group is in the Tab order (arrow keys move within the group).
    groups_reached = {elements[i]["radioGroup"] for i in reached} - {None}
    return [
        f"Tab never reached {element['description']}"
        for index, element in enumerate(elements)
        if index not in reached and element["radioGroup"] not in groups_reached
    ]


class _Outline(HTMLParser):
    """The parts of a page the GOV.UK page rules look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.headings: list[str] = []
        self.ids: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id") is not None:
            self.ids.append(values["id"] or "")
        if tag == "html":
            self.lang = values.get("lang") or ""
        elif tag == "title" or tag == "h1":
            self._inside = tag
            if tag == "h1":
                self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "title":
            self.title += data
        elif self._inside == "h1":
            self.headings[-1] += data


def structure_problems(html: str) -> list[str]:
    """GOV.UK page rules: one h1, a <title> that starts with it, unique ids, a language."""
    outline = _Outline()
    outline.feed(html)
    outline.close()
    headings = [" ".join(h.split()) for h in outline.headings]
    problems = []
    if not outline.lang.strip():
        problems.append("<html> has no lang attribute")
    if len(headings) != 1:
        problems.append(f"expected exactly one h1, found {headings}")
    else:
        title = " ".join(outline.title.split())
        if not headings[0] or not title.removeprefix("Error: ").startswith(headings[0]):
            problems.append(f"<title> {title!r} does not start with the h1 {headings[0]!r}")
    repeated = sorted({i for i in outline.ids if outline.ids.count(i) > 1})
    if repeated:
        problems.append(f"ids used more than once: {repeated}")
    return problems
