"""Hypothesis strategies for Corefile text: realistic pieces with awkward whitespace and comments."""

from __future__ import annotations

from hypothesis import strategies as st

_WORD_CHARS = st.sampled_from(list("abcxyz019.-_:/*@=%$()[],'`\\{}") + ["é", "\u00a0x"[1]])
bare_words = st.text(_WORD_CHARS, min_size=1, max_size=8).filter(
    lambda w: w not in ("{", "}", "import") and not w.startswith(("#", '"'))
)
quoted_words = st.text(st.sampled_from(list('ab #{}"\\\n\t ')), max_size=8).map(
    lambda inner: '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
)
words = st.one_of(bare_words, bare_words, quoted_words)
spaces = st.sampled_from([" ", "  ", "\t", " \t"])
newlines = st.sampled_from(["\n", "\r\n", "\n\n", "\n  \n"])
comments = st.text(st.sampled_from(list("ab {}#\"'\\ ")), max_size=10).map(lambda t: "#" + t)


@st.composite
def directive_lines(draw, depth: int = 1) -> str:
    indent = draw(st.sampled_from(["", "    ", "\t", "  "])) * depth
    parts = [draw(bare_words)]
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(spaces) + draw(words))
    line = indent + "".join(parts)
    if depth < 3 and draw(st.integers(0, 4)) == 0:
        body = "".join(draw(directive_lines(depth + 1)) for _ in range(draw(st.integers(0, 2))))
        line += " {" + draw(st.sampled_from(["", " " + draw(comments)])) + draw(newlines) + body + indent + "}"
    if draw(st.integers(0, 3)) == 0:
        line += draw(spaces) + draw(comments)
    return line + draw(newlines)


@st.composite
def corefiles(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            out.append(draw(comments) + draw(newlines))
        keys = " ".join(draw(st.lists(bare_words.filter(lambda w: not w.endswith(",")), min_size=1, max_size=3)))
        body = "".join(draw(st.lists(directive_lines(), max_size=4)))
        out.append(keys + " {" + draw(newlines) + body + "}" + draw(newlines))
    if draw(st.booleans()):
        out.append(draw(comments))
    return "".join(out)
