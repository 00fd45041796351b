#!/usr/bin/env bash
# Says in one line of the job log whether this build is signed (and, on macOS, notarised), and makes
# electron-builder build unsigned instead of failing when the signing secrets are absent (forks, pull requests).
# Reads CSC_LINK, APPLE_ID and APPLE_API_KEY_P8 (the App Store Connect key's text); writes to $GITHUB_ENV.
set -euo pipefail

if [ -z "${CSC_LINK:-}" ]; then
  echo "Signing secrets are absent: building unsigned."
  echo "CSC_IDENTITY_AUTO_DISCOVERY=false" >>"$GITHUB_ENV"
  exit 0
fi

if [ "${RUNNER_OS:-}" != "macOS" ]; then
  echo "Signing secrets are present: building signed."
  exit 0
fi

# electron-builder reads the App Store Connect key from a file named by APPLE_API_KEY.
if [ -n "${APPLE_API_KEY_P8:-}" ]; then
  key_file="${RUNNER_TEMP:-/tmp}/AuthKey.p8"
  printf '%s\n' "$APPLE_API_KEY_P8" >"$key_file"
  echo "APPLE_API_KEY=$key_file" >>"$GITHUB_ENV"
fi

if [ -z "${APPLE_ID:-}" ] && [ -z "${APPLE_API_KEY_P8:-}" ]; then
  echo "Notarisation secrets are absent: building signed, not notarised."
else
  echo "Signing and notarisation secrets are present: building signed and notarised."
fi
