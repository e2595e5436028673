#!/usr/bin/env python3
"""End-to-end tests of `ctxscan image REFERENCE` against real registries run
here (Debian's docker-registry on 127.0.0.1), the images pushed with skopeo:
  - an anonymous registry over plain HTTP;
  - one with htpasswd basic authentication over TLS (a self-signed
    certificate, so verification must fail without --insecure-registry);
  - one with bearer-token authentication, its tokens (JWTs the registry
    checks against a certificate) issued by a small token service below.
The images are the ones image_cli_test.py builds with buildah; the same
checks apply (a secret deleted by a later layer, ENV, a build argument in
the history). Credentials come from $REGISTRY_AUTH_FILE, $DOCKER_CONFIG and
~/.docker/config.json.
Run: registry_cli_test.py PATH_TO_CTXSCAN. Exits 77 (skipped) without
buildah, busybox-static, skopeo, docker-registry, htpasswd or openssl."""
import base64
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import threading
import time
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import image_cli_test as images  # noqa: E402
import leakcheck  # noqa: E402

USER = "ci-reader"
PASSWORD = "pw-FAKE-7Rq2x9Lm4Vt8"  # a test registry's, not a secret
WORK = os.path.join(images.WORK, "registry")
REGISTRIES = {}  # name -> "127.0.0.1:port"
PROCESSES = []
TOKEN_REQUESTS = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def start_registry(name, auth=None, tls=None):
    port = free_port()
    data = os.path.join(WORK, name)
    os.makedirs(data)
    http = {"addr": "127.0.0.1:%d" % port}
    if tls:
        http["tls"] = {"certificate": tls[0], "key": tls[1]}
    config = {"version": 0.1, "log": {"level": "error"},
              "storage": {"filesystem": {"rootdirectory": data}}, "http": http}
    if auth:
        config["auth"] = auth
    path = os.path.join(WORK, name + ".json")  # YAML reads JSON
    with open(path, "w") as f:
        json.dump(config, f)
    log = open(os.path.join(WORK, name + ".log"), "wb")
    PROCESSES.append(subprocess.Popen(["docker-registry", "serve", path], stdout=log, stderr=log))
    scheme = "https" if tls else "http"
    for _ in range(100):
        try:
            urllib.request.urlopen("%s://127.0.0.1:%d/v2/" % (scheme, port), timeout=1,
                                   context=__import__("ssl")._create_unverified_context())
            break
        except urllib.error.HTTPError:
            break  # it answers (401)
        except OSError:
            time.sleep(0.1)
    else:
        raise RuntimeError("registry %s did not start: see %s" % (name, log.name))
    REGISTRIES[name] = "127.0.0.1:%d" % port


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenService(http.server.BaseHTTPRequestHandler):
    """Issues a registry token (RS256 JWT with the certificate in x5c) to
    USER:PASSWORD for what the scope asks; 401 to anyone else."""
    key = cert_der = service = None

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        TOKEN_REQUESTS.append({"query": query, "auth": self.headers.get("Authorization")})
        expected = "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.end_headers()
            return
        access = []
        for scope in query.get("scope", []):
            kind, name, actions = scope.split(":")
            access.append({"type": kind, "name": name, "actions": actions.split(",")})
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(self.cert_der).decode()]}
        claims = {"iss": "ctxscan-test-issuer", "sub": USER, "aud": self.service, "iat": now,
                  "nbf": now - 60, "exp": now + 600, "jti": str(now), "access": access}
        signing_input = (b64url(json.dumps(header).encode()) + "." +
                         b64url(json.dumps(claims).encode())).encode()
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key],
                                   input=signing_input, capture_output=True, check=True).stdout
        body = json.dumps({"token": signing_input.decode() + "." + b64url(signature)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_registries():
    os.makedirs(WORK)
    start_registry("anonymous")
    # Basic authentication over TLS with a self-signed certificate.
    key, cert = os.path.join(WORK, "tls.key"), os.path.join(WORK, "tls.crt")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
    htpasswd = os.path.join(WORK, "htpasswd")
    subprocess.run(["htpasswd", "-Bbc", htpasswd, USER, PASSWORD], check=True, capture_output=True)
    start_registry("basic", auth={"htpasswd": {"realm": "ctxscan-test", "path": htpasswd}},
                   tls=(cert, key))
    # Bearer tokens from the token service.
    token_key, token_cert = os.path.join(WORK, "token.key"), os.path.join(WORK, "token.crt")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", token_key, "-out",
            token_cert, "-days", "2", "-subj", "/CN=ctxscan-test-token")
    der = subprocess.run(["openssl", "x509", "-in", token_cert, "-outform", "DER"],
                         check=True, capture_output=True).stdout
    TokenService.key, TokenService.cert_der, TokenService.service = token_key, der, "ctxscan-test"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TokenService)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    realm = "http://127.0.0.1:%d/token" % server.server_address[1]
    start_registry("bearer", auth={"token": {
        "realm": realm, "service": "ctxscan-test", "issuer": "ctxscan-test-issuer",
        "rootcertbundle": token_cert}})


def auth_file(path, registry, user=USER, password=PASSWORD):
    with open(path, "w") as f:
        json.dump({"auths": {registry: {
            "auth": base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}}}, f)
    os.chmod(path, 0o600)
    return path


def push(source, registry, ref, creds=None):
    dest = "docker://%s/%s" % (REGISTRIES[registry], ref)
    args = ["skopeo", "copy", "-q", "--all", "--dest-tls-verify=false"]
    if creds:
        args += ["--dest-creds", creds]
    r = subprocess.run(args + ["oci:" + source, dest], capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("skopeo copy to %s: %s" % (dest, r.stderr.decode()))
    inspect = ["skopeo", "inspect", "--raw", "--tls-verify=false"]
    if creds:
        inspect += ["--creds", creds]
    raw = subprocess.run(inspect + [dest], check=True, capture_output=True).stdout
    return "sha256:" + __import__("hashlib").sha256(raw).hexdigest()


def scan(reference, *args, env=None):
    full = dict(os.environ, XDG_CACHE_HOME=images.CACHE, HOME=os.path.join(WORK, "home"))
    full.pop("REGISTRY_AUTH_FILE", None)
    full.pop("DOCKER_CONFIG", None)
    full.update(env or {})
    return subprocess.run([images.CTXSCAN, "image", "--only-rules", images.RULES, "--format",
                           "json", reference, *args], capture_output=True, env=full)


def check_deleted(test, result):
    """image_cli_test's checks of the deleted-secret image, on `test`."""
    images.BuiltImageTest.check_deleted_image(test, result)


DIGESTS = {}


def setUpModule():
    layout = images.IMAGES["deleted"]["oci"]
    DIGESTS["anonymous"] = push(layout, "anonymous", "team/deleted:1")
    DIGESTS["basic"] = push(layout, "basic", "team/deleted:1", "%s:%s" % (USER, PASSWORD))
    DIGESTS["bearer"] = push(layout, "bearer", "team/deleted:1", "%s:%s" % (USER, PASSWORD))


class AnonymousTest(unittest.TestCase):
    def test_by_tag_by_digest_and_with_the_docker_prefix(self):
        host = REGISTRIES["anonymous"]
        for ref in ("%s/team/deleted:1" % host, "%s/team/deleted@%s" % (host, DIGESTS["anonymous"]),
                    "docker://%s/team/deleted:1" % host):
            with self.subTest(ref=ref):
                r = scan(ref, "--insecure-registry")
                check_deleted(self, r)
                image = json.loads(r.stdout)["findings"][0]["image"]
                self.assertTrue(image["reference"].startswith(host + "/team/deleted"), image)

    def test_plain_http_needs_insecure_registry(self):
        r = scan("%s/team/deleted:1" % REGISTRIES["anonymous"])
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"TLS with https://%s failed" % REGISTRIES["anonymous"].encode(), r.stderr)
        self.assertIn(b"--insecure-registry", r.stderr)

    def test_unknown_tag_and_unreachable_registry_are_named(self):
        r = scan("%s/team/deleted:nope" % REGISTRIES["anonymous"], "--insecure-registry")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"team/deleted manifests/nope: the registry answered 404 (MANIFEST_UNKNOWN",
                      r.stderr)
        r = scan("127.0.0.1:%d/team/deleted:1" % free_port(), "--insecure-registry")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"cannot connect to", r.stderr)

    def test_a_missing_file_is_not_looked_up_as_a_reference(self):
        r = scan("./deleted.tar")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"./deleted.tar: No such file or directory", r.stderr)

    def test_platform_chosen_from_a_multi_platform_index(self):
        # An index of two single-layer images, one per platform.
        def arch_image(arch, secret):
            layer = images.tar_of([("app/%s.txt" % arch, tarfile.REGTYPE,
                                    b"key %s\n" % secret.encode())])
            layout, _ = images.hand_layout([layer])
            with open(os.path.join(layout, "index.json")) as f:
                return layout, json.load(f)["manifests"][0]
        amd, amd_desc = arch_image("amd64", images.DELETED)
        arm, arm_desc = arch_image("arm64", images.IN_ENV)
        for name in os.listdir(os.path.join(arm, "blobs", "sha256")):
            shutil.copy(os.path.join(arm, "blobs", "sha256", name),
                        os.path.join(amd, "blobs", "sha256", name))
        amd_desc["platform"] = {"os": "linux", "architecture": "amd64"}
        arm_desc["platform"] = {"os": "linux", "architecture": "arm64"}
        inner = json.dumps({"schemaVersion": 2,
                            "mediaType": "application/vnd.oci.image.index.v1+json",
                            "manifests": [amd_desc, arm_desc]}).encode()
        with open(os.path.join(amd, "index.json"), "w") as f:  # one image: the index
            json.dump({"schemaVersion": 2, "manifests": [
                {"mediaType": "application/vnd.oci.image.index.v1+json",
                 "digest": images.blob(amd, inner), "size": len(inner)}]}, f)
        push(amd, "anonymous", "team/multi:1")
        ref = "%s/team/multi:1" % REGISTRIES["anonymous"]
        for platform, path in (("linux/amd64", "app/amd64.txt"), ("linux/arm64", "app/arm64.txt")):
            with self.subTest(platform=platform):
                r = scan(ref, "--insecure-registry", "--platform", platform)
                self.assertEqual(r.returncode, 1, r.stderr.decode())
                self.assertEqual([l[1] for l in images.locations(json.loads(r.stdout))], [path])
        r = scan(ref, "--insecure-registry", "--platform", "linux/s390x")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"no manifest for platform linux/s390x (it has: linux/amd64, linux/arm64)",
                      r.stderr)


class BasicAuthTest(unittest.TestCase):
    def ref(self):
        return "%s/team/deleted:1" % REGISTRIES["basic"]

    def test_tls_is_verified_unless_insecure_registry(self):
        path = auth_file(os.path.join(WORK, "basic-auth.json"), REGISTRIES["basic"])
        r = scan(self.ref(), env={"REGISTRY_AUTH_FILE": path})
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"TLS with https://%s failed" % REGISTRIES["basic"].encode(), r.stderr)
        check_deleted(self, scan(self.ref(), "--insecure-registry",
                                       env={"REGISTRY_AUTH_FILE": path}))

    def test_credentials_from_every_place(self):
        host = REGISTRIES["basic"]
        docker_config = os.path.join(WORK, "docker-config")
        os.makedirs(docker_config, exist_ok=True)
        auth_file(os.path.join(docker_config, "config.json"), "https://%s/v1/" % host)
        home_docker = os.path.join(WORK, "home", ".docker")
        os.makedirs(home_docker, exist_ok=True)
        auth_file(os.path.join(home_docker, "config.json"), host)
        try:
            for name, env in (("REGISTRY_AUTH_FILE",
                               {"REGISTRY_AUTH_FILE": auth_file(os.path.join(WORK, "a.json"), host)}),
                              ("DOCKER_CONFIG", {"DOCKER_CONFIG": docker_config}),
                              ("~/.docker/config.json", {})):
                with self.subTest(source=name):
                    check_deleted(self, scan(self.ref(), "--insecure-registry", env=env))
        finally:
            os.remove(os.path.join(home_docker, "config.json"))

    def test_no_or_wrong_credentials_are_named(self):
        r = scan(self.ref(), "--insecure-registry")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"asks for a user name and password, and none were found", r.stderr)
        wrong = auth_file(os.path.join(WORK, "wrong.json"), REGISTRIES["basic"], password="nope")
        r = scan(self.ref(), "--insecure-registry", env={"REGISTRY_AUTH_FILE": wrong})
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"the credentials from %s were not accepted" % wrong.encode(), r.stderr)
        self.assertNotIn(b"nope", r.stderr)

    def test_a_malformed_auth_file_is_an_error_not_an_anonymous_scan(self):
        bad = os.path.join(WORK, "bad.json")
        with open(bad, "w") as f:
            f.write("{not json")
        r = scan(self.ref(), "--insecure-registry", env={"REGISTRY_AUTH_FILE": bad})
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"%s: not a JSON object" % bad.encode(), r.stderr)


class BearerTokenTest(unittest.TestCase):
    def test_token_asked_with_the_credentials_for_the_pull_scope(self):
        host = REGISTRIES["bearer"]
        path = auth_file(os.path.join(WORK, "bearer-auth.json"), host)
        del TOKEN_REQUESTS[:]
        r = scan("%s/team/deleted:1" % host, "--insecure-registry", env={"REGISTRY_AUTH_FILE": path})
        check_deleted(self, r)
        self.assertTrue(TOKEN_REQUESTS)
        self.assertEqual(TOKEN_REQUESTS[0]["query"]["scope"], ["repository:team/deleted:pull"])
        self.assertEqual(TOKEN_REQUESTS[0]["query"]["service"], ["ctxscan-test"])

    def test_anonymous_token_refused(self):
        r = scan("%s/team/deleted:1" % REGISTRIES["bearer"], "--insecure-registry")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"answered 401 to an anonymous request", r.stderr)


if __name__ == "__main__":
    images.CTXSCAN = os.path.abspath(sys.argv.pop(1))
    needed = ["buildah", "skopeo", "docker-registry", "htpasswd", "openssl"]
    missing = [n for n in needed if shutil.which(n) is None]
    if missing or not os.path.exists(images.BUSYBOX):
        print("skipped: needs %s and busybox-static" % ", ".join(needed))
        sys.exit(77)
    leakcheck.install(images.CTXSCAN, images.__file__, extra=[PASSWORD])
    try:
        start_registries()
        images.IMAGES = images.build_images()
        unittest.main()
    finally:
        for p in PROCESSES:
            p.terminate()
            p.wait()
