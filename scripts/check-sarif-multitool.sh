#!/usr/bin/env bash
# Validates SARIF files with Microsoft's SARIF Multitool, using GitHub's ingestion
# rules ("Gh") and the SARIF spec's own rules ("Sarif"). Exits non-zero when any
# file has an error-level finding. The multitool (~100 MB, a self-contained .NET
# binary) is installed into a temporary folder with npm and is never a project
# dependency. Usage: scripts/check-sarif-multitool.sh FILE...
# Env: SARIF_MULTITOOL_VERSION (default 5.7.0), SARIF_MULTITOOL_DIR (reuse an install).
set -euo pipefail

version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
for file in "$@"; do
  if [ ! -f "$file" ]; then
    echo "$0: no such file: $file" >&2
    exit 2
  fi
done

dir="${SARIF_MULTITOOL_DIR:-}"
if [ -z "$dir" ]; then
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
fi
tool="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$tool" ]; then
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool-linux@$version" >&2
  # npm may skip the package's postinstall (chmod u+x) under script policies.
  chmod u+x "$tool"
fi

# No ICU on slim runners: the multitool needs invariant globalization to start.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
status=0
for file in "$@"; do
  out="$dir/$(basename "$file").validation.sarif"
  echo "== $file"
  rm -f "$out"
  # validate writes its findings as SARIF; --rule-kind picks GitHub's and the spec's rule sets.
  if ! "$tool" validate --rule-kind "Gh;Sarif" --output "$out" "$file"; then
    status=1
  fi
  if [ -f "$out" ]; then
    errors="$(node -e '
      const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      let n = 0;
      for (const run of log.runs ?? []) for (const r of run.results ?? []) {
        const level = r.level ?? "warning";
        const text = r.message?.text ?? (r.message?.arguments ?? []).join(" | ");
        const where = r.locations?.[0]?.physicalLocation?.region?.startLine ?? "";
        console.error(`  ${level} ${r.ruleId}${where ? ` (line ${where})` : ""}: ${text}`);
        if (level === "error") n++;
      }
      for (const inv of log.runs?.[0]?.invocations ?? []) for (const n2 of [...(inv.toolExecutionNotifications ?? []), ...(inv.toolConfigurationNotifications ?? [])])
        console.error(`  tool ${n2.level ?? ""}: ${n2.message?.text ?? ""}`);
      console.log(n);
    ' "$out")"
    echo "  errors: $errors"
    if [ "$errors" != "0" ]; then status=1; fi
  else
    echo "  no validation output was written" >&2
    status=1
  fi
done
exit "$status"
