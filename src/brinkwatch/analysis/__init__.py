"""The analyses: one module a question the analyst asks of the knowledge graph.

- ``attribution``: who is behind an actor or an act (patron chains)
- ``balance``: unbalanced triads and the double game in the signed graph
- ``escalation``: the state of a dyad period by period
- ``reciprocity``: action-reaction pairs and how calibrated the answers are
- ``forecast``: a Hawkes forecast of hostile acts, with a backtest

Each has a pure core over interchange records (testable without a database)
and a thin function over a store with the signature of
``docs/architecture.md``. Criteria and weights are data, in ``analysis/data``.

Import the functions from their modules (``from brinkwatch.analysis.escalation
import escalation``): the package does not re-export them, because a function
named like its module would hide the module (``brinkwatch.analysis.balance``).
"""

from brinkwatch.analysis.storeapi import ActorNotFoundError

__all__ = ["ActorNotFoundError"]
