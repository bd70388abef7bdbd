"""The lecture's backpropagation example as a plain-text table of every intermediate value."""

from __future__ import annotations

from lecture.strings import text
from mathcore import backprop


def _g(v: float) -> str:
    return f"{v:.10g}"


def table(values: dict, lang: str) -> str:
    mlp, x, y, lr = backprop.seed_example(values.get("w1"), values.get("w2"), values.get("x"),
                                          values.get("y"), values.get("lr"))
    W1, W2 = (w.copy() for w in mlp.weights)
    t = mlp.step(x, y, lr)
    T = lambda k: text(k, lang)  # noqa: E731
    out = [T("bp.title"), "=" * 60,
           f"{T('bp.given')}: {T('bp.inputs')} x1 = {_g(x[0])}, x2 = {_g(x[1])}; "
           f"{T('bp.target')} y = {_g(y[0])}; {T('bp.lr')} η = {lr:g}",
           f"  {T('bp.weights')}: " + ", ".join(f"w{i+1}{j+1}¹ = {_g(W1[i, j])}"
                                                 for i in range(2) for j in range(3)),
           f"  {T('bp.weights2')}: " + ", ".join(f"w{j+1}1² = {_g(W2[j, 0])}" for j in range(3)),
           "", f"[1] {T('bp.forward')}"]
    z = t.forward.a[0]
    for j in range(3):
        out.append(f"  z{j+1} = w1{j+1}¹·x1 + w2{j+1}¹·x2 = {_g(W1[0, j])}×{_g(x[0])} + "
                   f"{_g(W1[1, j])}×{_g(x[1])} = {_g(z[j])}")
    yh = t.forward.output[0]
    out.append("  y' = " + " + ".join(f"w{j+1}1²·z{j+1}" for j in range(3)) + " = "
               + " + ".join(f"{_g(W2[j, 0])}×{_g(z[j])}" for j in range(3)) + f" = {_g(yh)}")
    out += ["", f"[2] {T('bp.loss')}",
            f"  Loss = ½(y − y')² = ½({_g(y[0])} − {_g(yh)})² = {_g(t.loss)}",
            "", f"[3] {T('bp.dloss')}",
            f"  ∂L/∂y' = y' − y = {_g(yh)} − {_g(y[0])} = {_g(t.dloss_doutput[0])}",
            "", f"[4] {T('bp.layer2')}"]
    for j in range(3):
        d, a = t.chain_factors(1, j, 0)
        out.append(f"  ∂L/∂w{j+1}1² = ∂L/∂y' · z{j+1} = {_g(d)} × {_g(a)} = {_g(t.grads[1][j, 0])}")
    out += ["", f"[5] {T('bp.layer1')}"]
    for i in range(2):
        for j in range(3):
            f = t.chain_factors(0, i, j)
            chain = " × ".join(_g(v) for v in (f[0], f[1], f[3]))
            out.append(f"  ∂L/∂w{i+1}{j+1}¹ = ∂L/∂y' · w{j+1}1² · x{i+1} = {chain} = "
                       f"{_g(t.grads[0][i, j])}")
    out += ["", f"[6] {T('bp.update')}: W ← W − η ∂L/∂W"]
    for j in range(3):
        out.append(f"  w{j+1}1² = {_g(W2[j, 0])} − {lr:g} × {_g(t.grads[1][j, 0])} = "
                   f"{_g(t.weights[1][j, 0])}")
    for i in range(2):
        for j in range(3):
            out.append(f"  w{i+1}{j+1}¹ = {_g(W1[i, j])} − {lr:g} × {_g(t.grads[0][i, j])} = "
                       f"{_g(t.weights[0][i, j])}")
    z2 = t.forward_after.a[0]
    out += ["", f"[7] {T('bp.forward_again')}"]
    for j in range(3):
        out.append(f"  z{j+1} = {_g(t.weights[0][0, j])}×{_g(x[0])} + "
                   f"{_g(t.weights[0][1, j])}×{_g(x[1])} = {_g(z2[j])}")
    yh2 = t.forward_after.output[0]
    out.append(f"  y' = {_g(yh2)}")
    verdict = T("bp.smaller") if t.loss_after < t.loss else T("bp.larger")
    out += ["", f"[8] {T('bp.loss_again')}",
            f"  Loss = ½({_g(y[0])} − {_g(yh2)})² = {_g(t.loss_after)} "
            f"{'<' if t.loss_after < t.loss else '≥'} {_g(t.loss)}: {verdict}"]
    return "\n".join(out)
