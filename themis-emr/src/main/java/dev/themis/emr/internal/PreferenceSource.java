package dev.themis.emr.internal;

import dev.themis.ResourceState;
import java.util.List;

/** Evaluates {@code group_or_preferred_market} for an observed state. */
@FunctionalInterface
interface PreferenceSource {
  List<String> preferences(ResourceState state);
}
