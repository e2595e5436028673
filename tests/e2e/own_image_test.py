#!/usr/bin/env python3
"""End-to-end test of ctxscan's own image (Containerfile), built with
buildah offline: the Containerfile's final stage, its build stage replaced
(--build-context build=DIR) by what scripts/image-rootfs.sh lays out from
the ctxscan under test (the build stage needs a Debian base image from a
registry, which this machine cannot reach). Checked:
  - the image is FROM scratch: only the binary, its libraries, CA
    certificates, passwd and group, a home and /tmp; no shell;
  - user 65532, the entrypoint, the OCI labels;
  - `ctxscan --version` and a scan of a mounted directory run inside it
    (buildah run, chroot isolation);
  - `ctxscan scan` of our own build context (.dockerignore, Containerfile)
    and `ctxscan image` of the image built are clean;
  - the docker_image pre-commit hooks (.pre-commit-hooks.yaml) under
    Debian's pre-commit, with the image tagged ctxscan:latest: pre-commit
    calls `docker run`, which tests/e2e/docker_shim.py does with buildah
    (no Docker engine here); a staged AWS key blocks the commit, a clean
    commit passes, and the Docker-context hook blocks a .env the build
    context sends. Skipped without pre-commit and git, or when SOURCE_DIR is
    not a git checkout (the hooks are read from its HEAD commit).
Run: own_image_test.py PATH_TO_CTXSCAN SOURCE_DIR. Exits 77 (skipped)
without buildah, or for a sanitizer build (its runtime does not belong in
the image)."""
import atexit
import json
import os

import precommit_test
import shutil
import subprocess
import sys
import tempfile
import unittest

CTXSCAN = None
SOURCE = None
WORK = tempfile.mkdtemp(prefix="ctxscan-own-image-test-")
# Removed however the test ends, a skip included.
atexit.register(shutil.rmtree, WORK, True)
STORAGE = ["--storage-driver", "vfs", "--root", os.path.join(WORK, "storage"),
           "--runroot", os.path.join(WORK, "run")]
IMAGE = "localhost/ctxscan:test"
SECRET = "q8Jx3vR0tL7mN2pB5wK9yZ4cF6hD1sG8aE3uV7iO"


def buildah(*args, check=True):
    r = subprocess.run(["buildah", *STORAGE, *args], capture_output=True)
    if check and r.returncode != 0:
        raise AssertionError("buildah %s: %s" % (" ".join(args), r.stderr.decode()))
    return r


def build_image():
    parent = os.path.join(WORK, "rootfs-parent")
    subprocess.run([os.path.join(SOURCE, "scripts", "image-rootfs.sh"), CTXSCAN,
                    os.path.join(parent, "image")], check=True)
    # The build stage, replaced by a directory holding what it would make.
    buildah("bud", "--isolation", "chroot", "-f", os.path.join(SOURCE, "Containerfile"),
            "--build-context", "build=" + parent, "-t", IMAGE, SOURCE)


def run_in_image(*argv, volume=None):
    c = buildah("from", IMAGE).stdout.decode().strip()
    try:
        extra = ["-v", volume] if volume else []
        return buildah("run", "--isolation", "chroot", *extra, c, "--", *argv, check=False)
    finally:
        buildah("rm", c)


class OwnImageTest(unittest.TestCase):
    def test_config_user_entrypoint_and_labels(self):
        info = json.loads(buildah("inspect", "--type", "image", IMAGE).stdout)
        config = info["OCIv1"]["config"]
        self.assertEqual(config["User"], "65532:65532")
        self.assertEqual(config["Entrypoint"], ["/usr/bin/ctxscan"])
        self.assertEqual(config["Labels"]["org.opencontainers.image.title"], "ctxscan")

    def test_only_what_ctxscan_needs_and_no_shell(self):
        layout = os.path.join(WORK, "layout")
        if not os.path.isdir(layout):
            buildah("push", IMAGE, "oci:" + layout)
        c = buildah("from", IMAGE).stdout.decode().strip()
        try:
            mount = buildah("mount", c, check=False)
            if mount.returncode != 0:
                self.skipTest("buildah mount: " + mount.stderr.decode())
            root = mount.stdout.decode().strip()
            top = sorted(os.listdir(root))
            self.assertLessEqual(set(top), {"etc", "home", "lib", "lib64", "tmp", "usr", "src"})
            self.assertFalse(os.path.exists(os.path.join(root, "bin", "sh")))
            self.assertFalse(os.path.exists(os.path.join(root, "usr", "bin", "sh")))
            self.assertEqual(sorted(os.listdir(os.path.join(root, "usr", "bin"))), ["ctxscan"])
        finally:
            buildah("umount", c, check=False)
            buildah("rm", c)

    def test_version_and_a_scan_of_a_mounted_directory(self):
        r = run_in_image("/usr/bin/ctxscan", "--version")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertIn(b"ctxscan", r.stdout)
        src = tempfile.mkdtemp(dir=WORK)
        with open(os.path.join(src, "aws.ini"), "w") as f:
            f.write("[default]\naws_secret_access_key = %s\n" % SECRET)
        os.chmod(src, 0o755)
        os.chmod(os.path.join(src, "aws.ini"), 0o644)
        r = run_in_image("/usr/bin/ctxscan", "scan", "--all-files", "--format", "json", "/scan",
                         volume=src + ":/scan:ro")
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        rules = [f["rule_id"] for f in json.loads(r.stdout)["findings"]]
        self.assertIn("aws.secret-access-key", rules)
        self.assertNotIn(SECRET.encode(), r.stdout + r.stderr)
        r = run_in_image("/bin/sh", "-c", "true")
        self.assertNotEqual(r.returncode, 0)

    def test_our_build_context_and_our_image_are_clean(self):
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(WORK, "cache"))
        r = subprocess.run([CTXSCAN, "scan", "-f", os.path.join(SOURCE, "Containerfile"), SOURCE],
                           capture_output=True, env=env)
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
        layout = os.path.join(WORK, "layout-scan")
        buildah("push", IMAGE, "oci:" + layout)
        r = subprocess.run([CTXSCAN, "image", layout], capture_output=True, env=env)
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())


class DockerImageHooksTest(unittest.TestCase):
    """pre-commit's docker_image hooks run our image through `docker run`."""

    def setUp(self):
        if shutil.which("pre-commit") is None or shutil.which("git") is None:
            self.skipTest("needs pre-commit and git")
        if subprocess.run(["git", "-C", SOURCE, "rev-parse", "HEAD"],
                          capture_output=True).returncode:
            self.skipTest("%s is not a git checkout" % SOURCE)
        buildah("tag", IMAGE, "ctxscan:latest")
        shim_dir = os.path.join(WORK, "docker-shim")
        os.makedirs(shim_dir, exist_ok=True)
        with open(os.path.join(shim_dir, "docker"), "w") as f:
            f.write("#!/bin/sh\nexec python3 %s \"$@\"\n" %
                    os.path.join(SOURCE, "tests", "e2e", "docker_shim.py"))
        os.chmod(os.path.join(shim_dir, "docker"), 0o755)
        self.log = os.path.join(WORK, "docker-calls.log")
        os.environ.update({"PATH": shim_dir + os.pathsep + os.environ.get("PATH", ""),
                           "CTXSCAN_TEST_BUILDAH_ARGS": json.dumps(STORAGE),
                           "CTXSCAN_TEST_DOCKER_LOG": self.log})
        precommit_test.CTXSCAN, precommit_test.SOURCE = CTXSCAN, SOURCE
        if not precommit_test.WORK.startswith(WORK):
            shutil.rmtree(precommit_test.WORK, True)  # made when it was imported
        precommit_test.WORK = os.path.join(WORK, "pre-commit")
        os.makedirs(precommit_test.WORK, exist_ok=True)

    def docker_runs(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            return [line.split() for line in f]

    def test_staged_hook_in_the_image(self):
        pc = precommit_test
        repo = pc.new_repo(["ctxscan-docker"])
        pc.write(repo, "config/aws.ini", pc.CREDENTIALS)
        pc.git(repo, "add", "config/aws.ini")
        r = pc.commit(repo, "add credentials")
        out = r.stdout + r.stderr
        self.assertNotEqual(r.returncode, 0, out.decode())
        self.assertIn(b"aws.secret-access-key", out)
        self.assertNotIn(pc.AWS_SECRET.encode(), out)
        runs = self.docker_runs()
        self.assertTrue(runs, "pre-commit did not call docker")
        self.assertEqual(runs[-1][:2], ["run", "--rm"])
        self.assertEqual(runs[-1][-3:], ["ctxscan:latest", "git", "--staged"])
        pc.git(repo, "rm", "-q", "--cached", "config/aws.ini")
        pc.write(repo, "src/app.py", "def main():\n    return 0\n")
        pc.git(repo, "add", "src/app.py")
        r = pc.commit(repo, "add app")
        self.assertEqual(r.returncode, 0, (r.stdout + r.stderr).decode())

    def test_docker_context_hook_in_the_image(self):
        pc = precommit_test
        repo = pc.new_repo(["ctxscan-docker-context-docker"])
        pc.write(repo, ".env", "AWS_SECRET_ACCESS_KEY=%s\n" % pc.AWS_SECRET)
        pc.write(repo, ".gitignore", ".env\n")
        pc.write(repo, "Dockerfile", "FROM scratch\nCOPY . /app\n")
        pc.git(repo, "add", ".gitignore", "Dockerfile")
        r = pc.commit(repo, "add Dockerfile")
        out = r.stdout + r.stderr
        self.assertNotEqual(r.returncode, 0, out.decode())
        self.assertIn(b".env", out)
        self.assertNotIn(pc.AWS_SECRET.encode(), out)
        self.assertEqual(self.docker_runs()[-1][-2:], ["ctxscan:latest", "scan"])


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    SOURCE = os.path.abspath(sys.argv.pop(1))
    if shutil.which("buildah") is None:
        print("skipped: needs buildah")
        sys.exit(77)
    libs = subprocess.run(["ldd", CTXSCAN], capture_output=True, text=True).stdout
    if "libasan" in libs or "libtsan" in libs or "libubsan" in libs:
        print("skipped: a sanitizer build (its runtime does not belong in the image)")
        sys.exit(77)
    try:
        build_image()
        unittest.main()
    finally:
        subprocess.run(["buildah", *STORAGE, "rm", "--all"], capture_output=True)
        subprocess.run(["buildah", *STORAGE, "rmi", "--all", "--force"], capture_output=True)
        shutil.rmtree(WORK, True)
