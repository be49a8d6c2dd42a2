"""Roles and titles as a paragraph states them: "Acme CEO Jane Roe", "Jane Roe, the city's mayor",
"co-founder and policy lead Jane Roe", and founders named by "Acme was founded by ...".
"""
from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .entities import POSSESSIVE, attached_hyphen, is_capitalised
from ..lexicon import Lexicon

MAX_ROLE_TOKENS = 12  # longer runs are clauses, not titles; "Under Secretary of ... and Engineering" is 7
ROLE_CONNECTORS = ("of", "for", "and", "&", "on", "at")
MAX_DESCRIPTION_TOKENS = 6  # "the state-run oil company": longer runs are clauses


@dataclass(frozen=True, slots=True)
class RoleText:
    """A title found next to a name; `org` is the organisation written with it, if any."""

    name: Span
    title: str  # the title words only: "CEO", "Under Secretary of Defense for Research"
    org: str  # "Acme" in "Acme CEO", "Acme's chief executive", "CEO, Acme"; else ""
    text: str  # the whole phrase as written
    tokens: tuple[int, int]  # token range of the phrase in the paragraph


def roles_in(doc: Doc, names: list[Span], lexicon: Lexicon) -> list[RoleText]:
    """Every role phrase attached to one of `names`."""
    out: list[RoleText] = []
    for name in names:
        left = _before(doc, name, names, lexicon)
        if left:
            out.append(left)
        right = _after(doc, name, names, lexicon)
        if right:
            out.append(right)
    out.extend(_founders(doc, names, lexicon))
    return out


def _title_at(doc: Doc, i: int, lexicon: Lexicon) -> int:
    """Length in tokens of a title starting at token i (0 if none): "CEO", "chief executive", "co-founder"."""
    for n in (3, 2):  # "vice president", "co - founder"
        if i + n <= len(doc):
            words = doc[i:i + n]
            text = "".join(t.text_with_ws for t in words).strip().lower()
            if text in lexicon.titles or text.replace(" ", "") in lexicon.titles or \
                    (n == 3 and attached_hyphen(doc, i + 1) and text.replace(" ", "") in lexicon.titles):
                return n
    return 1 if doc[i].lower_ in lexicon.titles else 0


def _allowed(doc: Doc, tok: Token) -> bool:
    if tok.lower_ in ROLE_CONNECTORS or tok.lower_ in POSSESSIVE:
        return True
    if attached_hyphen(doc, tok.i) or (tok.i + 1 < len(doc) and attached_hyphen(doc, tok.i + 1)):
        return True
    if tok.is_punct:
        return False
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and tok.like_num and is_capitalised(prev) and prev.pos_ == "PROPN":
        return True  # a numbered unit: "Local 12", "District 9"
    if tok.lower_ == "the" and prev is not None and prev.lower_ in ROLE_CONNECTORS \
            and tok.i + 1 < len(doc) and is_capitalised(doc[tok.i + 1]):
        return True  # "chief executive of the Harbour Trust"
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") or (is_capitalised(tok) and tok.pos_ not in ("PRON", "DET"))


def _before(doc: Doc, name: Span, names: list[Span], lexicon: Lexicon) -> RoleText | None:
    """A title written before the name: "Defense Secretary Jane Roe", "Acme's chief executive Jane Roe"."""
    start = name.start
    sent_start = name.sent.start
    if start > sent_start and doc[start - 1].lower_ in ROLE_CONNECTORS and doc[start - 1].lower_ != "and":
        return None  # "president of Acme": the name is the title's organisation, not its holder
    while start > sent_start and _allowed(doc, doc[start - 1]) and name.start - start < MAX_ROLE_TOKENS:
        start -= 1
    while start < name.start and (doc[start].lower_ in ROLE_CONNECTORS or doc[start].lower_ in POSSESSIVE
                                  or doc[start].is_punct):
        start += 1
    if start >= name.start:
        return _before_comma(doc, name, lexicon)
    return _phrase(doc, name, start, name.start, lexicon)


def _before_comma(doc: Doc, name: Span, lexicon: Lexicon) -> RoleText | None:
    """A title, a comma, then the name in apposition: "The union's president, Jane Roe, said"."""
    comma = name.start - 1
    if comma < 1 or doc[comma].text != "," or not (name.end == len(doc) or doc[name.end].text in (",", ".")):
        return None
    if not _title_at(doc, comma - 1, lexicon) and not (comma >= 2 and _title_at(doc, comma - 2, lexicon) == 2):
        return None
    start = comma
    while start > name.sent.start and _allowed(doc, doc[start - 1]) and comma - start < MAX_ROLE_TOKENS:
        start -= 1
    while start < comma and (doc[start].lower_ in ROLE_CONNECTORS or doc[start].lower_ in POSSESSIVE):
        start += 1
    return _phrase(doc, name, start, comma, lexicon) if start < comma else None


def _after(doc: Doc, name: Span, names: list[Span], lexicon: Lexicon) -> RoleText | None:
    """An apposition: "Jane Roe, the city's mayor," or "Jane Roe, CEO, Acme (via ...)"."""
    i = name.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    start = i + 1
    if start < len(doc) and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    end = start
    starts = {n.start for n in names}
    while end < len(doc) and end - start < MAX_ROLE_TOKENS and _allowed(doc, doc[end]) \
            and doc[end].pos_ not in ("VERB", "AUX"):
        if end in starts and end > start and doc[end - 1].lower_ in lexicon.titles:
            break  # "X, Acme CEO Jane Roe": the title belongs to the next name
        end += 1
    while end > start and doc[end - 1].lower_ in ROLE_CONNECTORS:
        end -= 1
    if end <= start or not any(_title_at(doc, k, lexicon) for k in range(start, min(start + 4, end))):
        return None
    role = _phrase(doc, name, start, end, lexicon)
    # "CEO, Acme (via ...)" or "CEO, Acme." : an organisation alone after the title
    if role and not role.org and end + 1 < len(doc) and doc[end].text == ",":
        org = next((n for n in names if n.start == end + 1), None)
        if org is not None and (org.end == len(doc) or doc[org.end].text in ("(", ".", ")")):
            return RoleText(name, role.title, org.text, doc[start:org.end].text, (start, org.end))
    return role


def _phrase(doc: Doc, name: Span, start: int, end: int, lexicon: Lexicon) -> RoleText | None:
    """Split a phrase into organisation and title; None when it holds no title."""
    first = next((k for k in range(start, end) if _title_at(doc, k, lexicon)), None)
    if first is None:
        return None
    org_end = first
    if org_end > start and doc[org_end - 1].lower_ in POSSESSIVE:
        org_end -= 1
    org = doc[start:org_end].text if org_end > start else ""
    org = org if org and any(is_capitalised(t) for t in doc[start:org_end]) else ""
    title_start = start if not org else first
    title = doc[title_start:end].text
    return RoleText(name, title, org, doc[start:end].text, (start, end))


def _founders(doc: Doc, names: list[Span], lexicon: Lexicon) -> list[RoleText]:
    """People named as founders: "Acme was founded by ... Jane Roe" / "Jane Roe co-founded Acme"."""
    out: list[RoleText] = []
    verbs = _unhyphenated(lexicon.founding_verbs)
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower().replace("-", "") not in verbs:
            continue
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            orgs = [c for c in passive]
            agents = [c for c in verb.children if c.dep_ == "agent"]
        else:
            orgs = [c for c in verb.children if c.dep_ == "dobj"]
            agents = [c for c in verb.children if c.dep_ == "nsubj"]
        org = _name_in(orgs, names)
        if org is None or not agents:
            continue
        people = [n for n in names if any(a.left_edge.i <= n.start and n.end <= a.right_edge.i + 1
                                          for a in agents) and n.start != org.start]
        if not people:
            continue
        plural = len(people) > 1 or any(t.tag_ in ("NNS", "CD") for a in agents for t in a.subtree)
        cofounded = "co" in verb.text.lower()[:3]
        title = "co-founder" if plural or cofounded else "founder"
        for person in people:
            out.append(RoleText(person, title, org.text, f"{title} of {org.text}", (verb.i, verb.i + 1)))
    return out


@lru_cache(maxsize=8)  # once per lexicon, not once per verb of every paragraph
def _unhyphenated(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.replace("-", "") for w in words)


def org_description(doc: Doc, name: Span, lexicon: Lexicon) -> str | None:
    """What the text calls an organisation in apposition: "Acme, the oil company," -> "the oil
    company". The phrase must end in a noun for organisations ("company", "council")."""
    i = name.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("the", "a", "an"):
        return None
    for k in range(i + 2, min(i + 2 + MAX_DESCRIPTION_TOKENS, len(doc))):
        tok = doc[k]
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "PRON") or tok.tag_ in ("WP", "WDT"):
            last = doc[k - 1]
            if k > i + 2 and last.lower_ in lexicon.org_nouns and last.pos_ == "NOUN":
                return doc[i + 1:k].text
            return None
    return None


def _name_in(tokens: list[Token], names: list[Span]) -> Span | None:
    for tok in tokens:
        for n in names:
            if tok.left_edge.i <= n.start and n.end <= tok.right_edge.i + 1:
                return n
    return None


__all__ = ["RoleText", "roles_in", "org_description"]
