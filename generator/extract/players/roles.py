"""Roles and titles as a paragraph states them: "Acme CEO Jane Roe", "Jane Roe, the city's mayor",
"co-founder and research lead Jane Roe", "the head of the port authority, Jane Roe,", "the actor
Jane Roe", "Jane Roe of Acme", and founders named by "Acme was founded by ...".

An honorific or an abbreviated rank written before a name ("Lord Roe", "Gen. Jane Roe") belongs
to the name here: the title is the phrase before it, and a title ending in "for" or "of" just
before the honorific is someone else's ("a press officer for Lord Roe").
"""
from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .entities import POSSESSIVE, attached_hyphen, is_age, is_capitalised
from ..lexicon import Lexicon

MAX_ROLE_TOKENS = 12  # longer runs are clauses, not titles; "Under Secretary of ... and Engineering" is 7
ROLE_CONNECTORS = ("of", "for", "and", "&", "on", "at")
MAX_DESCRIPTION_TOKENS = 6  # "the state-run oil company": longer runs are clauses
# "The head of the port authority's inspectors in the week before the vote, Jane Roe,": a title
# phrase before an apposition is read this far back from the comma, then cut at its first
# preposition that is not a title's ("in", "during") when longer than MAX_ROLE_TOKENS. Chosen on
# the dev stories' appositions (the longest true one is 15 tokens); re-run bench/dev_eval.py (role).
MAX_APPOSITION_TOKENS = 16
DETERMINERS = ("the", "a", "an")
MIN_AGENT_STEM = 2  # letters before an agent ending ("ag-ent"): see _role_noun


@dataclass(frozen=True, slots=True)
class RoleText:
    """A title found next to a name; `org` is the organisation written with it, if any."""

    name: Span
    title: str  # the title words only: "CEO", "Deputy Secretary of Fisheries for Inland Waters"
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
        elif not left:
            of = _affiliation(doc, name, names)
            if of:
                out.append(of)
    out.extend(_founders(doc, names, lexicon))
    return out


def _lead(doc: Doc, name: Span, lexicon: Lexicon) -> int:
    """Where the name starts with the honorifics and abbreviated ranks written before it; one
    that is a title too ("Sen.", "Gov.") stays out, to be the role."""
    start = name.start
    while start > name.sent.start and is_capitalised(doc[start - 1]) and \
            doc[start - 1].lower_ in lexicon.honorifics and doc[start - 1].lower_ not in lexicon.titles:
        start -= 1
    return start


def _rank(doc: Doc, i: int, lexicon: Lexicon) -> int:
    """Length of a capitalised rank ending at token i ("Private", "Rear Admiral"), else 0: a
    word such as "private" is a title only so written before a name."""
    for n in (2, 1):
        if i - n + 1 >= 0 and all(is_capitalised(t) for t in doc[i - n + 1:i + 1]) and \
                " ".join(t.lower_ for t in doc[i - n + 1:i + 1]) in lexicon.ranks:
            return n
    return 0


def _describes(noun: Token, name: Span) -> bool:
    """The parser ties the noun before a name to it ("the actor Jane Roe": a compound of the
    name), unlike a time or an object written before it ("yesterday Jane Roe said")."""
    return name.start <= noun.head.i < name.end or noun.i == name.root.head.i


def _role_noun(tok: Token, lexicon: Lexicon) -> bool:
    """A common noun in the singular for a person who does something ("rapper", "actor",
    "worker"), which can describe the person named next to it; not a relative ("son", "wife"),
    whose role is someone else's, nor a date ("yesterday")."""
    word = tok.lower_
    if tok.tag_ != "NN" or not tok.is_alpha or not tok.is_lower or tok.ent_type_ \
            or word in lexicon.person_possessions:
        return False
    # MIN_AGENT_STEM letters at least before the ending: "agent" is "ag-ent", "her" is no "h-er";
    # re-run tests/test_player_roles.py and bench/dev_eval.py (role) after changing it
    return word in lexicon.titles or word in lexicon.person_nouns or any(
        word.endswith(end) and len(word) - len(end) >= MIN_AGENT_STEM for end in lexicon.agent_suffixes)


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
    if tok.lower_ == "the" and prev is not None and prev.lower_ in ROLE_CONNECTORS and tok.i + 1 < len(doc) \
            and (is_capitalised(doc[tok.i + 1])
                 or prev.lower_ not in ("and", "&") and doc[tok.i + 1].pos_ == "NOUN"):
        return True  # "chief executive of the Harbour Trust", "head of the army"; not "... and the new"
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):
        return True  # a participle describing the title: "the retiring dean", "the suspended treasurer"
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") or (is_capitalised(tok) and tok.pos_ not in ("PRON", "DET"))


def _before(doc: Doc, name: Span, names: list[Span], lexicon: Lexicon) -> RoleText | None:
    """A title written before the name: "Defense Secretary Jane Roe", "Acme's chief executive Jane Roe",
    "Private Jane Roe", "the actor Jane Roe"."""
    lead = _lead(doc, name, lexicon)
    sent_start = name.sent.start
    k = lead - 1
    if k > sent_start and doc[k].lower_ in DETERMINERS:
        k -= 1  # "president of the Acme": look past the article
    if k >= sent_start and doc[k].lower_ in ROLE_CONNECTORS and doc[k].lower_ != "and":
        return None  # "president of Acme": the name is the title's organisation, not its holder
    start = lead
    while start > sent_start and _allowed(doc, doc[start - 1]) and lead - start < MAX_ROLE_TOKENS:
        start -= 1
    for j in range(lead - 1, start, -1):  # "the diaries of Ruritanian ambassador Jane Roe": from "Ruritanian"
        if doc[j].lower_ in ("of", "for") and doc[j - 1].is_lower and doc[j - 1].pos_ == "NOUN" \
                and not _title_at(doc, j - 1, lexicon) \
                and not (j >= 2 and _title_at(doc, j - 2, lexicon) == 2):
            start = j + 1
            break
    while start < lead and (doc[start].lower_ in ROLE_CONNECTORS or doc[start].lower_ in POSSESSIVE
                            or doc[start].is_punct):
        start += 1
    if start >= lead:
        return _before_comma(doc, name, lexicon)
    if start > sent_start and doc[start - 1].lower_ in ("a", "an"):
        return None  # "is a local diplomat Jane Roe ...": a run-on caption; "a", not "the", before a title
    found = _phrase(doc, name, start, lead, lexicon)
    if found is None and lead > start:
        rank = _rank(doc, lead - 1, lexicon)
        if rank:  # "Private Jane Roe"
            rank_text = doc[lead - rank:lead].text
            found = RoleText(name, rank_text, "", rank_text, (lead - rank, lead))
        elif _role_noun(doc[lead - 1], lexicon) and doc[lead - 1].lower_ not in lexicon.org_nouns \
                and _describes(doc[lead - 1], name):
            run = lead - 1  # "the actor Jane Roe", "Ruritanian inventor Jane Roe": the words describing her
            while run > start and doc[run - 1].lower_ not in ROLE_CONNECTORS \
                    and doc[run - 1].lower_ not in POSSESSIVE:
                run -= 1
            found = _phrase(doc, name, run, lead, lexicon, head=lead - 1)
    return found


def _before_comma(doc: Doc, name: Span, lexicon: Lexicon) -> RoleText | None:
    """A title phrase, a comma, then the name in apposition: "The union's president, Jane Roe, said",
    "the retiring head of the port authority, Jane Roe,"."""
    comma = _lead(doc, name, lexicon) - 1
    if comma < 1 or doc[comma].text != "," or not (name.end == len(doc) or doc[name.end].text in (",", ".")):
        return None
    start = comma
    while start > name.sent.start and comma - start < MAX_APPOSITION_TOKENS and \
            (_allowed(doc, doc[start - 1]) or doc[start - 1].pos_ in ("DET", "ADP", "NUM")):
        start -= 1
    # the first title heads the phrase, which starts where that title's noun phrase does:
    # "of a radical cleric, Jane Roe," is "radical cleric"; "Acme's chief executive, Jane Roe,"
    first = next((k for k in range(start, comma) if _title_at(doc, k, lexicon)), None)
    if first is None:
        return None
    start = first
    while start > name.sent.start and doc[start - 1].pos_ not in ("DET", "ADP") and \
            doc[start - 1].lower_ not in ROLE_CONNECTORS and _allowed(doc, doc[start - 1]):
        start -= 1
    end = comma
    if end - start > MAX_ROLE_TOKENS:  # "head of the surveyors in the weeks before ...": the title's own part
        end = next((k for k in range(first + 1, comma) if doc[k].pos_ == "ADP" and doc[k].lower_ not in
                    ROLE_CONNECTORS), comma)
        if end - start > MAX_ROLE_TOKENS:
            return None
    return _phrase(doc, name, start, end, lexicon)


def _after(doc: Doc, name: Span, names: list[Span], lexicon: Lexicon) -> RoleText | None:
    """An apposition: "Jane Roe, the city's mayor," or "Jane Roe, CEO, Acme (via ...)"."""
    i = _past_age(doc, name.end)
    if i >= len(doc) or doc[i].text != ",":
        return None
    if i + 1 < len(doc) and doc[i + 1].lower_ == "of":  # "Jane Roe, of the Harbour Trust,": where she works
        return _affiliation(doc, name, names, i + 1)
    start = i + 1
    if start < len(doc) and doc[start].lower_ in DETERMINERS:
        start += 1
    end = start
    starts = {n.start for n in names}
    while end < len(doc) and end - start < MAX_ROLE_TOKENS and _allowed(doc, doc[end]) \
            and (doc[end].pos_ not in ("VERB", "AUX") or doc[end].dep_ == "amod"):
        if end in starts and end > start and doc[end - 1].lower_ in lexicon.titles:
            break  # "X, Acme CEO Jane Roe": the title belongs to the next name
        end += 1
    while end > start and doc[end - 1].lower_ in ROLE_CONNECTORS:
        end -= 1
    if end <= start:
        return None
    if any(_title_at(doc, k, lexicon) for k in range(start, min(start + 4, end))):
        role = _phrase(doc, name, start, end, lexicon)
    else:  # "Jane Roe, a dental hygienist at ...": the parser's apposition of the name
        head = next((k for k in range(start, min(start + 4, end)) if doc[k].dep_ == "appos"
                     and name.start <= doc[k].head.i < name.end and _role_noun(doc[k], lexicon)), None)
        if head is None:
            return None
        role = _phrase(doc, name, start, end, lexicon, head=head)
    if role and end + 1 < len(doc) and doc[end].text == ",":
        nxt = next((n for n in names if _lead(doc, n, lexicon) == end + 1), None)
        if nxt is not None and nxt.end < len(doc) and (doc[nxt.end].text == ","
                                                        or doc[nxt.end].pos_ in ("VERB", "AUX")):
            return None  # "Asked about Roe, the harbour master, Jane Doe, said": the title is Doe's
    # "CEO, Acme (via ...)" or "CEO, Acme." : an organisation alone after the title
    if role and not role.org and end + 1 < len(doc) and doc[end].text == ",":
        org = next((n for n in names if n.start == end + 1), None)
        if org is not None and (org.end == len(doc) or doc[org.end].text in ("(", ".", ")")):
            return RoleText(name, role.title, org.text, doc[start:org.end].text, (start, org.end))
    return role


def _phrase(doc: Doc, name: Span, start: int, end: int, lexicon: Lexicon, head: int | None = None
            ) -> RoleText | None:
    """Split a phrase into organisation and title; None when it holds no title. `head` is the
    describing noun ("rapper") of a phrase without a title of the lexicon."""
    first = next((k for k in range(start, end) if _title_at(doc, k, lexicon)), None)
    if first is None and head is not None:
        first = head
        while first > start and doc[first - 1].is_lower and doc[first - 1].pos_ in ("NOUN", "ADJ"):
            first -= 1  # "street vendor", "dental hygienist"
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


def _past_age(doc: Doc, i: int) -> int:
    """Past ", 56" after a name ("Jane Roe, 56, a teacher"): where the apposition's comma is."""
    if i + 2 < len(doc) and doc[i].text == "," and is_age(doc[i + 1]) and doc[i + 2].text == ",":
        return i + 2
    return i


def _affiliation(doc: Doc, name: Span, names: list[Span], at: int | None = None) -> RoleText | None:
    """"Jane Roe of the Harbour Trust said": the organisation a person speaks for, with an empty
    title. Kept only when the organisation is a player (combine checks), so "Jane Roe of
    Springfield" gives nothing. `at` is where "of" stands, if not right after the name."""
    i = name.end if at is None else at
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    j = i + 1 + (doc[i + 1].lower_ == "the")
    org = next((n for n in names if n.start == j), None)
    if org is None or (org.end < len(doc) and not (doc[org.end].is_punct
                                                   or doc[org.end].pos_ in ("VERB", "AUX"))):
        return None  # "Jane Roe of the Harbour Trust's board": a longer phrase, not an affiliation
    return RoleText(name, "", org.text, doc[i:org.end].text, (i, org.end))


def org_description(doc: Doc, name: Span, lexicon: Lexicon) -> str | None:
    """What the text calls an organisation: in apposition ("Acme, the oil company," -> "the oil
    company"; "Acme, the 150-year-old maker of pumps," -> "the 150-year-old maker of pumps") or
    written before its name ("heritage charity Acme" -> "heritage charity"). The description's head
    must be a noun for organisations ("company", "council", "charity")."""
    return _description_after(doc, name, lexicon) or _description_before(doc, name, lexicon)


def _description_after(doc: Doc, name: Span, lexicon: Lexicon) -> str | None:
    i = name.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in DETERMINERS:
        return None
    words = 0  # counted afresh after "of": the head's phrase and its complement have a limit each
    head: int | None = None  # where "of" follows the head noun: "the maker of pumps"
    for k in range(i + 2, len(doc)):
        tok = doc[k]
        if attached_hyphen(doc, k) or k + 1 < len(doc) and attached_hyphen(doc, k + 1):
            continue  # "150-year-old", "state-run": one word
        if head is None and tok.lower_ == "of" and k > i + 2 and _org_noun(doc[k - 1], lexicon):
            head, words = k, 0
            continue
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None  # "in Eastport, the health ministry said": the subject of a new clause
        clause = tok.pos_ in ("VERB", "AUX", "ADP", "PRON") and tok.dep_ != "amod" \
            or tok.tag_ in ("WP", "WDT")
        if tok.is_punct or clause:
            if head is None and k > i + 2 and _org_noun(doc[k - 1], lexicon):
                return doc[i + 1:k].text  # "the oil company"
            if head is not None and k > head + 1 and tok.is_punct:
                return doc[i + 1:k].text  # "the maker of pumps"
            return None
        words += 1
        if words > MAX_DESCRIPTION_TOKENS:
            return None
    return None


def _description_before(doc: Doc, name: Span, lexicon: Lexicon) -> str | None:
    """"the investment bank Acme", "mobile phone operator Acme": lower-case words ending in a
    singular noun for organisations, right before the name."""
    k = name.start - 1
    if k < name.sent.start or not _org_noun(doc[k], lexicon) or doc[k].tag_ != "NN" or not doc[k].is_lower:
        return None
    start = k
    while start > name.sent.start and k - start < MAX_DESCRIPTION_TOKENS - 1:
        prev = doc[start - 1]  # a modifier ("garden tool", "family-owned", "Ruritanian"), or a hyphen in one
        modifier = prev.pos_ in ("NOUN", "ADJ") or prev.dep_ == "amod" or attached_hyphen(doc, start)
        if attached_hyphen(doc, start - 1) or prev.ent_type_ == "NORP" \
                or (prev.is_lower or prev.is_sent_start) and modifier:
            start -= 1
        elif prev.lower_ in POSSESSIVE and start >= 2 and doc[start - 2].is_lower \
                and doc[start - 2].pos_ == "NOUN":
            start -= 2  # "gardeners' charity Acme"
        else:
            break
    if start > name.sent.start and doc[start - 1].tag_ == "PRP$":
        return None  # "stormed its office Acme ...": the office is someone else's
    if start > name.sent.start and doc[start - 1].lower_ in DETERMINERS:
        start -= 1
    text = doc[start:name.start].text
    return doc[start].lower_ + text[len(doc[start].text):] if doc[start].lower_ in DETERMINERS else text


def _org_noun(tok: Token, lexicon: Lexicon) -> bool:
    return tok.pos_ == "NOUN" and tok.lower_ in lexicon.org_nouns


def _name_in(tokens: list[Token], names: list[Span]) -> Span | None:
    for tok in tokens:
        for n in names:
            if tok.left_edge.i <= n.start and n.end <= tok.right_edge.i + 1:
                return n
    return None


__all__ = ["RoleText", "roles_in", "org_description"]
