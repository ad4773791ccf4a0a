"""Prints pyHanko's verdict on each signature of a PDF as JSON (the same fields as pyhanko-verdicts.json), with
the test PKI as trust and the recipe's pinned validation time. Used by the tests to check what SenimPDF seals."""
import asyncio
import io
import json
import sys

from make_vectors import verdicts

if __name__ == "__main__":
    with open(sys.argv[1], "rb") as handle:
        print(json.dumps(asyncio.run(verdicts(handle.read())), sort_keys=True))
