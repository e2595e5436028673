#!/usr/bin/env python3
"""`docker run`, done by buildah, for tests that drive a tool which calls the
Docker CLI (pre-commit's docker_image hooks) on a machine without a Docker
engine. It implements only what those callers pass, with Docker's meaning:

    docker run [--rm] [-u|--user U[:G]] [-v|--volume SRC:DST[:OPTS]]...
               [-w|--workdir DIR] IMAGE [ARG]...

runs the image's entrypoint followed by ARG... (Docker replaces the image's
CMD with ARG...), in a container made from IMAGE and removed afterwards, with
chroot isolation. Volume options (rw, Z, ...) are dropped: the mount is
read-write, as Docker's default. Anything else is refused with exit status
125, as Docker refuses what it does not know.

Environment: CTXSCAN_TEST_BUILDAH_ARGS, buildah's global options as a JSON
list (the test's private storage); CTXSCAN_TEST_DOCKER_LOG, a file each call
is appended to (one line of arguments), so the test can see that it ran."""
import json
import os
import subprocess
import sys


def refuse(message):
    sys.stderr.write("docker (test shim): %s\n" % message)
    sys.exit(125)


def parse(args):
    if not args or args[0] != "run":
        refuse("only `docker run` is implemented")
    options = {"user": None, "volumes": [], "workdir": None}
    i = 1
    while i < len(args) and args[i].startswith("-"):
        flag = args[i]
        if flag == "--rm":
            i += 1
            continue
        if i + 1 >= len(args):
            refuse("%s needs a value" % flag)
        value = args[i + 1]
        if flag in ("-u", "--user"):
            options["user"] = value
        elif flag in ("-v", "--volume"):
            parts = value.split(":")
            if len(parts) < 2:
                refuse("volume %r is not SRC:DST" % value)
            options["volumes"].append(parts[0] + ":" + parts[1])
        elif flag in ("-w", "--workdir"):
            options["workdir"] = value
        else:
            refuse("option %s is not implemented" % flag)
        i += 2
    if i >= len(args):
        refuse("no image named")
    return options, args[i], args[i + 1:]


def main():
    buildah = ["buildah", *json.loads(os.environ.get("CTXSCAN_TEST_BUILDAH_ARGS", "[]"))]
    with open(os.environ["CTXSCAN_TEST_DOCKER_LOG"], "a") as log:
        log.write(" ".join(sys.argv[1:]) + "\n")
    options, image, rest = parse(sys.argv[1:])
    info = subprocess.run([*buildah, "inspect", "--type", "image", image], capture_output=True)
    if info.returncode != 0:
        refuse("no image %s: %s" % (image, info.stderr.decode()))
    entrypoint = json.loads(info.stdout)["OCIv1"]["config"].get("Entrypoint") or []
    made = subprocess.run([*buildah, "from", image], capture_output=True, text=True)
    if made.returncode != 0:
        refuse("cannot make a container of %s: %s" % (image, made.stderr))
    container = made.stdout.strip()
    command = [*buildah, "run", "--isolation", "chroot"]
    if options["user"]:
        command += ["--user", options["user"]]
    for volume in options["volumes"]:
        command += ["-v", volume]
    if options["workdir"]:
        command += ["--workingdir", options["workdir"]]
    try:
        sys.exit(subprocess.run([*command, container, "--", *entrypoint, *rest]).returncode)
    finally:
        subprocess.run([*buildah, "rm", container], capture_output=True)


if __name__ == "__main__":
    main()
