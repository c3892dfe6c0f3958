"""Fits the error function of `src/gelu.rs`: erf(x) ~ x * P(x^2) / Q(x^2) on [0, 4], Q(0) = 1.

Linearised least squares (x P - f Q), divided by the last Q so that it converges to the
rational least-squares fit, and reweighted by the error (Lawson) towards the smallest worst
error. Prints the coefficients in single precision and the worst error of the function as
`gelu.rs` evaluates it (Horner, single precision). Needs numpy.

    python3 erf_fit.py
"""

import math

import numpy as np

X = 4.0
N_P, N_Q = 7, 5  # coefficients: P of degree 6 in t = x^2, Q of degree 4

xs = np.concatenate(
    [np.cos(np.linspace(0, np.pi, 4000)) * X / 2 + X / 2, np.linspace(0, X, 4000)]
)
f = np.array([math.erf(x) for x in xs])
t = xs**2
w = np.ones_like(xs)
q_last = np.ones_like(xs)
for _ in range(30):
    a = np.zeros((len(xs), N_P + N_Q - 1))
    for i in range(N_P):
        a[:, i] = xs * t**i
    for j in range(1, N_Q):
        a[:, N_P + j - 1] = -f * t**j
    scale = w / q_last
    sol, *_ = np.linalg.lstsq(a * scale[:, None], f * scale, rcond=None)
    p = sol[:N_P]
    q = np.concatenate([[1.0], sol[N_P:]])
    q_last = np.polyval(q[::-1], t)
    err = xs * np.polyval(p[::-1], t) / q_last - f
    w = w * np.abs(err) ** 0.5 + 1e-30
    w = w / w.max()

p32 = [np.float32(c) for c in p]
q32 = [np.float32(c) for c in q]


def horner(c, t):
    r = c[-1]
    for a in c[-2::-1]:
        r = r * t + a
    return r


xx = np.linspace(0, X, 200001).astype(np.float32)
got = np.minimum(xx * horner(p32, xx * xx) / horner(q32, xx * xx), np.float32(1))
want = np.array([math.erf(float(v)) for v in xx])
print("P", [str(c) for c in p32])
print("Q", [str(c) for c in q32])
print("worst error in single precision", np.abs(got.astype(np.float64) - want).max())
