#!/usr/bin/env python3
"""End-to-end tests of how ctxscan answers a command line it cannot take: a
mistyped command or option is named alone, with the nearest known name when
one is close, and exits 2. Run: cli_usage_test.py PATH_TO_CTXSCAN."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leakcheck  # noqa: E402

CTXSCAN = None


def run(*args):
    return subprocess.run([CTXSCAN, *args], capture_output=True, cwd="/")


class UsageErrors(unittest.TestCase):
    def check(self, args, message):
        r = run(*args)
        self.assertEqual(r.returncode, 2, (args, r.stderr))
        self.assertEqual(r.stdout, b"", args)
        self.assertEqual(r.stderr.decode().splitlines(),
                         ["error: " + message, "run 'ctxscan --help' for usage"], args)

    def test_a_full_standard_output_fails_every_command(self):
        # A CI gate must not pass on a report that never reached its reader.
        repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
        demo = os.path.join(repo, "examples", "demo")
        for args in (["context", "ls", demo], ["rules", "list"], ["rules", "list", "--format",
                     "json"], ["scan", "--format", "sarif", demo], ["scan", "--exit-zero", demo]):
            with open("/dev/full", "wb") as full:
                r = subprocess.run([CTXSCAN, *args], stdout=full, stderr=subprocess.PIPE, cwd="/")
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(b"No space left on device", r.stderr, args)

    def test_mistyped_command_names_the_nearest(self):
        self.check(["scna"], 'unknown command "scna"; did you mean "scan"?')
        self.check(["contxt", "ls"], 'unknown command "contxt"; did you mean "context"?')
        self.check(["rules", "lst"], 'unknown command "rules lst"; did you mean "rules list"?')
        self.check(["dockerignore", "sugest"],
                   'unknown command "dockerignore sugest"; did you mean "dockerignore suggest"?')
        self.check(["baseline", "craete", "-o", "x"],
                   'unknown command "baseline craete"; did you mean "baseline create"?')

    def test_far_command_gets_no_guess(self):
        self.check(["xyzzy"], 'unknown command "xyzzy"; commands: scan, git, image, dockerignore, '
                   "baseline, context, rules, merge")
        self.check(["rules", "frobnicate"], 'unknown command "rules frobnicate"; commands: rules '
                   "list, rules check")

    def test_missing_command(self):
        self.check([], "no command given; commands: scan, git, image, dockerignore, baseline, "
                   "context, rules, merge")
        self.check(["rules"], "no command given after \"rules\"; commands: rules list, rules check")

    def test_unknown_option_names_the_option_alone(self):
        self.check(["scan", "--fromat", "text", "."], "unknown option --fromat; did you mean --format?")
        self.check(["scan", ".", "--fromat=json"], "unknown option --fromat; did you mean --format?")
        self.check(["rules", "list", "--fromat", "json"],
                   "unknown option --fromat; did you mean --format?")
        self.check(["context", "ls", "--jsn", "."], "unknown option --jsn; did you mean --json?")
        self.check(["scan", "--show-secret", "."],
                   "unknown option --show-secret; did you mean --show-secrets?")
        self.check(["git", "--all-object"],
                   "unknown option --all-object; did you mean --all-objects?")
        # Far from every option: no guess. Options of another command are not offered.
        self.check(["scan", "--quux", "."], "unknown option --quux")
        self.check(["scan", "-q", "."], "unknown option -q")
        self.check(["--format", "json", "scan"], "unknown option --format")
        # Option values are not mistaken for options or commands.
        self.check(["scan", "--format", "text", "-f", "Dockerfile", "--bogus-opt", "."],
                   "unknown option --bogus-opt")

    def test_extra_argument_is_named(self):
        self.check(["scan", ".", "extra"],
                   'unexpected argument "extra" (usage: ctxscan scan [OPTIONS] [DIR])')
        self.check(["scan", "--binary", ".", "extra"],
                   'unexpected argument "extra" (usage: ctxscan scan [OPTIONS] [DIR])')
        self.check(["context", "why", ".", "a", "b"],
                   'unexpected argument "b" (usage: ctxscan context why [OPTIONS] DIR PATH)')

    def test_valid_command_lines_still_work(self):
        self.assertEqual(run("rules", "list", "--format", "json").returncode, 0)
        self.assertEqual(run("--version").returncode, 0)
        self.assertEqual(run("scan", "--help").returncode, 0)


class RuleFileErrors(unittest.TestCase):
    def test_every_missing_field_is_named_at_once(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "rules.yaml")
            with open(path, "w") as f:
                f.write("rules:\n"
                        "  # a rule with its name, severity and description left out\n"
                        "  - id: test.half\n"
                        "    pattern: 'half_[a-z]{8}'\n"
                        "    category: test\n"
                        "    remediation: r\n"
                        "    examples: ['half_abcdefgh', 'half_ijklmnop']\n"
                        "    negative_examples: ['half_']\n")
            want = ("error: %s:3: rule test.half: missing fields: name, severity, description\n"
                    % path).encode()
            for args in (["rules", "check", path], ["scan", "--only-rules", path, d]):
                r = run(*args)
                self.assertEqual(r.returncode, 2, args)
                self.assertEqual(r.stderr, want, args)


if __name__ == "__main__":
    CTXSCAN = os.path.abspath(sys.argv.pop(1))
    leakcheck.install(CTXSCAN, __file__)
    unittest.main()
