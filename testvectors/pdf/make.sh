#!/usr/bin/env bash
# Recipe for the PDF signature vectors (see README.md here): pyHanko signs, make_vectors.py hand-makes the attack
# updates and records pyHanko's verdicts in pyhanko-verdicts.json. Needs `pip install pyhanko pyhanko-cli`.
set -euo pipefail
cd "$(dirname "$0")"
python3 -c "import pyhanko" 2>/dev/null || { echo "pyHanko is missing: pip install pyhanko pyhanko-cli" >&2; exit 1; }
python3 make_vectors.py
