#!/usr/bin/env python3
"""End-to-end tests of `ctxscan image` on images buildah builds here (FROM
scratch with Debian's static busybox, so RUN works offline), exported with
`buildah push` to docker-archive, oci-archive and an OCI layout directory: a
secret added in one layer and removed by the next, a secret in ENV, a build
argument a RUN used (in the history), and a multi-stage build whose final
image must not hold the build stage's secret. Bad input is made by hand: a
truncated archive, a layer whose bytes do not match its digest, an unknown
media type, a path-traversal entry and a device node.
Run: image_cli_test.py PATH_TO_CTXSCAN. Exits 77 (skipped) without buildah
or busybox-static."""
import atexit
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leakcheck  # noqa: E402

CTXSCAN = None
RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "test-rules.yaml")
DELETED = "tok_FAKEdel8d7f6g5h4j3k2"
IN_ENV = "tok_FAKEenv9y8x7w6v5u4t3"
BUILD_ARG = "tok_FAKEarg1q2w3e4r5t6y7"
STAGE_ONLY = "tok_FAKEstg5t4r3e2w1q0p9"
BUSYBOX = "/bin/busybox"
WORK = tempfile.mkdtemp(prefix="ctxscan-image-test-")
CACHE = os.path.join(WORK, "cache")
STORAGE = ["--storage-driver", "vfs", "--root", os.path.join(WORK, "storage"),
           "--runroot", os.path.join(WORK, "run")]
atexit.register(shutil.rmtree, WORK, True)


def buildah(*args, **kw):
    return subprocess.run(["buildah", *STORAGE, *args], check=True, capture_output=True, **kw)


def ctxscan_image(source, *args, stdin=None):
    env = dict(os.environ, XDG_CACHE_HOME=CACHE)
    return subprocess.run([CTXSCAN, "image", "--only-rules", RULES, "--format", "json", source, *args],
                          capture_output=True, env=env, input=stdin)


def locations(report):
    """(rule, path, image facts, the finding's line) of every location."""
    out = []
    for f in report["findings"]:
        for loc in f["locations"]:
            out.append((f["rule_id"], loc["path"], loc.get("image", {}), f.get("line_text", "")))
    return out


def build_images():
    ctx = os.path.join(WORK, "ctx")
    os.makedirs(ctx)
    shutil.copy(BUSYBOX, os.path.join(ctx, "busybox"))
    with open(os.path.join(ctx, "secret.env"), "w") as f:
        f.write("TOKEN=%s\n" % DELETED)
    with open(os.path.join(ctx, "stage.txt"), "w") as f:
        f.write("key %s\n" % STAGE_ONLY)
    with open(os.path.join(ctx, "Containerfile"), "w") as f:
        f.write("FROM scratch\n"
                "COPY busybox /bin/busybox\n"
                "COPY secret.env /app/.env\n"
                'RUN ["/bin/busybox", "rm", "/app/.env"]\n'
                "ENV API_TOKEN=%s\n"
                "ARG BUILD_TOKEN\n"
                'RUN ["/bin/busybox", "sh", "-c", "echo $BUILD_TOKEN > /app/token.txt"]\n' % IN_ENV)
    with open(os.path.join(ctx, "Containerfile.multi"), "w") as f:
        f.write("FROM scratch AS build\n"
                "COPY busybox /bin/busybox\n"
                "COPY stage.txt /build/stage.txt\n"
                'RUN ["/bin/busybox", "cp", "/bin/busybox", "/build/tool"]\n'
                "FROM scratch\n"
                "COPY --from=build /build/tool /bin/busybox\n")
    common = ["bud", "--isolation", "chroot", "--layers"]
    buildah(*common, "--build-arg", "BUILD_TOKEN=" + BUILD_ARG, "-t", "ctxscan-test:deleted", ctx)
    buildah(*common, "-f", os.path.join(ctx, "Containerfile.multi"), "-t", "ctxscan-test:multi", ctx)
    out = {}
    for name in ("deleted", "multi"):
        out[name] = {
            "docker-archive": os.path.join(WORK, name + ".docker.tar"),
            "oci-archive": os.path.join(WORK, name + ".oci.tar"),
            "oci": os.path.join(WORK, name + ".layout"),
        }
        for kind, dest in out[name].items():
            buildah("push", "ctxscan-test:" + name, "%s:%s" % (kind, dest))
    return out


IMAGES = None


def blob(layout, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    with open(os.path.join(layout, "blobs", "sha256", digest[7:]), "wb") as f:
        f.write(data)
    return digest


def hand_layout(layers, media_type="application/vnd.oci.image.layer.v1.tar"):
    """An OCI layout with the given layer tarballs (bytes), made without buildah."""
    layout = tempfile.mkdtemp(dir=WORK)
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": []},
                         "history": [{"created_by": "layer %d" % i} for i in range(len(layers))]}).encode()
    cfg = blob(layout, config)
    descs = [{"mediaType": media_type, "digest": blob(layout, l), "size": len(l)} for l in layers]
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": cfg, "size": len(config)},
                           "layers": descs}).encode()
    man = blob(layout, manifest)
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": man,
             "size": len(manifest)}]}, f)
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion": "1.0.0"}')
    return layout, descs


def tar_of(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for name, kind, data in entries:
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind == tarfile.REGTYPE:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
            else:
                t.addfile(info)
    return buf.getvalue()


class BuiltImageTest(unittest.TestCase):
    def check_deleted_image(self, r):
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        report = json.loads(r.stdout)
        locs = locations(report)
        # The ENV value, also in the ENV instruction's history entry.
        env = [l for l in locs if l[1] == "[image config]" and l[3].startswith("ENV API_TOKEN=")]
        self.assertEqual(len(env), 2, locs)
        # The build argument, in the history of the RUN that used it.
        history = [l for l in locs
                   if l[1] == "[image config]" and l[3].startswith("HISTORY |1 BUILD_TOKEN=")]
        self.assertEqual(len(history), 1, locs)
        deleted = [l for l in locs if l[1] == "app/.env" and l[0] == "test.token"]
        self.assertEqual(len(deleted), 1, locs)
        img = deleted[0][2]
        self.assertEqual(img["layer"], 1)
        self.assertIn("COPY", img["created_by"])
        self.assertFalse(img["visible"])
        self.assertEqual(img["removed_in"], 2)
        self.assertIn("rm", img["removed_by"])
        self.assertTrue(img["digest"].startswith("sha256:"))
        # The file the RUN wrote: its layer's history entry holds the build
        # argument, redacted.
        written = [l for l in locs if l[1] == "app/token.txt"]
        self.assertEqual(len(written), 1, locs)
        self.assertIn("|1 BUILD_TOKEN=[redacted]", written[0][2]["created_by"])
        self.assertTrue(written[0][2]["visible"])
        # No secret in clear anywhere, history entries included.
        out = r.stdout.decode()
        for token in (DELETED, IN_ENV, BUILD_ARG):
            self.assertNotIn(token, out)
        self.assertIn("[redacted]", out)

    def test_every_export_of_the_deleted_secret_image(self):
        for kind, path in IMAGES["deleted"].items():
            with self.subTest(kind=kind):
                self.check_deleted_image(ctxscan_image(path))

    def test_docker_save_on_standard_input(self):
        # Standard input is spooled to a temporary file that is gone at once.
        tmp = tempfile.mkdtemp(dir=WORK)
        env = dict(os.environ, XDG_CACHE_HOME=CACHE, TMPDIR=tmp)
        with open(IMAGES["deleted"]["docker-archive"], "rb") as f:
            r = subprocess.run([CTXSCAN, "image", "--only-rules", RULES, "--format", "json", "-"],
                               capture_output=True, env=env, input=f.read())
        self.check_deleted_image(r)
        self.assertEqual(os.listdir(tmp), [])

    def test_text_report_says_removed_but_shipped(self):
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        r = subprocess.run([CTXSCAN, "image", "--only-rules", RULES, IMAGES["deleted"]["oci"]],
                           capture_output=True, env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"removed by layer 2", r.stdout)
        self.assertIn(b"not in the final filesystem, still shipped", r.stdout)

    def test_sarif_names_the_image_layer_and_path(self):
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        r = subprocess.run([CTXSCAN, "image", "--only-rules", RULES, "--format", "sarif",
                            IMAGES["deleted"]["oci"]], capture_output=True, env=env)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        results = json.loads(r.stdout)["runs"][0]["results"]
        env_file = [x for x in results if x["ruleId"] == "test.token"
                    and x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/.env"]
        self.assertEqual(len(env_file), 1)
        loc = env_file[0]["locations"][0]
        self.assertRegex(loc["logicalLocations"][0]["fullyQualifiedName"],
                         r"^sha256:[0-9a-f]{64}/layer/1/app/\.env$")
        self.assertEqual((loc["properties"]["layer"], loc["properties"]["removedIn"],
                          loc["properties"]["visible"]), (1, 2, False))
        self.assertIn("still shipped", env_file[0]["message"]["text"])

    def test_final_image_of_a_multi_stage_build_lacks_the_stage_secret(self):
        for kind, path in IMAGES["multi"].items():
            with self.subTest(kind=kind):
                r = ctxscan_image(path)
                self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
                self.assertEqual(json.loads(r.stdout)["findings"], [])


def docker_archive(path, images_and_layers):
    """A docker save archive of several images: (tag, [layer tarballs]) each;
    layers named by their digest, as docker save names them."""
    manifest = []
    with tarfile.open(path, "w") as t:
        def add(name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        written = set()
        for tag, layers in images_and_layers:
            names = []
            for layer in layers:
                name = hashlib.sha256(layer).hexdigest() + ".tar"
                if name not in written:
                    add(name, layer)
                    written.add(name)
                names.append(name)
            config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Labels": {"t": tag}},
                                 "history": [{"created_by": "%s layer %d" % (tag, i)}
                                             for i in range(len(layers))]}).encode()
            config_name = hashlib.sha256(config).hexdigest() + ".json"
            add(config_name, config)
            manifest.append({"Config": config_name, "RepoTags": [tag], "Layers": names})
        add("manifest.json", json.dumps(manifest).encode())
    return path


class SharedLayersAndCacheTest(unittest.TestCase):
    def test_a_shared_layer_is_scanned_once_and_reported_in_each_image(self):
        base = tar_of([("app/a.txt", tarfile.REGTYPE, b"%s\n" % DELETED.encode())])
        app1 = tar_of([("app/b.txt", tarfile.REGTYPE, b"%s\n" % IN_ENV.encode())])
        app2 = tar_of([("app/.wh.a.txt", tarfile.REGTYPE, b"")])
        both = docker_archive(os.path.join(WORK, "two-images.tar"),
                              [("one:1", [base, app1]), ("two:1", [base, app2])])
        r = ctxscan_image(both)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        report = json.loads(r.stdout)
        # Two configs, a.txt once (not once per image), b.txt.
        self.assertEqual(report["summary"]["files_scanned"], 4)
        shared = sorted((l[2]["reference"], l[2]["layer"], l[2]["visible"])
                        for l in locations(report) if l[1] == "app/a.txt")
        # In two:1 a later layer deletes it; in one:1 it stays.
        self.assertEqual(shared, [("one:1", 0, True), ("two:1", 0, False)])
        # The same image given twice is scanned once.
        r = ctxscan_image(both, both)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        again = json.loads(r.stdout)
        self.assertEqual(again["findings"], report["findings"])
        self.assertIn("one:1 is the same image as one:1", " ".join(again["notes"]))

    def test_cache_skips_clean_layers_and_keeps_every_fact(self):
        cache = tempfile.mkdtemp(dir=WORK)
        os.rmdir(cache)
        image = IMAGES["deleted"]["oci"]
        plain = json.loads(ctxscan_image(image).stdout)
        first = ctxscan_image(image, "--cache-dir", cache)
        self.assertEqual(first.returncode, 1, first.stderr.decode())
        self.assertEqual(oct(os.stat(cache).st_mode & 0o777), "0o700")
        entries = os.listdir(cache)
        # Layers 0 (busybox) and 2 (the rm) are clean; 1 and 3 have findings.
        self.assertEqual(len(entries), 2, entries)
        for name in entries:
            path = os.path.join(cache, name)
            self.assertEqual(oct(os.stat(path).st_mode & 0o777), "0o600")
            with open(path, "rb") as f:
                data = f.read()
            for token in (DELETED, IN_ENV, BUILD_ARG):
                self.assertNotIn(token.encode(), data)
        second = ctxscan_image(image, "--cache-dir", cache)
        self.assertEqual(second.returncode, 1, second.stderr.decode())
        report = json.loads(second.stdout)
        self.assertIn("2 of 4 layers were not read: scanned before with nothing found",
                      " ".join(report["notes"]))
        # The .env of layer 1 is still known deleted by layer 2, read from the cache.
        self.assertEqual(report["findings"], plain["findings"])
        self.assertEqual(report["skipped"], plain["skipped"])  # busybox: binary
        self.assertEqual(report["summary"], plain["summary"])
        # A damaged entry is ignored: the layer is read again.
        with open(os.path.join(cache, entries[0]), "r+b") as f:
            f.seek(-3, os.SEEK_END)
            f.write(b"zzz")
        third = json.loads(ctxscan_image(image, "--cache-dir", cache).stdout)
        self.assertIn("1 of 4 layers were not read", " ".join(third["notes"]))
        self.assertEqual(third["findings"], plain["findings"])

    def test_cache_entries_depend_on_the_rules(self):
        cache = tempfile.mkdtemp(dir=WORK)
        image = IMAGES["deleted"]["oci"]
        ctxscan_image(image, "--cache-dir", cache)
        env = dict(os.environ, XDG_CACHE_HOME=CACHE)
        other = subprocess.run([CTXSCAN, "image", "--format", "json", "--cache-dir", cache, image],
                               capture_output=True, env=env)  # the default rules
        self.assertNotIn("were not read", " ".join(json.loads(other.stdout)["notes"]))


class SuppressionTest(unittest.TestCase):
    def test_baseline_and_inline_suppressions_as_for_scan(self):
        layer = tar_of([("app/a.txt", tarfile.REGTYPE, b"%s\n" % DELETED.encode()),
                        ("app/b.txt", tarfile.REGTYPE,
                         b"%s  # ctxscan:allow\n" % IN_ENV.encode())])
        layout, _ = hand_layout([layer])
        first = ctxscan_image(layout)
        self.assertEqual(first.returncode, 1, first.stderr.decode())
        report = json.loads(first.stdout)
        self.assertEqual([l[1] for l in locations(report)], ["app/a.txt"])
        self.assertEqual(report["summary"]["suppressed_inline"], 1)
        baseline = os.path.join(tempfile.mkdtemp(dir=WORK), "baseline.json")
        with open(baseline, "wb") as f:
            f.write(first.stdout)
        again = ctxscan_image(layout, "--baseline", baseline)
        self.assertEqual(again.returncode, 0, again.stdout.decode() + again.stderr.decode())
        summary = json.loads(again.stdout)["summary"]
        self.assertEqual((summary["findings"], summary["suppressed_baseline"]), (0, 1))


class BadInputTest(unittest.TestCase):
    def test_truncated_archive_reports_what_it_read_and_exits_2(self):
        src = IMAGES["deleted"]["docker-archive"]
        cut = os.path.join(WORK, "cut.tar")
        with open(src, "rb") as f:
            data = f.read()
        with open(cut, "wb") as f:
            f.write(data[: len(data) * 2 // 3])
        r = ctxscan_image(cut)
        self.assertEqual(r.returncode, 2, r.stderr.decode())
        self.assertTrue(r.stderr or r.stdout)

    def test_layer_not_matching_its_digest_is_an_error(self):
        layer = tar_of([("app/a.txt", tarfile.REGTYPE, b"x %s\n" % DELETED.encode())])
        layout, descs = hand_layout([layer])
        path = os.path.join(layout, "blobs", "sha256", descs[0]["digest"][7:])
        with open(path, "ab") as f:
            f.write(b"\0" * 1024)  # still a tar archive, no longer this digest
        r = ctxscan_image(layout)
        self.assertEqual(r.returncode, 2, r.stderr.decode())
        report = json.loads(r.stdout)
        self.assertEqual(len(report["findings"]), 1)  # what was read is still reported
        self.assertIn("not to its digest", json.dumps(report["errors"]))

    def test_unknown_media_type_is_named(self):
        layout, _ = hand_layout([tar_of([])], media_type="application/x-unknown")
        r = ctxscan_image(layout)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"unknown media type", r.stderr)

    def test_traversal_and_device_entries_are_reported_never_written(self):
        layer = tar_of([("../escape.txt", tarfile.REGTYPE, b"%s\n" % DELETED.encode()),
                        ("dev/null", tarfile.CHRTYPE, b""),
                        ("etc/ok.txt", tarfile.REGTYPE, b"%s\n" % IN_ENV.encode())])
        layout, _ = hand_layout([layer])
        # Run where nothing else writes: an empty working and temporary
        # directory, which must stay empty (other tests share /tmp).
        cwd, tmp = tempfile.mkdtemp(dir=WORK), tempfile.mkdtemp(dir=WORK)
        env = dict(os.environ, XDG_CACHE_HOME=CACHE, TMPDIR=tmp)
        r = subprocess.run([CTXSCAN, "image", "--only-rules", RULES, "--format", "json", layout],
                           capture_output=True, env=env, cwd=cwd)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        report = json.loads(r.stdout)
        skipped = json.dumps(report["skipped"])
        self.assertIn("leaves the image root", skipped)
        self.assertIn("device node", skipped)
        notes = " ".join(report["notes"])
        self.assertIn("1 layer entry not read: entry path leaves the image root (..): "
                      "layer 0: ../escape.txt", notes)
        self.assertIn("1 layer entry not read: device node or pipe (not read): layer 0: dev/null",
                      notes)
        self.assertEqual([l[1] for l in locations(report)], ["etc/ok.txt"])
        for d in (cwd, tmp):
            self.assertEqual(os.listdir(d), [], d)
        for d in (os.path.dirname(layout), layout, WORK):
            self.assertFalse(os.path.exists(os.path.join(d, "escape.txt")), d)

    def test_whiteouts_opaque_directories_and_replacements(self):
        l0 = tar_of([("a/one.txt", tarfile.REGTYPE, b"%s\n" % DELETED.encode()),
                     ("b/two.txt", tarfile.REGTYPE, b"%s\n" % IN_ENV.encode()),
                     ("c/three.txt", tarfile.REGTYPE, b"%s\n" % BUILD_ARG.encode()),
                     ("d/four.txt", tarfile.REGTYPE, b"%s\n" % STAGE_ONLY.encode())])
        l1 = tar_of([("a/.wh.one.txt", tarfile.REGTYPE, b""),
                     ("b/.wh..wh..opq", tarfile.REGTYPE, b""),
                     ("c/three.txt", tarfile.REGTYPE, b"clean\n")])
        layout, _ = hand_layout([l0, l1])
        r = ctxscan_image(layout)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        seen = {l[1]: l[2] for l in locations(json.loads(r.stdout))}
        self.assertEqual(sorted(seen), ["a/one.txt", "b/two.txt", "c/three.txt", "d/four.txt"])
        for path in ("a/one.txt", "b/two.txt", "c/three.txt"):
            self.assertFalse(seen[path]["visible"], path)
            self.assertEqual(seen[path]["removed_in"], 1, path)
        self.assertTrue(seen["d/four.txt"]["visible"])

    def test_non_ascii_names_in_the_c_locale(self):
        # PAX headers hold UTF-8 names; in the C locale libarchive cannot
        # convert them and warns. The entry must still be read.
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
            data = b"%s\n" % DELETED.encode()
            info = tarfile.TarInfo("app/cl\u00e9/r\u00e9sum\u00e9.txt")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        layout, _ = hand_layout([buf.getvalue()])
        env = dict(os.environ, XDG_CACHE_HOME=CACHE, LC_ALL="C", LANG="C")
        r = subprocess.run([CTXSCAN, "image", "--only-rules", RULES, "--format", "json", layout],
                           capture_output=True, env=env)
        self.assertEqual(r.returncode, 1, r.stdout.decode() + r.stderr.decode())
        report = json.loads(r.stdout)
        self.assertEqual(report["errors"], [])
        self.assertEqual([l[1] for l in locations(report)], ["app/cl\u00e9/r\u00e9sum\u00e9.txt"])

    def test_not_an_image(self):
        plain = os.path.join(WORK, "plain.tar")
        with open(plain, "wb") as f:
            f.write(tar_of([("x.txt", tarfile.REGTYPE, b"x")]))
        r = ctxscan_image(plain)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"not an image archive", r.stderr)
        # Not a tar archive at all, and not a regular file.
        text = os.path.join(WORK, "notes.txt")
        with open(text, "w") as f:
            f.write("just text\n")
        r = ctxscan_image(text)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"notes.txt: not an image: neither a tar archive (docker save, OCI archive) "
                      b"nor an OCI image layout directory", r.stderr)
        r = ctxscan_image("/dev/null")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"/dev/null: not a regular file or a directory", r.stderr)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    if shutil.which("buildah") is None or not os.path.exists(BUSYBOX):
        print("skipped: needs buildah and busybox-static")
        sys.exit(77)
    leakcheck.install(CTXSCAN, __file__)
    IMAGES = build_images()
    unittest.main()
