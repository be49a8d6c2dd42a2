"""Curated corrections: merge, rename, roles, kinds, hide; matched by name or alias, any case."""
from __future__ import annotations

from generator.config import Corrections
from generator.corrections import apply_corrections
from generator.model import Player, SourceRef
from tests.test_players import RECALL, cast_of

REF = SourceRef("a", 1, 1, "Jane Roe met Acme.")


def player(pid: str, name: str, kind: str = "person", aliases: tuple[str, ...] = (), score: float = 1.0) -> Player:
    return Player(id=pid, name=name, kind=kind, aliases=aliases, roles=(), stances=(), quotes=(),  # type: ignore[arg-type]
                  articles=("a",), mentions=1, score=score, sources=(REF,))


def test_each_correction() -> None:
    players = [player("jane-roe", "Jane Roe", aliases=("Roe",), score=3), player("acme", "Acme", "person", score=2),
               player("acme-inc", "Acme Inc", "organization"), player("blip", "Blip", "organization")]
    corrections = Corrections(aliases=(("Acme Inc", ("ACME",)),), rename=(("roe", "Jane Q. Roe"),),
                              roles=(("jane q. roe", "Mayor of Springfield"),), kinds=(("Acme Inc", "organization"),),
                              hide=("BLIP", "Nobody"))
    out, notes, ids = apply_corrections(players, corrections)
    names = [p.name for p in out]
    assert names == ["Jane Q. Roe", "Acme Inc"]
    roe = out[0]
    assert roe.id == "jane-q-roe" and "Jane Roe" in roe.aliases and roe.role == "Mayor of Springfield"
    assert len(roe.edited) == 2
    acme = out[1]
    assert acme.kind == "organization" and "Acme" in acme.aliases and acme.mentions == 2
    assert ids["acme"] == ids["acme-inc"] == acme.id and ids["blip"] is None
    assert any("Nobody" in n for n in notes)


def test_aliases_merge_through_the_pipeline(nlp) -> None:
    corrections = Corrections(aliases=(("Elena Grau", ("Anne Whitlock",)),))  # a wrong merge on purpose
    cast = cast_of(nlp, RECALL, corrections)
    merged = [p for p in cast.players if p.name == "Elena Grau"]
    assert len(merged) == 1 and "Anne Whitlock" in merged[0].aliases
    assert cast.index.resolve("Anne Whitlock") == merged[0].id
