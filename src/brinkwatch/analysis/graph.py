"""The patron graph: who stands behind whom, on which days, and through which chains.

Relations such as *funds*, *arms*, *commands* or *proxy_of* are read as ties
from a client up to a patron (which end is the patron, and how much each type
of tie weighs, is in ``data/attribution.yaml``). Attribution walks these ties
upward from an actor; rolling proxies up to their patrons walks them downward.
Both use the same chain rule, so an event rolled up to a patron is exactly an
event whose source ``attribute`` would trace to that patron on that day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from brinkwatch import dates
from brinkwatch.analysis.datafiles import load_model
from brinkwatch.records import RELATION_TYPES, Relation

FIRST_DAY = date.min.toordinal()
LAST_DAY = date.max.toordinal()


class EdgeRule(BaseModel):
    """How one relation type ties a client to a patron."""

    patron_is: Literal["source", "target"]
    weight: float = Field(gt=0, le=1)


class AttributionConfig(BaseModel):
    """The contents of ``attribution.yaml``."""

    version: int
    edges: dict[str, EdgeRule]
    decay: float = Field(gt=0, le=1)
    max_depth: int = Field(ge=1, le=10)
    min_strength: float = Field(ge=0, lt=1)
    roll_up_min_strength: float = Field(ge=0, le=1)

    def model_post_init(self, context: object) -> None:
        """Reject an edge type that the records contract does not know."""
        for name in self.edges:
            if name not in RELATION_TYPES:
                raise ValueError(f"edges.{name}: not a relation type ({', '.join(RELATION_TYPES)})")


@lru_cache(maxsize=1)
def load_attribution_config() -> AttributionConfig:
    """The packaged ``attribution.yaml``, read once."""
    return load_model("attribution.yaml", AttributionConfig)


@dataclass(frozen=True)
class Tie:
    """One relation read as a client-to-patron tie, with the days it holds (ordinals, inclusive)."""

    client: str
    patron: str
    relation: Relation
    weight: float
    first_day: int
    last_day: int

    def holds_on(self, day: int | None) -> bool:
        """Whether the tie holds on ``day``; ``None`` means at any time."""
        return day is None or self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Link:
    """The ties between one client and one patron that hold together, combined by noisy-or."""

    client: str
    patron: str
    ties: tuple[Tie, ...]
    strength: float
    first_day: int
    last_day: int


@dataclass(frozen=True)
class Chain:
    """A path from an actor up to a patron: ``actors[0]`` is the actor, ``actors[-1]`` the patron."""

    actors: tuple[str, ...]
    links: tuple[Link, ...]
    strength: float
    first_day: int
    last_day: int

    @property
    def patron(self) -> str:
        """The actor at the top of the chain."""
        return self.actors[-1]


def _span(relation: Relation) -> tuple[int, int]:
    lo = dates.bounds(relation.valid_from)[0].toordinal() if relation.valid_from else FIRST_DAY
    hi = dates.bounds(relation.valid_to)[1].toordinal() if relation.valid_to else LAST_DAY
    return lo, hi


def patron_ties(relations: Iterable[Relation], config: AttributionConfig) -> list[Tie]:
    """The relations that make one actor another's patron, as ties; others are ignored."""
    ties: list[Tie] = []
    for rel in relations:
        rule = config.edges.get(rel.type)
        if rule is None or rel.source == rel.target:
            continue
        patron, client = (rel.source, rel.target) if rule.patron_is == "source" else (rel.target, rel.source)
        lo, hi = _span(rel)
        ties.append(Tie(client, patron, rel, rule.weight * rel.confidence, lo, hi))
    return ties


def _combine(ties: list[Tie], client: str, patron: str) -> Link:
    """Independent ties between two actors reinforce each other: 1 - prod(1 - w)."""
    miss = 1.0
    for tie in ties:
        miss *= 1.0 - tie.weight
    return Link(
        client=client,
        patron=patron,
        ties=tuple(sorted(ties, key=lambda t: (-t.weight, t.relation.id))),
        strength=1.0 - miss,
        first_day=min(t.first_day for t in ties),
        last_day=max(t.last_day for t in ties),
    )


@dataclass
class PatronGraph:
    """Client-to-patron ties indexed both ways, and the chain rule over them."""

    ties: list[Tie]
    config: AttributionConfig
    _up: dict[str, list[Tie]] = field(default_factory=dict, init=False, repr=False)
    _down: dict[str, list[Tie]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        up: dict[str, list[Tie]] = defaultdict(list)
        down: dict[str, list[Tie]] = defaultdict(list)
        for tie in self.ties:
            up[tie.client].append(tie)
            down[tie.patron].append(tie)
        self._up, self._down = dict(up), dict(down)

    @classmethod
    def from_relations(
        cls, relations: Iterable[Relation], config: AttributionConfig | None = None
    ) -> PatronGraph:
        """Build the graph from any relations; types that are not patron ties are skipped."""
        cfg = config or load_attribution_config()
        return cls(patron_ties(relations, cfg), cfg)

    def links(self, client: str, day: int | None) -> list[Link]:
        """The actor's direct patrons on ``day`` (``None``: ties of any date), one link per patron."""
        by_patron: dict[str, list[Tie]] = defaultdict(list)
        for tie in self._up.get(client, []):
            if tie.holds_on(day):
                by_patron[tie.patron].append(tie)
        return [_combine(ts, client, p) for p, ts in sorted(by_patron.items())]

    def chains(self, actor: str, day: int | None) -> list[Chain]:
        """Every chain from ``actor`` up to a patron, strongest first.

        Chains never revisit an actor (no cycles), stop at ``max_depth`` links
        and are dropped (and not extended) below ``min_strength``. Without a
        day, ties of any date are used but a chain must have a day on which
        all its links hold.
        """
        cfg = self.config
        found: list[Chain] = []

        def walk(path: tuple[str, ...], links: tuple[Link, ...], product: float, lo: int, hi: int) -> None:
            if len(links) >= cfg.max_depth:
                return
            for link in self.links(path[-1], day):
                if link.patron in path:
                    continue
                new_lo, new_hi = max(lo, link.first_day), min(hi, link.last_day)
                if new_lo > new_hi:
                    continue
                new_product = product * link.strength
                strength = new_product * cfg.decay ** len(links)
                if strength < cfg.min_strength:
                    continue
                chain_links = (*links, link)
                found.append(Chain((*path, link.patron), chain_links, strength, new_lo, new_hi))
                walk((*path, link.patron), chain_links, new_product, new_lo, new_hi)

        walk((actor,), (), 1.0, FIRST_DAY, LAST_DAY)
        found.sort(key=lambda c: (-c.strength, len(c.actors), c.actors))
        return found

    def possible_clients(self, patron: str) -> set[str]:
        """Actors with a path of ties of any date up to ``patron`` within ``max_depth`` links."""
        seen: set[str] = set()
        frontier = {patron}
        for _ in range(self.config.max_depth):
            nxt = {t.client for p in frontier for t in self._down.get(p, [])} - seen - {patron}
            seen |= nxt
            frontier = nxt
        return seen

    def side(self, patron: str, min_strength: float | None = None) -> Side:
        """The patron and, for each day, the clients whose acts count as the patron's.

        The graph only changes where a tie begins or ends, so the days are cut
        at those boundaries and the chain rule is applied once per piece.
        """
        threshold = self.config.roll_up_min_strength if min_strength is None else min_strength
        clients = self.possible_clients(patron)
        involved = clients | {patron}
        cuts: set[int] = set()
        for tie in self.ties:
            if tie.client in involved and tie.patron in involved:
                if tie.first_day > FIRST_DAY:
                    cuts.add(tie.first_day)
                if tie.last_day < LAST_DAY:
                    cuts.add(tie.last_day + 1)
        starts = [FIRST_DAY, *sorted(cuts)]
        ends = [s - 1 for s in starts[1:]] + [LAST_DAY]
        members: dict[str, list[Membership]] = defaultdict(list)
        for lo, hi in zip(starts, ends, strict=True):
            for client in sorted(clients):
                best = next((c for c in self.chains(client, lo) if c.patron == patron), None)
                if best is not None and best.strength >= threshold:
                    members[client].append(Membership(lo, hi, best))
        return Side(patron, dict(members))


@dataclass(frozen=True)
class Membership:
    """Days (ordinals, inclusive) on which a client's acts count as its patron's, and the chain why."""

    first_day: int
    last_day: int
    chain: Chain


@dataclass(frozen=True)
class Side:
    """One side of a dyad: the principal actor and the proxies rolled up into it."""

    principal: str
    members: dict[str, list[Membership]]

    def actors(self) -> list[str]:
        """Every actor whose acts may count for this side (on some day)."""
        return [self.principal, *sorted(self.members)]

    def belongs(self, actor: str, day: int) -> bool:
        """Whether ``actor``'s acts on ``day`` count for this side."""
        return actor == self.principal or self.chain_on(actor, day) is not None

    def chain_on(self, actor: str, day: int) -> Chain | None:
        """The chain that makes a proxy's act on ``day`` this side's, if there is one."""
        for spell in self.members.get(actor, []):
            if spell.first_day <= day <= spell.last_day:
                return spell.chain
        return None
