#!/usr/bin/env python3
"""Lists the Swift source lines over 140 characters (counted in characters, not bytes) and fails when there is one.

`swift format` wraps code at 140 but leaves a long string literal or comment as it is; CI runs this after its lint."""
import sys, os
limit = 140
roots = sys.argv[1:] or ["Sources", "Tests"]
found = 0
for root in roots:
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    line = line.rstrip("\n")
                    if len(line) > limit:
                        found += 1
                        print(f"{path}:{number}: {len(line)} characters")
print(f"{found} lines over {limit} characters", file=sys.stderr)
sys.exit(1 if found else 0)
