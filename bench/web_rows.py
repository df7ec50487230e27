"""Rows measured through a server process and real headless Chromium: step round trip, memory, start-up.

The app (`main.py`) and the bare NiceGUI app (`bench/bare_app.py`) run one after the other, never together, as
subprocesses on a free port, each driven by the same number of browser pages in the same way. Several pages
share one browser, as tablets would not, but that keeps the machine from drowning in browser processes.
"""

import asyncio
import compileall
import math
import random
import shutil
import subprocess
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from bench import RowResult, Sizes, Timing, ratio_result
from customer_pad.config import PROJECT_DIR
from tests.support.server import free_port, run_server

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update']
PAGES_PER_BROWSER = 5
TABLET = {'width': 1024, 'height': 768}
BARE_APP = Path(__file__).resolve().parent / 'bare_app.py'
TIMEOUT_MS = 120_000
OPEN_ATTEMPTS = 3
OPEN_TIMEOUT_MS = 30_000
BACK_ATTEMPTS = 3
BACK_TIMEOUT_MS = 20_000
SETUP_AT_ONCE = 4
"""Pages logging in or loading at the same time (twenty at once swamp a small machine before anything is measured)."""
USERNAME, PASSWORD = 'andre', 'customerpad'

# Clicks a button and resolves, on the next animation frame, once an element shows the expected text: the time
# from the click to the change on screen, measured inside the page so the test driver adds nothing to it.
MEASURE_CLICK_JS = """
async ([buttonText, selector, expected]) => {
  const shown = (element) => element.getClientRects().length > 0;
  const buttons = [...document.querySelectorAll('button')]
    .filter((button) => shown(button) && button.textContent.trim() === buttonText);
  if (buttons.length !== 1) throw new Error(`${buttons.length} buttons "${buttonText}"`);
  const reached = () => [...document.querySelectorAll(selector)]
    .some((element) => shown(element) && element.textContent.trim() === expected);
  const started = performance.now();
  buttons[0].click();
  await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => { if (reached()) { observer.disconnect(); resolve(); } });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
    setTimeout(() => { observer.disconnect(); reject(new Error(`"${expected}" did not show`)); }, 30000);
  });
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - started;
}
"""

# The wizard's first step, settled: its fields shown, the second step's gone, one "Suivant »" button.
WIZARD_FIRST_STEP_JS = """
() => {
  const shown = (element) => element.getClientRects().length > 0;
  const labels = [...document.querySelectorAll('.q-field__label')].filter(shown).map((label) => label.textContent);
  const next = [...document.querySelectorAll('button')]
    .filter((button) => shown(button) && button.textContent.trim() === 'Suivant »');
  return labels.includes('Nom de famille*') && !labels.includes('Rue*') && next.length === 1;
}
"""

PAGE_STATE_JS = """
() => {
  const shown = (element) => element.getClientRects().length > 0;
  const texts = (selector) => [...document.querySelectorAll(selector)].filter(shown).map((e) => e.textContent.trim());
  return {url: location.href, labels: texts('.q-field__label'), buttons: texts('button')};
}
"""


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    seconds_to_ready: float


APP_PACKAGES = ('customer_pad', 'components', 'pages', 'models')


def compile_app() -> None:
    """Write the app's bytecode first, as `make run` and any installation do (the baseline's NiceGUI has its own).

    Where PYTHONDONTWRITEBYTECODE is set, as in many container images, Python would otherwise compile every module
    of the app again at every start: about 75 ms that no installed app pays.
    """
    for package in APP_PACKAGES:
        compileall.compile_dir(PROJECT_DIR / package, quiet=1)


@contextmanager
def serve(kind: str, folder: Path, database_url: str) -> Iterator[Server]:
    """The app (`kind='app'`, on `database_url`) or the bare app (`'bare'`) until the block ends."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    if kind == 'app':
        compile_app()
        script, ready = PROJECT_DIR / 'main.py', '/login'
        env = {'CUSTOMER_PAD_DATABASE_URL': database_url, 'CUSTOMER_PAD_DATA_DIR': str(folder / 'data'),
               'CUSTOMER_PAD_PORT': str(port), 'CUSTOMER_PAD_HOST': '127.0.0.1',
               'CUSTOMER_PAD_STORAGE_SECRET': uuid.uuid4().hex}
    else:
        script, ready = BARE_APP, '/'
        env = {'BENCH_PORT': str(port)}
    url = f'http://127.0.0.1:{port}'
    with run_server(script, folder, env, url + ready, folder / f'{kind}-server.log') as (process, seconds):
        yield Server(process=process, url=url, seconds_to_ready=seconds)


def rss_mb(pid: int) -> float | None:
    """Resident memory of process `pid` in MB (Linux; None elsewhere)."""
    try:
        for line in Path(f'/proc/{pid}/status').read_text().splitlines():
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# --- one kind of client per server ---------------------------------------------------------------------------


class WizardClient:
    """A tablet on **Nouveau client**: logged in, the last name typed, stepping from the first step to the second."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.failed_opens = 0

    @staticmethod
    async def log_in(page: Page) -> None:
        await page.goto('/login')
        await page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
        await page.get_by_label('Mot de passe*').fill(PASSWORD)
        await page.get_by_role('button', name='Se connecter').click()
        await page.get_by_role('button', name='Nouveau client').wait_for()

    async def open(self) -> None:
        for attempt in range(OPEN_ATTEMPTS):
            await self.page.goto('/customer/new')
            try:
                await self._first_step('the wizard did not open on its first step', OPEN_TIMEOUT_MS)
                break
            except RuntimeError:  # NiceGUI gives up on a page that takes over 3 s to build (an overloaded server)
                self.failed_opens += 1
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
        await self.page.get_by_label('Nom de famille*', exact=True).fill('Dufour')

    async def round_trip(self) -> float:
        """Click **Suivant »** and time until the second step shows; then go back (not timed)."""
        elapsed = await self.page.evaluate(MEASURE_CLICK_JS, ['Suivant »', '.q-field__label', 'Rue*'])
        for attempt in range(BACK_ATTEMPTS):  # a click on a button still sliding in may land beside it
            await self.page.get_by_role('button', name='« Précédent').locator('visible=true').click()
            try:
                await self._first_step('the wizard did not come back to its first step', BACK_TIMEOUT_MS)
                break
            except RuntimeError:
                if attempt == BACK_ATTEMPTS - 1:
                    raise
        return float(elapsed)

    async def _first_step(self, failure: str, timeout: float = TIMEOUT_MS) -> None:
        try:
            await self.page.wait_for_function(WIZARD_FIRST_STEP_JS, polling=50, timeout=timeout)
        except PlaywrightError as error:
            raise RuntimeError(f'{failure}: {await self.page.evaluate(PAGE_STATE_JS)}') from error


class BareClient:
    """A page of the bare app whose button updates a label."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.clicks = 0
        self.failed_opens = 0

    @staticmethod
    async def log_in(page: Page) -> None:
        return None

    async def open(self) -> None:
        await self.page.goto('/button')
        await self.page.get_by_text('clicked 0').wait_for()

    async def round_trip(self) -> float:
        self.clicks += 1
        return float(await self.page.evaluate(MEASURE_CLICK_JS, ['Go', '.bench-label', f'clicked {self.clicks}']))


@dataclass
class Measured:
    round_trips: list[float]
    mb_per_client: float | None
    reloads: int
    failed_opens: int


async def _measure(server: Server, client_type: type[WizardClient] | type[BareClient], clients: int,
                   sizes: Sizes) -> Measured:
    """Warm the server up with one client (unless tiny), then connect `clients` at once, read the memory, and
    let every client step `sizes.round_trips` times concurrently, each after a short pause as a person would."""
    async with async_playwright() as playwright:
        browsers: list[Browser] = [
            await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(max(1, math.ceil(clients / PAGES_PER_BROWSER)))]
        contexts = [await browsers[min(index // PAGES_PER_BROWSER, len(browsers) - 1)].new_context(
                        viewport=TABLET, base_url=server.url)
                    for index in range(clients + 1)]
        for context in contexts:
            context.set_default_timeout(TIMEOUT_MS)
        if sizes.browser_warm_up:
            warm_up = client_type(await contexts[-1].new_page())
            await client_type.log_in(warm_up.page)
            await warm_up.open()
            await warm_up.round_trip()
        await contexts[-1].close()
        await asyncio.sleep(sizes.settle_seconds)  # NiceGUI dropped the warm-up page's client
        # Measured before the log-ins: memory freed by their pages would otherwise be reused unseen.
        before = rss_mb(server.process.pid)

        async def logged_in(index: int) -> None:
            page = await contexts[index].new_page()
            await client_type.log_in(page)
            await page.close()

        await _gather(logged_in, clients, SETUP_AT_ONCE)
        connected: list[WizardClient | BareClient] = []

        async def open_client(index: int) -> None:
            client = client_type(await contexts[index].new_page())
            await client.open()
            connected.append(client)

        await _gather(open_client, clients, SETUP_AT_ONCE)
        await asyncio.sleep(sizes.settle_seconds)  # and the log-in and home pages' clients
        after = rss_mb(server.process.pid)
        samples: list[float] = []

        reloads = 0

        async def step(index: int) -> None:
            nonlocal reloads
            pause = random.Random(index)
            for _ in range(sizes.round_trips):
                await asyncio.sleep(0.1 + 0.3 * pause.random())
                try:
                    samples.append(await connected[index].round_trip())
                except (PlaywrightError, RuntimeError):  # the page reloaded: its connection was lost under load
                    reloads += 1
                    await connected[index].open()
                    samples.append(await connected[index].round_trip())

        await _gather(step, clients)
        for browser in browsers:
            await browser.close()
    per_client = (after - before) / clients if before is not None and after is not None else None
    failed_opens = sum(client.failed_opens for client in connected)
    return Measured(round_trips=samples, mb_per_client=per_client, reloads=reloads, failed_opens=failed_opens)


async def _gather(action: Callable[[int], Awaitable[None]], count: int, at_once: int | None = None) -> None:
    """`action(0)` to `action(count - 1)` concurrently, at most `at_once` of them running at a time."""
    limit = asyncio.Semaphore(at_once or count)

    async def limited(index: int) -> None:
        async with limit:
            await action(index)

    await asyncio.gather(*(limited(index) for index in range(count)))


def browser_rows(sizes: Sizes, database_url: str, folder: Path, clients: int | None = None,
                 start_times: dict[str, list[float]] | None = None) -> list[RowResult]:
    """The wizard step round trip and the memory per client, the app against the bare app.

    The milliseconds each server took to start are added to `start_times` (the start-up row counts them).
    """
    clients = clients or sizes.clients
    measured = {}
    for kind, client_type in (('app', WizardClient), ('bare', BareClient)):
        with serve(kind, folder / f'{kind}-browser', database_url) as server:
            if start_times is not None:
                start_times.setdefault(kind, []).append(server.seconds_to_ready * 1000)
            measured[kind] = asyncio.run(_measure(server, client_type, clients, sizes))
    ours, bare = measured['app'], measured['bare']
    step = ratio_result('wizard step round trip', Timing(tuple(ours.round_trips)), Timing(tuple(bare.round_trips)),
                        limit=1.5, basis='p95',
                        ours_label=f'**Suivant »** → next step shown, {clients} concurrent clients',
                        baseline_label=f'bare NiceGUI button → label updated, {clients} concurrent clients')
    for kind, side in (('ours', ours), ('baseline', bare)):
        if side.reloads:
            step.notes.append(f'{side.reloads} {kind} page(s) lost their connection and were reopened')
        if side.failed_opens:
            step.notes.append(f'{side.failed_opens} {kind} page load(s) not built within NiceGUI\'s 3 s response '
                              'timeout, loaded again')
    if ours.mb_per_client is None or bare.mb_per_client is None:
        memory = RowResult(name='memory per client', ours=None, baseline=None, ratio=None, target='report',
                           met=None, notes=['RSS is read from /proc: not available on this system'])
    else:
        memory = RowResult(name='memory per client', ours=Timing((ours.mb_per_client,)),
                           baseline=Timing((bare.mb_per_client,)), unit='MB',
                           ratio=ours.mb_per_client / bare.mb_per_client if bare.mb_per_client > 0 else None,
                           target='report', met=None,
                           ours_label=f'server RSS growth / tablet (log-in, session, wizard page), {clients} tablets',
                           baseline_label=f'server RSS growth / client, {clients} bare button pages')
    return [step, memory]


def start_up(sizes: Sizes, database_url: str, folder: Path,
             start_times: dict[str, list[float]] | None = None) -> RowResult:
    """Process start until the login page is served, against the bare app's hello page, alternated, until each
    side has `sizes.startups` samples (starts already in `start_times` count)."""
    samples: dict[str, list[float]] = {kind: list((start_times or {}).get(kind, [])) for kind in ('app', 'bare')}
    while min(len(samples['app']), len(samples['bare'])) < sizes.startups:
        for kind in ('app', 'bare'):
            with serve(kind, folder / f'{kind}-start', database_url) as server:
                samples[kind].append(server.seconds_to_ready * 1000)
    return ratio_result('start-up', Timing(tuple(samples['app'])), Timing(tuple(samples['bare'])), limit=1.5,
                        ours_label='`python main.py` → `/login` served (migrations checked, database opened, '
                        'bytecode compiled beforehand)',
                        baseline_label='bare NiceGUI hello page served')
