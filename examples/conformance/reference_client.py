#!/usr/bin/env python3
"""Reference client of the attn-theory conformance protocol (attn-theory-conformance/1).

Evaluates model files (docs/model-format.md, version 1) in float64 with numpy only, following the
forward semantics of that page step by step, and speaks the JSON-lines protocol of docs/conformance.md
on stdin/stdout:

    npx attn-theory conformance --cmd "python3 examples/conformance/reference_client.py"

Deliberately broken variants, for checking that the runner finds and shrinks their bugs:

    --bug transposed-scores   scores s_u = z^T W_QK x_u instead of x_u^T W_QK z
    --bug cls-not-key         the [CLS] row x_0 is not among the keys (attention over x_1..x_T only)
"""
import argparse
import base64
import json
import sys

import numpy as np

PROTOCOL = "attn-theory-conformance/1"
BUGS = ("none", "transposed-scores", "cls-not-key")
M32 = 0xFFFFFFFF


# ---- model file decoding (docs/model-format.md, "Conventions" and "Fields") -------------------------

def matrix(m):
    """A matrix in either encoding: nested rows, or {"shape": [r, c], "float64le": base64}."""
    if isinstance(m, list):
        if len(m) == 0:
            return np.zeros((0, 0))
        rows = np.array(m, dtype=np.float64)
        if rows.ndim != 2:
            raise ValueError("ragged matrix")
        return rows
    r, c = m["shape"]
    raw = base64.b64decode(m["float64le"], validate=True)
    if len(raw) != 8 * r * c:
        raise ValueError(f"packed matrix of shape {r}x{c} holds {len(raw)} bytes")
    # '<f8': IEEE-754 binary64, little-endian, row-major.
    return np.frombuffer(raw, dtype="<f8").astype(np.float64).reshape(r, c)


def fmix32(h):
    """murmur3's 32-bit finalizer, unsigned 32-bit arithmetic."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def sign_hash(seed, t, j):
    """signHash(seed, t, j) of docs/model-format.md (t, j 0-based)."""
    h = fmix32(fmix32(t + 1) ^ (((j + 1) * 0x9E3779B1) & M32) ^ seed)
    return -1.0 if h >> 31 else 1.0


def position_embedding(blocks, T, d):
    """E_pos (T x d): the sum of the position blocks, in file order."""
    E = np.zeros((T, d))
    for b in blocks:
        kind = b["kind"]
        if kind == "dense":
            E += matrix(b["matrix"])
        elif kind == "onehot":
            for t in range(T):
                E[t, b["column"] + t] += b["scale"]
        elif kind == "sign-hash":
            for t in range(T):
                for j in range(b["width"]):
                    E[t, b["column"] + j] += b["scale"] * sign_hash(b["seed"], t, j)
        else:
            raise ValueError(f"unknown position block kind {kind!r}")
    return E


def activate(name, x):
    """sigma, entrywise: identity, relu = max(0, x), tanh."""
    if name == "identity":
        return x
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "tanh":
        return np.tanh(x)
    raise ValueError(f"unknown activation {name!r}")


# ---- forward semantics (docs/model-format.md, "Forward semantics") ----------------------------------

def head(X, z, h, bug):
    """f_head(X, z) = sigma(W_V^T sum_u a_u x_u), a = softmax(s), s_u = x_u^T W_QK z (u = 0..T)."""
    wQK = matrix(h["wQK"])                      # d x d
    keys = X[1:] if bug == "cls-not-key" else X  # the [CLS] row is a key too (rows 0..T)
    if bug == "transposed-scores":
        s = keys @ (wQK.T @ z)                  # wrong: s_u = z^T W_QK x_u
    else:
        s = keys @ (wQK @ z)                    # s_u = x_u^T W_QK z
    e = np.exp(s - np.max(s))
    a = e / np.sum(e)                           # softmax, shifted by max s
    mixed = a @ keys                            # sum_u a_u x_u, length d
    return activate(h["activation"], mixed @ matrix(h["wV"]))  # length k


def layer(X, lay, bug):
    """One self-attention layer: every row x_t (t = 0..T, [CLS] included) is a query."""
    Y = np.zeros_like(X)
    for t in range(X.shape[0]):
        v = X[t].copy() if lay["residual"] else np.zeros(X.shape[1])
        for h in lay["heads"]:
            v = v + head(X, X[t], h, bug) @ matrix(h["wC"])   # o_h^T W_C
        R = lay["projectionRadius"]
        if R is not None:
            n = np.linalg.norm(v)
            if n > R:
                v = v * (R / n)                 # Pi_R(v) = v min(1, R / ||v||)
        Y[t] = v
    return Y


def forward(model, bits, bug):
    """f(b) for one bit string b (character t-1 is b_t)."""
    T, d = model["contextLength"], model["width"]
    emb = model["embedding"]
    token = matrix(emb["token"])                # 2 x d
    E_pos = position_embedding(emb["position"], T, d)
    X = np.zeros((T + 1, d))
    X[0] = np.array(emb["cls"], dtype=np.float64)            # x_0, the [CLS] row
    for t in range(1, T + 1):
        X[t] = token[int(bits[t - 1])] + E_pos[t - 1]       # x_t = E_tok[b_t] + E_pos[t]
    for lay in model["layers"]:
        X = layer(X, lay, bug)
    if model["clsHeads"]:
        p = sum(head(X, X[0], h, bug) for h in model["clsHeads"])  # query z = x_0 of the final X
    else:
        p = X[0]
    for r in model["readout"]:
        p = p @ matrix(r["weight"])
        if r["bias"] is not None:
            p = p + np.array(r["bias"], dtype=np.float64)
        p = activate(r["activation"], p)
    if p.shape != (1,):
        raise ValueError(f"readout ends in {p.shape} outputs, not 1")
    return float(p[0])


# ---- the protocol (docs/conformance.md) -------------------------------------------------------------

def reply(message):
    sys.stdout.write(json.dumps(message, allow_nan=False) + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bug", choices=BUGS, default="none", help="run a deliberately broken variant")
    bug = parser.parse_args().bug
    name = "reference_client.py (numpy)" + ("" if bug == "none" else f" with bug {bug}")
    while True:
        line = sys.stdin.readline()
        if line == "":
            return 0                            # stdin closed: the run is over
        msg = json.loads(line)
        if msg["type"] == "hello":
            reply({"type": "hello", "protocol": PROTOCOL, "implementation": name})
        elif msg["type"] == "eval":
            try:
                model = msg["model"]
                if model.get("format") != "attn-theory-model" or model.get("version") != 1:
                    raise ValueError("not an attn-theory-model version 1 file")
                outputs = [forward(model, b, bug) for b in msg["inputs"]]
                reply({"type": "result", "id": msg["id"], "outputs": outputs})
            except Exception as err:  # noqa: BLE001 - any failure becomes the protocol's error reply
                reply({"type": "error", "id": msg["id"], "message": f"{type(err).__name__}: {err}"})
        else:
            sys.stderr.write(f"reference_client.py: unknown message type {msg['type']!r}\n")
            return 1


if __name__ == "__main__":
    sys.exit(main())
