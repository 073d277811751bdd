"""Connected components over a DataFrame of edges: the large-star / small-star algorithm.

Kiveris et al., "Connected Components in MapReduce and Beyond" (SoCC 2014). Each round is a
large-star step (every node links its larger neighbours to the smallest node it sees) then a small-star
step (every node links itself and its smaller neighbours to the smallest of them). Rounds repeat until
a round changes nothing (same edge count and the same sums of two edge hashes); the graph is then a
set of stars, each centred on its component's smallest node. Everything stays in DataFrames, one
checkpointed edge set per round: no edge is collected to the driver.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["MAX_ROUNDS", "connected_components"]

MAX_ROUNDS: Final = 64
"""A safety net: the algorithm needs O(log^2 n) rounds, a handful in practice."""


def _large_star(edges: Any) -> Any:
    """``(u, v)`` with ``u > v``: each node's larger neighbours linked to its smallest neighbour or itself."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F  # noqa: N812

    both = edges.union(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
    smallest = F.least(F.min("v").over(Window.partitionBy("u")), F.col("u"))
    return (
        both.withColumn("m", smallest)
        .where(F.col("v") > F.col("u"))
        .select(F.col("v").alias("u"), F.col("m").alias("v"))
    )


def _small_star(edges: Any) -> Any:
    """``(u, v)`` with ``u > v``: each node and its smaller neighbours linked to the smallest of them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F  # noqa: N812

    linked = edges.distinct().withColumn("m", F.min("v").over(Window.partitionBy("u")))
    neighbours = linked.where(F.col("v") != F.col("m")).select(F.col("v").alias("u"), F.col("m").alias("v"))
    centres = linked.select("u", F.col("m").alias("v"))
    return neighbours.union(centres).distinct()


def _fingerprint(edges: Any) -> tuple[int, int, int]:
    """Count and two sums of 32-bit edge hashes (no overflow below 2**31 edges)."""
    from pyspark.sql import functions as F  # noqa: N812

    low = F.xxhash64("u", "v").bitwiseAND(0xFFFFFFFF)
    row = edges.agg(F.count("*"), F.sum(low), F.sum(F.hash("u", "v"))).first()
    return int(row[0]), int(row[1] or 0), int(row[2] or 0)


def connected_components(edges: Any) -> Any:
    """``(node, component)`` for every node of ``edges`` (columns ``a``, ``b``, long ids).

    ``component`` is the smallest node of the component; nodes without edges are absent. One Spark job
    per round: the round's edges are checkpointed (which cuts the plan, that else doubles each step)
    by the job that fingerprints them.
    """
    from pyspark.sql import functions as F  # noqa: N812

    current = (
        edges.where(F.col("a") != F.col("b"))
        .select(F.greatest("a", "b").alias("u"), F.least("a", "b").alias("v"))
        .distinct()
        .localCheckpoint(eager=False)
    )
    seen = _fingerprint(current)
    for _ in range(MAX_ROUNDS):
        following = _small_star(_large_star(current)).localCheckpoint(eager=False)
        found = _fingerprint(following)
        current = following
        if found == seen:
            break
        seen = found
    else:
        raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
    members = current.select(F.col("u").alias("node"), F.col("v").alias("component"))
    centres = current.select(F.col("v").alias("node"), F.col("v").alias("component")).distinct()
    return members.union(centres)
