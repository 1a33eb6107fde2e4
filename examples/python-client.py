#!/usr/bin/env python3
"""Call the attn-theory HTTP service from Python with the standard library only (urllib, json).

Start the service first:   attn-theory serve            (listens on http://127.0.0.1:8765)
Then:                      python3 examples/python-client.py [BASE_URL]

It asks POST /v1/bound for the capacity bound of the README's worked example (a scalar [CLS] head,
T = 1024, d = 64, m = 10^7, every norm budget 1, margin 1, delta 0.05), then POST /v1/bound/sample-size
for the least m whose generalization gap is at most 0.5, and prints one `name value` line per figure
(floats in repr, which round-trips exactly). A bad request gets a JSON error body
{error, field, value, message}; this script prints its message and exits with status 2.
"""
import json
import sys
import urllib.error
import urllib.request

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765"

REQUEST = {
    "model": "scalar",
    "contextLength": 1024,
    "width": 64,
    "sampleSize": 10_000_000,
    "inputNorm": 1,
    "normBounds": {"valueSpectral": 1, "valueGroup21": 1, "qkGroup21": 1, "readout": 1},
    "activationLipschitz": 1,
    "valueActivation": "identity",
    "margin": 1,
    "delta": 0.05,
}


def post(path, body):
    """POST body as JSON to BASE_URL + path and return the decoded JSON reply (exit 2 on an error reply)."""
    req = urllib.request.Request(
        BASE_URL + path,
        data=json.dumps(body).encode("utf-8"),
        headers={"content-type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as reply:
            return json.load(reply)
    except urllib.error.HTTPError as err:
        error = json.load(err)
        print(f"{path}: {err.code} {error['error']}: {error['message']}", file=sys.stderr)
        sys.exit(2)
    except urllib.error.URLError as err:
        print(f"{BASE_URL}: no attn-theory service there ({err.reason}); start one with `attn-theory serve`", file=sys.stderr)
        sys.exit(2)


bound = post("/v1/bound", REQUEST)
print("generalizationGap", repr(bound["generalizationGap"]))
print("rademacher", repr(bound["rademacher"]))
print("total", repr(bound["total"]))
print("vacuous", bound["vacuous"])
print("parameterCountingGap", repr(bound["baselines"]["parameterCounting"]["value"]))

without_m = {k: v for k, v in REQUEST.items() if k != "sampleSize"}
least = post("/v1/bound/sample-size", {"request": without_m, "targetGap": 0.5})
print("targetGap", repr(least["targetGap"]))
print("leastSampleSize", least["sampleSize"])
