#!/usr/bin/env python3
"""End-to-end test of `--format html` in a real browser: Debian's headless
Chromium loads the report (a file URL) and dumps the DOM after the page's
script ran. Checked: one table row per finding location; the filter (preset
by the URL fragment, as a user's link would) hides exactly the rows that do
not match; a hostile file name is text, not markup (the page has one script,
its own); secrets are redacted; and no request leaves the page: Chromium
runs with every connection sent to a local proxy that records what reaches
it (Chromium's own service requests to Google hosts, which it makes whatever
the page, are set aside), and a control page with a remote image proves the
proxy sees a page's requests.
Run: html_report_test.py PATH_TO_CTXSCAN. Exits 77 (skipped) without
chromium."""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import unittest

CTXSCAN = None
CHROMIUM = None
WORK = tempfile.mkdtemp(prefix="ctxscan-html-test-")
SECRET = "q8Jx3vR0tL7mN2pB5wK9yZ4cF6hD1sG8aE3uV7iO"
TOKEN = "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"
HOSTILE = "<script>alert(1)<\\script>.ini"
SEEN = []  # what reached the proxy


def proxy():
    """A listener that records the first bytes of every connection."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)

    def serve():
        while True:
            try:
                c, _ = s.accept()
            except OSError:
                return
            c.settimeout(2)
            try:
                SEEN.append(c.recv(200))
            except OSError:
                SEEN.append(b"?")
            c.close()
    threading.Thread(target=serve, daemon=True).start()
    return s.getsockname()[1]


PROXY = None


def dump_dom(url):
    profile = tempfile.mkdtemp(dir=WORK)
    argv = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile,
            "--proxy-server=http://127.0.0.1:%d" % PROXY, "--proxy-bypass-list=<-loopback>",
            "--virtual-time-budget=3000", "--dump-dom", url]
    r = subprocess.run(argv, capture_output=True, timeout=120)
    if r.returncode != 0:
        raise AssertionError("chromium: " + r.stderr.decode(errors="replace")[-2000:])
    return r.stdout.decode()


# Hosts of Chromium's own background requests (network time, updates).
CHROMIUM_SERVICES = (b".google.com", b".googleapis.com", b".gvt1.com", b".gstatic.com")


def page_requests():
    """What reached the proxy, less Chromium's own service requests."""
    out = []
    for s in SEEN:
        host = re.search(rb"^[A-Z]+ (?:https?://)?([^/:\s]+)", s)
        name = host.group(1) if host else b"?"
        if not any(name.endswith(d) or name == d[1:] for d in CHROMIUM_SERVICES):
            out.append(s)
    return out


def rows(dom):
    """(hidden, text) of every row of the findings table."""
    body = dom.split('<table id="findings">')[1].split("</tbody>")[0].split("<tbody>")[1]
    return [("hidden" in tag, text) for tag, text in
            re.findall(r"(<tr[^>]*>)(.*?)</tr>", body, re.S)]


def report():
    tree = os.path.join(WORK, "tree")
    os.makedirs(os.path.join(tree, "config"))
    files = {"config/aws.ini": "[default]\naws_secret_access_key = %s\n" % SECRET,
             "config/gh.txt": "token: %s\n" % TOKEN,
             "config/" + HOSTILE: "aws_secret_access_key = %s\n" % SECRET}
    for path, text in files.items():
        with open(os.path.join(tree, path), "w") as f:
            f.write(text)
    out = os.path.join(WORK, "report.html")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(WORK, "cache"))
    r = subprocess.run([CTXSCAN, "scan", "--all-files", "--format", "html", "-o", out, tree],
                       capture_output=True, env=env)
    assert r.returncode == 1, r.stderr.decode()
    return out


class HtmlReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path = report()
        with open(cls.path) as f:
            cls.html = f.read()
        del SEEN[:]
        cls.dom = dump_dom("file://" + cls.path)
        cls.requests = page_requests()

    def test_one_row_per_location_all_shown(self):
        r = rows(self.dom)
        self.assertEqual(len(r), 3, r)  # aws.ini, gh.txt and the hostile name
        self.assertFalse(any(hidden for hidden, _ in r))
        self.assertIn("3 of 3 shown", self.dom)

    def test_filter_from_the_fragment_hides_what_does_not_match(self):
        dom = dump_dom("file://" + self.path + "#q=gh.txt")
        r = rows(dom)
        self.assertEqual([hidden for hidden, _ in r].count(False), 1)
        self.assertIn("gh.txt", [text for hidden, text in r if not hidden][0])
        self.assertIn("1 of 3 shown", dom)
        dom = dump_dom("file://" + self.path + "#severity=critical")
        shown = [text for hidden, text in rows(dom) if not hidden]
        self.assertTrue(shown)
        self.assertTrue(all("critical" in t for t in shown))

    def test_hostile_name_is_text_and_secrets_are_redacted(self):
        self.assertEqual(self.dom.count("<script"), 1)  # the page's own
        self.assertIn("&lt;script&gt;alert(1)", self.dom)
        for secret in (SECRET, TOKEN):
            self.assertNotIn(secret, self.html)
            self.assertNotIn(secret, self.dom)

    def test_no_request_leaves_the_page(self):
        self.assertEqual(self.requests, [])
        self.assertNotRegex(self.html, r"(src|href)=\"(https?:)?//")
        # The control: a page that loads a remote image reaches the proxy.
        control = os.path.join(WORK, "control.html")
        with open(control, "w") as f:
            f.write('<html><body><img src="http://ctxscan-test.invalid/x.png"></body></html>')
        del SEEN[:]
        dump_dom("file://" + control)
        self.assertTrue(any(b"ctxscan-test.invalid" in s for s in page_requests()), SEEN)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
    if CHROMIUM is None:
        print("skipped: needs chromium")
        sys.exit(77)
    PROXY = proxy()
    try:
        unittest.main()
    finally:
        shutil.rmtree(WORK, True)
