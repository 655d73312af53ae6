#!/usr/bin/env bash
# Checks the deployment files without running containers (the development machine has no Docker
# daemon). Run from anywhere: bash infra/validate.sh
#
#   compose  `docker compose config` (or docker-compose v1) renders infra/compose.yaml
#   nginx    `nginx -t` on a copy of infra/nginx.conf adapted to a plain host nginx (see below)
#   yaml     every YAML file parses (python3 + PyYAML), and `kubectl kustomize infra/k8s` builds
#
# A missing tool is reported as skipped, not as a failure. Debian: apt-get install -y nginx-light
# docker-compose (or the docker-compose-plugin), python3-yaml, and kubectl.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
failed=0
passed=0
skipped=0
ok()   { echo "ok    $*"; passed=$((passed + 1)); }
bad()  { echo "FAIL  $*"; failed=$((failed + 1)); }
skip() { echo "skip  $*"; skipped=$((skipped + 1)); }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ---- compose -----------------------------------------------------------------------------------
# Placeholder secrets so that the ${VAR:?} checks in compose.yaml pass.
export POSTGRES_PASSWORD=validate MEILI_MASTER_KEY=validate-validate-validate \
       MINIO_ROOT_USER=validate MINIO_ROOT_PASSWORD=validate-validate
if docker compose version >/dev/null 2>&1; then
  if docker compose -f "$here/compose.yaml" config >"$tmp/compose.out" 2>&1; then ok "compose: docker compose config"
  else bad "compose: docker compose config"; cat "$tmp/compose.out"; fi
elif command -v docker-compose >/dev/null 2>&1; then
  # docker-compose v1 (Debian's 1.29) predates the top-level `name:`; check the rest of the file.
  sed '/^name: /d' "$here/compose.yaml" >"$tmp/compose.v1.yaml"
  if docker-compose --project-directory "$here" -f "$tmp/compose.v1.yaml" config >"$tmp/compose.out" 2>&1; then
    ok "compose: docker-compose config ($(docker-compose version --short 2>/dev/null), without the top-level name:)"
  else bad "compose: docker-compose config"; cat "$tmp/compose.out"; fi
else
  skip "compose: neither 'docker compose' nor 'docker-compose' is installed"
fi

# ---- nginx -------------------------------------------------------------------------------------
# The test copy differs from the real file only where a host nginx cannot follow the container:
# no `user nginx` account, pid and cache paths under the temp dir, and the upstream host `server`
# (a compose service name) replaced by 127.0.0.1; `resolve` is dropped when nginx is older than
# 1.27.3, which introduced it.
if command -v nginx >/dev/null 2>&1; then
  version="$(nginx -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')"
  keep_resolve=0
  if [ "$(printf '%s\n%s\n' 1.27.3 "$version" | sort -V | head -1)" = 1.27.3 ]; then keep_resolve=1; fi
  cp "$here/nginx.conf" "$here/nginx.upload-limits.conf" "$tmp/" && mkdir -p "$tmp/cache"
  sed -i \
    -e 's|^user nginx;|# user nginx;|' \
    -e "s|^pid /run/nginx.pid;|pid $tmp/nginx.pid;|" \
    -e "s|/var/cache/nginx/|$tmp/cache/|" \
    -e 's|server server:3000|server 127.0.0.1:3000|' \
    "$tmp/nginx.conf"
  if [ "$keep_resolve" = 0 ]; then sed -i -e 's| resolve max_fails| max_fails|' "$tmp/nginx.conf"; fi
  if nginx -t -q -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf" >"$tmp/nginx.out" 2>&1; then
    ok "nginx: nginx -t (nginx $version$([ "$keep_resolve" = 0 ] && echo ', without resolve'))"
  else bad "nginx: nginx -t"; cat "$tmp/nginx.out"; fi
else
  skip "nginx: nginx is not installed"
fi

# ---- YAML --------------------------------------------------------------------------------------
if python3 -c 'import yaml' >/dev/null 2>&1; then
  if python3 - "$here" <<'EOF'
import pathlib, sys, yaml
root = pathlib.Path(sys.argv[1])
files = sorted(list(root.glob('*.yaml')) + list(root.glob('k8s/*.yaml')))
for f in files:
    docs = [d for d in yaml.safe_load_all(f.read_text(encoding='utf-8')) if d is not None]
    for d in docs:
        if f.parent.name == 'k8s' and f.name != 'kustomization.yaml':
            assert {'apiVersion', 'kind', 'metadata'} <= d.keys(), f'{f}: missing apiVersion/kind/metadata'
    print(f'      {f.relative_to(root)}: {len(docs)} document(s)')
EOF
  then ok "yaml: every file parses"; else bad "yaml: parse error"; fi
else
  skip "yaml: python3 with PyYAML is not available"
fi

if command -v kubectl >/dev/null 2>&1; then
  if kubectl kustomize "$here/k8s" >"$tmp/k8s.out" 2>&1; then ok "k8s: kubectl kustomize ($(grep -c '^kind:' "$tmp/k8s.out") objects)"
  else bad "k8s: kubectl kustomize"; cat "$tmp/k8s.out"; fi
else
  skip "k8s: kubectl is not installed"
fi

echo "validate: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
