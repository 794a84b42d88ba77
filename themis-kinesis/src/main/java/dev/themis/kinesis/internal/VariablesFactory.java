package dev.themis.kinesis.internal;

import dev.themis.kinesis.StreamSnapshot;
import java.util.Map;

/** Builds the expression variables ({@code stream}, {@code shards}, {@code shards_list}) of a snapshot. */
interface VariablesFactory {
  Map<String, Object> variables(StreamSnapshot snapshot, int openShards, Map<String, Double> metrics);

  VariablesFactory NONE = (s, n, m) -> Map.of();
}
