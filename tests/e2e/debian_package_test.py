#!/usr/bin/env python3
"""End-to-end test of the Debian package (cmake/DebianPackage.cmake):
`cpack -G DEB` in the build directory under test, then the package
installed with `dpkg -i` into an empty root (its own dpkg database, nothing
else installed: the shared libraries it depends on are the host's, so
--force-depends), and checked there: `ctxscan --version` runs, `man -w`
finds the man page, the bash completion completes subcommands and options,
the zsh and fish completions parse, the docs are in place, and the control
file's dependencies (from dpkg-shlibdeps) name the libraries ctxscan links.
Run: debian_package_test.py PATH_TO_CTXSCAN BUILD_DIR. Exits 77 (skipped)
without cpack, dpkg-deb or help2man, or for a sanitizer build."""
import atexit
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CTXSCAN = None
BUILD = None
WORK = tempfile.mkdtemp(prefix="ctxscan-deb-test-")
# Removed however the test ends, a skip included.
atexit.register(shutil.rmtree, WORK, True)
ROOT = os.path.join(WORK, "root")
DEB = None


def make_and_install():
    global DEB
    out = os.path.join(WORK, "out")
    r = subprocess.run(["cpack", "-G", "DEB", "-B", out], cwd=BUILD, capture_output=True)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    debs = glob.glob(os.path.join(out, "ctxscan_*.deb"))
    assert len(debs) == 1, debs
    DEB = debs[0]
    for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        os.makedirs(os.path.join(ROOT, d))
    open(os.path.join(ROOT, "var/lib/dpkg/status"), "w").close()
    r = subprocess.run(["dpkg", "--root=" + ROOT, "--log=/dev/null", "--force-depends",
                        "--force-not-root", "-i", DEB], capture_output=True)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()


class PackageTest(unittest.TestCase):
    def test_version_runs_from_the_installed_binary(self):
        r = subprocess.run([os.path.join(ROOT, "usr/bin/ctxscan"), "--version"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^ctxscan \d+\.\d+\.\d+")

    def test_man_page(self):
        if shutil.which("man") is None:
            self.skipTest("no man")
        r = subprocess.run(["man", "-M", os.path.join(ROOT, "usr/share/man"), "-w", "ctxscan"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), os.path.join(ROOT, "usr/share/man/man1/ctxscan.1"))
        with open(r.stdout.strip()) as f:
            page = f.read()
        self.assertIn(".TH CTXSCAN", page)
        self.assertIn("image", page)

    def test_bash_completion_completes_subcommands_options_and_values(self):
        script = os.path.join(ROOT, "usr/share/bash-completion/completions/ctxscan")

        def complete(*words):
            cmd = ('source "%s"; COMP_WORDS=(%s); COMP_CWORD=%d; _ctxscan; echo "${COMPREPLY[*]}"'
                   % (script, " ".join("'%s'" % w for w in words), len(words) - 1))
            return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True).stdout.split()

        self.assertIn("image", complete("ctxscan", "im"))
        self.assertIn("--insecure-registry", complete("ctxscan", "image", "--ins"))
        self.assertIn("suggest", complete("ctxscan", "dockerignore", ""))
        self.assertEqual(complete("ctxscan", "scan", "--format", "sa"), ["sarif"])

    def test_zsh_and_fish_completions_parse(self):
        for shell, path in (("zsh", "usr/share/zsh/vendor-completions/_ctxscan"),
                            ("fish", "usr/share/fish/vendor_completions.d/ctxscan.fish")):
            full = os.path.join(ROOT, path)
            self.assertTrue(os.path.isfile(full), path)
            if shutil.which(shell) is None:
                continue
            r = subprocess.run([shell, "-n", full], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, shell + ": " + r.stderr)

    def test_docs_and_dependencies(self):
        for doc in ("README.md", "image.md", "ci.md"):
            self.assertTrue(os.path.isfile(os.path.join(ROOT, "usr/share/doc/ctxscan", doc)), doc)
        depends = subprocess.run(["dpkg-deb", "-f", DEB, "Depends"], capture_output=True,
                                 text=True).stdout
        for lib in ("libvectorscan5", "libre2-", "libgit2-", "libarchive13", "libcurl4", "libssl3"):
            self.assertIn(lib, depends)
        files = subprocess.run(["dpkg-deb", "-c", DEB], capture_output=True, text=True).stdout
        self.assertNotIn("/include/", files)  # the library's headers are not in it


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    BUILD = os.path.abspath(sys.argv.pop(1))
    missing = [t for t in ("cpack", "dpkg-deb", "dpkg", "help2man") if shutil.which(t) is None]
    if missing:
        print("skipped: needs " + ", ".join(missing))
        sys.exit(77)
    libs = subprocess.run(["ldd", CTXSCAN], capture_output=True, text=True).stdout
    if "libasan" in libs or "libtsan" in libs or "libubsan" in libs:
        print("skipped: a sanitizer build is not packaged")
        sys.exit(77)
    try:
        make_and_install()
        unittest.main()
    finally:
        shutil.rmtree(WORK, True)
