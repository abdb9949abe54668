"""Plain text as staff paste it from the old update pages, and Markdown made from it.

`clean_line` makes pasted spaces plain, `to_markdown` keeps paragraphs and turns bullet
and numbered lines into (nested) Markdown lists, `title_key` folds a title for matching
and `short` cuts text down for a message.
"""

import re
import unicodedata

# Spaces pasted from web pages: no-break, thin, figure and the like become plain spaces.
ODD_SPACES_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
LIST_LINE_RE = re.compile(
    r"(?P<indent> *)(?:(?P<bullet>[•\-*·–—▪◦●○‣⁃])|(?P<number>\d{1,3})[.)])\s+(?P<text>\S.*)"
)


def clean_line(line: str) -> str:
    """Return `line` with odd spaces made plain and runs of spaces collapsed; keep its indent."""
    line = ZERO_WIDTH_RE.sub("", ODD_SPACES_RE.sub(" ", line)).expandtabs(4).rstrip()
    text = line.lstrip(" ")
    if not text:
        return ""
    return " " * (len(line) - len(text)) + re.sub(r"\s+", " ", text)


def _escape_markdown_start(text: str) -> str:
    """Keep a line of plain text from turning into a heading, quote, rule or list."""
    if re.match(r"#|>|\+\s|[-=_*]{3,}\s*$", text):
        return "\\" + text
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)


def short(text: str, length: int = 80) -> str:
    """Return `text` on one line, cut to `length` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def title_key(title: str) -> str:
    """Return `title` folded for matching: case, spaces, curly quotes and dashes ignored."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"}))
    return " ".join(text.replace("—", "-").split())


def to_markdown(lines: list[str]) -> str:
    """Return Markdown for plain-text `lines`: paragraphs kept, bullet and numbered lines as
    lists (deeper indentation nests, four spaces a level), numbered lists keep their start."""
    blocks: list[tuple[str, list]] = []
    after_blank = True
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        match = LIST_LINE_RE.fullmatch(line)
        last = blocks[-1] if blocks else None
        if match:
            kind = "ol" if match["number"] else "ul"
            entry = [len(match["indent"]), kind, match["number"], match["text"].strip()]
            # A list goes on across blank lines ("3. …", blank, "4. …") unless its kind
            # changes at the top level.
            top = last[1][0] if last and last[0] == "list" else None
            if top and not (entry[0] <= top[0] and kind != top[1]):
                last[1].append(entry)
            else:
                blocks.append(("list", [entry]))
        elif last and last[0] == "list" and not after_blank and line.startswith(" "):
            last[1][-1][3] += " " + line.strip()  # an indented line carries on its list item
        elif last and last[0] == "paragraph" and not after_blank:
            last[1].append(line.strip())
        else:
            blocks.append(("paragraph", [line.strip()]))
        after_blank = False
    return "\n\n".join(
        _list_markdown(lines) if kind == "list" else "\n".join(map(_escape_markdown_start, lines))
        for kind, lines in blocks
    )


def _list_markdown(entries: list) -> str:
    indents: list[int] = []
    out = []
    for indent, kind, number, text in entries:
        while indents and indent < indents[-1]:
            indents.pop()
        if not indents or indent > indents[-1]:
            indents.append(indent)
        marker = f"{number}." if kind == "ol" else "-"
        out.append("    " * (len(indents) - 1) + f"{marker} {_escape_markdown_start(text)}")
    return "\n".join(out)
