#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of ctxscan from Debian 12's
# archive. Safe to run again: packages already present are left alone, and
# apt-get is not called at all when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libvectorscan-dev libre2-dev libgit2-dev libcli11-dev
  nlohmann-json3-dev libyaml-cpp-dev libarchive-dev libssl-dev libcurl4-openssl-dev libdeflate-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 clang-format clang-tidy git-filter-repo
  openssl default-jre-headless  # tests/e2e/file_signature_test.py: real PKCS#12, JKS and JCEKS stores
  buildah  # tests/buildah: real builds to check in_image against (no RUN, so no runtime needed)
  busybox-static  # tests/e2e/image_cli_test.py: RUN in FROM scratch images buildah builds
  skopeo docker-registry apache2-utils  # tests/e2e/registry_cli_test.py: real registries (htpasswd)
  pre-commit  # tests/e2e/precommit_test.py: the hooks of .pre-commit-hooks.yaml, run by pre-commit 3
  help2man zsh fish  # the Debian package's man page; tests/e2e/debian_package_test.py checks its completions
  python3-yaml  # tests/e2e/gitlab_template_test.py reads the GitLab CI template
  chromium  # tests/e2e/html_report_test.py: the HTML report in a real, headless browser
)
# libhyperscan-dev provides the same hs.h and libhs.pc; accept it in place of
# libvectorscan-dev (the two conflict, so never install one over the other).
if dpkg-query -W -f='${Status}' libhyperscan-dev 2>/dev/null | grep -q 'install ok installed'; then
  packages=("${packages[@]/libvectorscan-dev/}")
fi

missing=()
for p in "${packages[@]}"; do
  [ -n "$p" ] || continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
