package io.catalyst.catalog.resolve;

import io.catalyst.catalog.blueprint.Blueprint;
import java.util.List;

/** The published versions of a Blueprint that the caller may see (empty when none or not visible). */
@FunctionalInterface
public interface BlueprintVersions {
  List<Blueprint> of(String name);
}
