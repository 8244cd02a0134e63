"""Line-level mutations of a valid YAML file, shared by the fuzz tests."""

from __future__ import annotations

from hypothesis import strategies as st


def mutate_lines(data, lines: list[bytes], tokens: st.SearchStrategy[str], max_ops: int = 5) -> bytes:
    """Drop, duplicate, flip a byte, re-indent or replace a few lines, or keep a key and change its value
    (which reaches the schema and the model rather than the parser)."""
    lines = list(lines)
    for _ in range(data.draw(st.integers(1, max_ops))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "flip", "indent", "dedent", "replace", "value"]))
        if op == "drop":
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "flip" and lines[i]:
            j = data.draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + bytes([data.draw(st.integers(0, 255))]) + lines[i][j + 1:]
        elif op == "indent":
            lines[i] = b"  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "replace":
            lines[i] = data.draw(tokens).encode()
        elif b":" in lines[i]:
            key = lines[i].split(b":", 1)[0]
            lines[i] = key + b": " + data.draw(tokens).encode().strip()
    return b"\n".join(lines)
