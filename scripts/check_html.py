"""Drives `qbank export html`'s page in headless Chromium with Playwright; see check-html.sh.

  check_html.py PAGE.html USER_DATA_DIR [LOOPS_DIR]

LOOPS_DIR holds `qbank loop show <id> --format json` of each loop: the page's loops must list
the same interviews drawing the same questions.
"""
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def fail(message):
    sys.exit(f"check-html: {message}")


def check_loops(page, loops_dir):
    """Every kit lists its questions; every loop lists its interviews, each with its kit, its
    focus and exactly the questions `qbank loop show` draws; every question a loop asks names
    that loop."""
    kits = page.eval_on_selector_all(
        "section.kits article", "as => as.map(a => [a.id, a.querySelectorAll('ol.questions a').length])")
    if not kits:
        fail("no kit listed")
    for kit_id, n in kits:
        if n == 0 and not page.query_selector(f"#{kit_id} p.empty"):
            fail(f"{kit_id} lists no question and no reason")
    shown = page.eval_on_selector_all("section.loops article.loop", """as => as.map(a => ({
        id: a.id.replace(/^loop-/, ''),
        interviews: [...a.querySelectorAll('ol.interviews > li')].map(li => ({
            title: li.querySelector('h4').textContent,
            kit: li.querySelector('p.meta a').getAttribute('href').replace(/^#kit-/, ''),
            focus: (li.querySelector('p.focus') || {textContent: ''}).textContent,
            questions: [...li.querySelectorAll('ol.questions a')].map(a => a.getAttribute('href').slice(3)),
        })),
    }))""")
    files = sorted(Path(loops_dir).glob("*.json")) if loops_dir else []
    if files and len(shown) != len(files):
        fail(f"the page lists {len(shown)} loops, the bank has {len(files)}")
    asked = 0
    for f in files:
        drawn = json.loads(f.read_text(encoding="utf-8"))
        loop = next((l for l in shown if l["id"] == f.stem), None)
        if loop is None:
            fail(f"loop {f.stem} is not on the page")
        if len(loop["interviews"]) != len(drawn["interviews"]):
            fail(f"loop {f.stem}: {len(loop['interviews'])} interviews on the page, {len(drawn['interviews'])} drawn")
        for n, (on_page, want) in enumerate(zip(loop["interviews"], drawn["interviews"]), 1):
            ids = [q["id"] for q in want["questions"]]
            if on_page["kit"] != want["kit"] or on_page["questions"] != ids:
                fail(f"loop {f.stem} interview {n}: the page shows kit {on_page['kit']} with "
                     f"{on_page['questions']}, qbank loop show draws kit {want['kit']} with {ids}")
            if want.get("focus") and want["focus"] not in on_page["focus"]:
                fail(f"loop {f.stem} interview {n}: the focus is not shown")
            for qid in ids:
                names = page.eval_on_selector(f"[id='q-{qid}']", "e => e.textContent")
                if f"In loops:" not in names or drawn["title"] not in names:
                    fail(f"question {qid} does not name loop {f.stem}")
                asked += 1
    return len(kits), len(shown), asked


def main(path, user_data, loops_dir=None):
    url = Path(path).resolve().as_uri()
    html = Path(path).read_text(encoding="utf-8")
    for needle in ("<link", "<img", "<iframe", "<object", "<embed", " src=", "url(", "@import", "href=\"http", "href=\"//"):
        if needle in html:
            fail(f"the page refers to something outside it: {needle!r}")
    if "default-src 'none'" not in html:
        fail("no Content-Security-Policy forbidding requests")
    requests, errors = [], []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            user_data, executable_path="/usr/bin/chromium", headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(url)
        page.wait_for_load_state("load")

        def visible():
            return page.eval_on_selector_all(
                "article.q", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id)")

        total = page.eval_on_selector_all("article.q", "els => els.length")
        if total == 0:
            fail("no question on the page")
        if len(visible()) != total:
            fail(f"{len(visible())} of {total} questions visible before any filter")
        if not page.is_visible("#filters"):
            fail("the filters are not shown")

        # Search as you type.
        page.fill("#search", "canary")
        shown = visible()
        if not 0 < len(shown) < total:
            fail(f"searching 'canary' shows {len(shown)} of {total}")
        for qid in shown:
            if "canary" not in page.eval_on_selector(f"#{qid}", "e => e.textContent").lower():
                fail(f"{qid} is shown for 'canary' but does not contain it")
        count = page.inner_text("#count")
        if count != f"{len(shown)} of {total} questions":
            fail(f"the count says {count!r}")
        page.fill("#search", "")

        # Each filter narrows, and only to questions that match it.
        for name, attr in [("topic", "data-topic"), ("levels", "data-levels"),
                           ("kind", "data-kind"), ("competencies", "data-competencies")]:
            if page.query_selector(f"select[name={name}]") is None:
                if name == "competencies":
                    continue
                fail(f"no {name} filter")
            values = page.eval_on_selector_all(
                f"select[name={name}] option", "os => os.map(o => o.value).filter(Boolean)")
            narrowed = False
            for value in values:
                page.select_option(f"select[name={name}]", value)
                shown = visible()
                for qid in shown:
                    got = page.get_attribute(f"#{qid}", attr).split()
                    if value not in got:
                        fail(f"{name}={value} shows {qid} ({attr}={got})")
                narrowed |= len(shown) < total
            if not narrowed:
                fail(f"no value of the {name} filter hides any question")
            page.select_option(f"select[name={name}]", "")
        # Filters combine; Clear shows everything again.
        page.select_option("select[name=levels]", "senior")
        page.fill("#search", "model")
        combined = visible()
        page.click("button[type=reset]")
        page.wait_for_timeout(50)
        if len(visible()) != total:
            fail("Clear does not show every question again")
        # A search that matches nothing says so.
        page.fill("#search", "zzzz-no-such-words")
        if visible() or not page.is_visible("#none"):
            fail("a search with no match does not say so")

        # Links to kits and questions resolve on the page.
        for href in page.eval_on_selector_all("a[href^='#']", "as => as.map(a => a.getAttribute('href'))"):
            if href != "#" and page.query_selector(f"[id='{href[1:]}']") is None:
                fail(f"the link {href} leads nowhere")
        kits, loops, asked = check_loops(page, loops_dir)
        ctx.close()

    outside = [u for u in requests if u != url]
    if outside:
        fail(f"requests left the page: {outside}")
    if errors:
        fail(f"script errors: {errors}")
    print(f"html: {total} questions; search, topic, level, kind and competency filters change the "
          f"visible questions ({len(combined)} senior questions mention 'model'); no request but the page itself; "
          f"{kits} kits and {loops} loops listed, the loops' {asked} questions as qbank loop show draws them")


if __name__ == "__main__":
    main(*sys.argv[1:])
